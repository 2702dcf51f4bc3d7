import type { LoadedConfig } from "../config/load.js";
import { ENVIRONMENT_PROFILE, environmentWebIdentityPlan } from "../plan/environmentWebIdentityPlan.js";
import { plan, type PlanOptions } from "../plan/plan.js";
import type { Plan } from "../plan/steps.js";
import type { Ctx } from "../app/ctx.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { planOptions } from "./planOptions.js";

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
  const config = loadUserConfig(ctx);
  const options = planOptions(opts, ctx.env, want);
  const named = (typeof arg === "string" && arg) || (opts.profile as string | undefined) || ctx.env.AWS_PROFILE || fallback;
  // "(environment)" comes back as the current session after an assume of the convention.
  // Without AWS_ROLE_ARN these commands fall back to the default profile rather than fail.
  if ((!named || named === ENVIRONMENT_PROFILE) && ctx.env.AWS_ROLE_ARN && want !== "session-token") {
    const { duration, region, endpointUrl } = options;
    const p = environmentWebIdentityPlan(ctx.env, { duration, region, endpointUrl });
    if (p) return { config, name: ENVIRONMENT_PROFILE, plan: p };
  }
  const name = named || "default";
  return { config, name, plan: plan(config, name, options) };
}
