import * as f from "../config/fields.js";
import { UsageError } from "../errors.js";
import { parseDuration } from "../plan/durations.js";
import { environmentWebIdentityPlan, roleFromEnvironment } from "../plan/environmentWebIdentityPlan.js";
import { plan } from "../plan/plan.js";
import type { Plan, WebIdentityTokenSource } from "../plan/steps.js";
import { webIdentityPlan, type WebIdentityFlags } from "../plan/webIdentityPlan.js";
import type { Ctx } from "../app/ctx.js";
import { createEngine } from "../app/createEngine.js";
import { checkOutputOptions, emitSession } from "../cli/emitSession.js";
import { engineOptions } from "../cli/engineOptions.js";
import { outputOptions } from "../cli/outputOptions.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { planOptions } from "../cli/planOptions.js";
import { envProfile, profileName } from "../cli/profileName.js";

/**
 * stsctl oidc [profile]: AssumeRoleWithWebIdentity with a token from a file, a
 * command or an OIDC sign-in. The token source comes from, in order: flags
 * (--token-file, --token-process, --issuer), a named profile, the
 * AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN convention, the default profile.
 */
export default async function oidc(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const output = outputOptions(opts);
  const duration = typeof opts.duration === "string" ? opts.duration : undefined;
  const config = loadUserConfig(ctx);
  const { plan: p, fromProfile } = choosePlan(ctx, args, opts, () => config);
  // Without a profile, --write's default section is [stsctl-web-identity] (defaultSectionName).
  const flow = fromProfile ? undefined : "web identity";
  await checkOutputOptions(ctx, output, p.profile, flow);
  const result = await createEngine(ctx, config, p, engineOptions(opts)).run();
  return emitSession(ctx, result, output, { profile: p.profile, plan: p, record: fromProfile, flow, duration });
}

export function choosePlan(
  ctx: Pick<Ctx, "env">,
  args: unknown[],
  opts: Record<string, unknown>,
  config: () => ReturnType<typeof loadUserConfig>,
): { plan: Plan; fromProfile: boolean } {
  const env = ctx.env;
  const s = (k: string) => (typeof opts[k] === "string" && opts[k] !== "" ? (opts[k] as string) : undefined);
  const sources = (["tokenFile", "tokenProcess", "issuer"] as const).filter((k) => s(k));
  const named = (typeof args[0] === "string" && args[0]) || s("profile");

  if (sources.length > 1) {
    throw new UsageError("give one token source: --token-file, --token-process or --issuer", { hint: "see stsctl oidc --help" });
  }
  if (named && (sources.length > 0 || s("roleArn"))) {
    throw new UsageError(`profile "${named}" already says where the token comes from and which role to assume`, {
      hint: "drop the profile to use --token-file/--token-process/--issuer with --role-arn, or drop those flags",
    });
  }
  if (!sources.length && (s("clientId") || s("flow") || opts.scope !== undefined)) {
    throw new UsageError("--client-id, --scope and --flow need --issuer", {
      hint: "e.g. stsctl oidc --issuer https://login.example.com --client-id ID --role-arn ARN",
    });
  }

  const fromEnvConvention = !named && !envProfile(env) && !sources.length && Boolean(env.AWS_WEB_IDENTITY_TOKEN_FILE);
  if (!sources.length && !fromEnvConvention) {
    const name = profileName(args[0], opts, env);
    const p = plan(config(), name, planOptions(opts, env, "session"));
    const web = p.steps.find((step) => step.kind === "AssumeRoleWithWebIdentity");
    if (!web) {
      throw new UsageError(`profile "${name}" is not a web identity profile`, {
        hint: "give it role_arn with web_identity_token_file, web_identity_token_process or oidc_issuer, or use stsctl assume for it",
      });
    }
    return { plan: p, fromProfile: true };
  }

  const usage = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw e instanceof Error && "hint" in e ? new UsageError(e.message, { hint: (e as UsageError).hint }) : e;
    }
  };
  const reasons: string[] = [];
  // Undefined under the environment convention: the token is AWS_WEB_IDENTITY_TOKEN_FILE.
  let token: WebIdentityTokenSource | undefined;
  if (s("tokenFile")) {
    token = { kind: "file", path: s("tokenFile")! };
    reasons.push("token from --token-file");
  } else if (s("tokenProcess")) {
    token = { kind: "process", command: s("tokenProcess")! };
    reasons.push("token from --token-process");
  } else if (s("issuer")) {
    const issuer = usage(() => f.url(s("issuer")!, "--issuer"));
    const clientId = s("clientId");
    if (!clientId) throw new UsageError("--issuer needs --client-id", { hint: "the OIDC client id registered at the issuer for stsctl (a public client)" });
    const flow = s("flow") ?? "browser";
    if (flow !== "browser" && flow !== "device")
      throw new UsageError(`--flow "${flow}" is not browser or device`, { hint: "use --flow browser or --flow device" });
    token = { kind: "oidc", issuer, clientId, scopes: scopes(opts.scope), flow };
    reasons.push(`ID token from a ${flow} sign-in at ${issuer}`);
  }

  const flags: WebIdentityFlags = {
    ...(s("roleArn") ? { roleArn: usage(() => f.roleArn(s("roleArn")!, "--role-arn")) } : {}),
    ...(s("sessionName") ? { sessionName: usage(() => f.sessionName(s("sessionName")!, "--session-name")) } : {}),
    ...(s("duration") ? { duration: parseDuration(s("duration")!) } : {}),
    ...(s("region") ? { region: usage(() => f.region(s("region")!, "--region")) } : {}),
    ...(s("endpointUrl") ? { endpointUrl: usage(() => f.url(s("endpointUrl")!, "--endpoint-url")) } : {}),
  };
  const p = token
    ? webIdentityPlan({ ...flags, ...roleFromEnvironment(env, flags), profile: "(flags)", token, reasons, env })
    : // fromEnvConvention checked AWS_WEB_IDENTITY_TOKEN_FILE, so the convention applies.
      environmentWebIdentityPlan(env, flags)!;
  return { fromProfile: false, plan: p };
}

/** --scope is repeatable and may hold several space-separated scopes; "openid" is always included. */
function scopes(raw: unknown): string[] {
  const given = (Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : []).flatMap((v: string) => v.split(/[\s,]+/)).filter(Boolean);
  return [...new Set(["openid", ...given])];
}
