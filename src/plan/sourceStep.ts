import type { ChainBase } from "./sourceChain.js";
import type { PlanEnv } from "./planOptions.js";
import type { SourceStep } from "./steps.js";
import { unlisted } from "./unlisted.js";

/** Where the first credentials come from; undefined for a web identity or SAML base (its STS step is the source). */
export function sourceStep(base: ChainBase, env: PlanEnv): SourceStep | undefined {
  const p = base.profile;
  switch (base.kind) {
    case "static": {
      const temporary = Boolean(p.awsSessionToken);
      return {
        kind: "StaticKeys",
        profile: p.name,
        temporary,
        // getProfile checked that a key id comes with its secret.
        keys: unlisted({
          accessKeyId: p.awsAccessKeyId!,
          secretAccessKey: p.awsSecretAccessKey!,
          ...(p.awsSessionToken ? { sessionToken: p.awsSessionToken } : {}),
        }),
        reasons: [`${temporary ? "session" : "long-term"} keys of profile "${p.name}" (${p.where.aws_access_key_id})`],
      };
    }
    case "keychain":
      return { kind: "KeychainKeys", profile: p.name, reasons: [`long-term keys of "${p.name}" from the OS keychain`] };
    case "environment":
      return {
        kind: "Environment",
        profile: p.name,
        reasons: [`credential_source = Environment: AWS_ACCESS_KEY_ID ${env.AWS_ACCESS_KEY_ID ? "is set" : "is NOT set"} in this environment`],
      };
    case "sdk":
      return { kind: "SdkProvider", profile: p.name, provider: base.provider, reasons: [`resolved by the AWS SDK (${base.provider})`] };
    default:
      return undefined;
  }
}

/** Long-term keys can call GetSessionToken, and a role assumed with them is not chained. */
export function isLongTerm(source: SourceStep | undefined, env: PlanEnv): boolean {
  return (source?.kind === "StaticKeys" && !source.temporary) || source?.kind === "KeychainKeys" || (source?.kind === "Environment" && !env.AWS_SESSION_TOKEN);
}
