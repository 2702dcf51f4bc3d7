import type { AwsCredentials } from "../credentials.js";
import { ConfigError, StoreError } from "../errors.js";
import { registerSecret } from "../io/redact.js";
import type { SourceStep } from "../plan/steps.js";
import { KeychainError } from "../store/keychainErrors.js";
import { keychainUnreadable } from "../store/keychainUnreadable.js";

export interface SourceDeps {
  env: NodeJS.ProcessEnv;
  /** Named secrets in the OS keychain (or the file vault); only read for KeychainKeys. */
  secrets: () => Promise<{ get(name: string): Promise<string | null>; readonly backend: string; readonly unavailable?: StoreError }>;
}

/** Set for a credential_process that stsctl runs, so that a loop back into stsctl is caught. */
const NESTED = "STSCTL_IN_CREDENTIAL_PROCESS";

/** Name of the keychain item holding a profile's long-term keys (`stsctl add`). */
export const keysSecretName = (profile: string) => `keys:${profile}`;

/** The first credentials of a plan. The SDK's providers are imported only for the sources they serve. */
export async function sourceCredentials(step: SourceStep, deps: SourceDeps): Promise<AwsCredentials> {
  switch (step.kind) {
    case "StaticKeys": {
      // The planner copied the keys from the profile onto the step (src/plan/sourceStep.ts).
      const { accessKeyId, secretAccessKey, sessionToken } = step.keys;
      return remember({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
    }
    case "KeychainKeys": {
      const secrets = await deps.secrets();
      // A keychain that cannot be opened hides the keys; it must not read as keys never stored.
      const unreadable = (e: StoreError) => keychainUnreadable(`cannot read the keys of profile "${step.profile}"`, e);
      if (secrets.unavailable) throw unreadable(secrets.unavailable);
      let raw: string | null;
      try {
        raw = await secrets.get(keysSecretName(step.profile));
      } catch (e) {
        throw e instanceof KeychainError ? unreadable(e) : e;
      }
      if (!raw) {
        const where =
          secrets.backend === "file"
            ? "the stsctl file vault"
            : secrets.backend === "keychain"
              ? "the OS keychain"
              : "a keychain (STSCTL_KEYRING=none keeps none)";
        throw new StoreError(`no keys for profile "${step.profile}" in ${where}`, {
          hint: `run stsctl add ${step.profile} to store them, or remove stsctl_credentials from the profile`,
        });
      }
      const k = JSON.parse(raw) as { accessKeyId: string; secretAccessKey: string };
      return remember({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey });
    }
    case "Environment": {
      const { AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token } = deps.env;
      if (!id || !secret) {
        throw new ConfigError(`profile "${step.profile}" uses credential_source = Environment, but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set`, {
          hint: "export both variables, or give the profile a source_profile instead",
        });
      }
      return remember({ accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) });
    }
    case "SdkProvider": {
      if (step.provider === "process" && deps.env[NESTED] !== undefined) {
        // We are already inside a credential_process that stsctl started: a profile whose
        // credential_process leads back to stsctl would otherwise spawn copies without end.
        throw new ConfigError(
          `profile "${step.profile}": credential_process runs inside another credential_process started by stsctl (from profile "${deps.env[NESTED]}")`,
          {
            hint: `if credential_process of "${step.profile}" calls stsctl credential-process, point it at a profile that gets credentials another way`,
          },
        );
      }
      if (step.provider === "process") {
        // The SDK runs the command with process.env: a copy of it without stsctl's own secrets
        // (deps.env, the original object, keeps them for stsctl).
        const { childEnv } = await import("../io/childEnv.js");
        process.env = { ...childEnv(process.env), [NESTED]: step.profile };
      }
      const providers = await import("@aws-sdk/credential-providers");
      const provider =
        step.provider === "process"
          ? providers.fromProcess({ profile: step.profile })
          : step.provider === "sso"
            ? providers.fromSSO({ profile: step.profile })
            : step.provider === "instance"
              ? providers.fromInstanceMetadata({ timeout: 1000, maxRetries: 1 })
              : providers.fromContainerMetadata({ timeout: 1000, maxRetries: 1 });
      try {
        const c = await provider();
        return remember({
          accessKeyId: c.accessKeyId,
          secretAccessKey: c.secretAccessKey,
          ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
          ...(c.expiration ? { expiration: c.expiration } : {}),
        });
      } catch (e) {
        throw new ConfigError(`profile "${step.profile}": the AWS SDK could not get credentials (${step.provider}): ${(e as Error).message}`, {
          hint: step.provider === "sso" ? `run aws sso login --profile ${step.profile}` : "check the profile's credential settings",
          cause: e,
        });
      }
    }
  }
}

function remember(c: AwsCredentials): AwsCredentials {
  registerSecret(c.secretAccessKey);
  registerSecret(c.sessionToken);
  return c;
}
