import type { LoadedConfig } from "../config/load.js";
import { ConfigError } from "../errors.js";
import { environmentKeysPlan } from "../plan/environmentKeysPlan.js";
import { ENVIRONMENT_PROFILE, environmentWebIdentityPlan } from "../plan/environmentWebIdentityPlan.js";
import { plan, type PlanOptions } from "../plan/plan.js";
import type { Plan } from "../plan/steps.js";
import type { Ctx } from "../app/ctx.js";
import { readCurrentSession } from "../app/currentProfile.js";
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

/**
 * What a command whose profile is optional acts on (env, whoami): the named
 * profile; else, in order, the current stsctl session (STSCTL_PROFILE, then the
 * last assume; src/app/currentProfile.ts) at the duration it was asked for, which
 * shapes its plan; with `environmentKeys`, the keys in AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY as they are; then resolvePlan's AWS_PROFILE, web identity
 * and "default". `using` says which, when nothing was named.
 */
export function resolvePlanInUse(
  ctx: Ctx,
  arg: unknown,
  opts: Record<string, unknown>,
  want: PlanOptions["want"],
  use: { environmentKeys?: boolean } = {},
): { config: LoadedConfig; name: string; plan: Plan; using?: string } {
  const explicit = (typeof arg === "string" && arg) || (typeof opts.profile === "string" && opts.profile) || undefined;
  if (explicit) return resolvePlan(ctx, explicit, opts, want);
  const current = readCurrentSession(ctx);
  if (current) {
    const options = current.duration && opts.duration === undefined ? { ...opts, duration: current.duration } : opts;
    const from = ctx.env.STSCTL_PROFILE ? "STSCTL_PROFILE" : "the last stsctl assume";
    try {
      return { ...resolvePlan(ctx, current.profile, options, want), using: `the current session (profile ${current.profile}, from ${from})` };
    } catch (e) {
      // The user did not type this name: if it is gone, say where it came from.
      if (e instanceof ConfigError && e.message === `profile "${current.profile}" not found`) {
        throw new ConfigError(`the current session's profile "${current.profile}" (from ${from}) no longer exists`, {
          hint: "name a profile, assume another one, or run stsctl unset",
        });
      }
      throw e;
    }
  }
  if (use.environmentKeys) {
    const { region, endpointUrl } = planOptions(opts, ctx.env, want);
    const p = environmentKeysPlan(ctx.env, { region, endpointUrl });
    if (p) return { config: loadUserConfig(ctx), name: p.profile, plan: p, using: "the credentials in the environment" };
  }
  const r = resolvePlan(ctx, undefined, opts, want);
  const using =
    r.name === ENVIRONMENT_PROFILE
      ? "the web identity token in AWS_WEB_IDENTITY_TOKEN_FILE"
      : ctx.env.AWS_PROFILE
        ? `profile ${r.name} (from AWS_PROFILE)`
        : `profile ${r.name}`;
  return { ...r, using };
}
