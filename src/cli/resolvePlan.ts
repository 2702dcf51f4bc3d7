import * as f from "../config/fields.js";
import type { LoadedConfig } from "../config/load.js";
import { webIdentityPlan } from "../federation/oidc/webIdentityPlan.js";
import { plan, type PlanOptions } from "../plan/plan.js";
import type { Plan } from "../plan/steps.js";
import type { Ctx } from "../app/ctx.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { planOptions } from "./planOptions.js";

/** The profile label of a plan built from the AWS_WEB_IDENTITY_TOKEN_FILE convention. */
export const ENVIRONMENT_PROFILE = "(environment)";

/**
 * What a command acts on: the named profile (argument, --profile, AWS_PROFILE,
 * `fallback`, then "default"), or, when nothing names one, the EKS/CI
 * convention AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME)
 * as the AWS SDKs read it.
 */
export function resolvePlan(
  ctx: Ctx,
  arg: unknown,
  opts: Record<string, unknown>,
  want: PlanOptions["want"],
  fallback?: string,
): { config: LoadedConfig; name: string; plan: Plan } {
  const config = loadUserConfig(ctx.env);
  const options = planOptions(opts, ctx.env, want);
  const named = (typeof arg === "string" && arg) || (opts.profile as string | undefined) || ctx.env.AWS_PROFILE || fallback;
  const { AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: roleArn, AWS_ROLE_SESSION_NAME: sessionName } = ctx.env;
  // "(environment)" comes back as the current session after an assume of the convention.
  if ((!named || named === ENVIRONMENT_PROFILE) && tokenFile && roleArn && want !== "session-token") {
    const p = webIdentityPlan({
      profile: ENVIRONMENT_PROFILE,
      roleArn: f.roleArn(roleArn, "AWS_ROLE_ARN"),
      token: { kind: "file", path: tokenFile },
      reasons: ["token from AWS_WEB_IDENTITY_TOKEN_FILE and role from AWS_ROLE_ARN (no profile named)"],
      env: ctx.env,
      ...(sessionName ? { sessionName: f.sessionName(sessionName, "AWS_ROLE_SESSION_NAME") } : {}),
      ...(options.duration !== undefined ? { duration: { seconds: options.duration, from: "--duration" } } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    });
    return { config, name: ENVIRONMENT_PROFILE, plan: p };
  }
  const name = named || "default";
  return { config, name, plan: plan(config, name, options) };
}
