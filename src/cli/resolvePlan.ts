import type { LoadedConfig } from "../config/load.js";
import { ConfigError } from "../errors.js";
import { ENVIRONMENT_KEYS_PROFILE, environmentKeysPlan } from "../plan/environmentKeysPlan.js";
import { ENVIRONMENT_PROFILE, environmentWebIdentityPlan } from "../plan/environmentWebIdentityPlan.js";
import { plan, type PlanOptions } from "../plan/plan.js";
import type { Plan } from "../plan/steps.js";
import type { Ctx } from "../app/ctx.js";
import { readCurrentSession } from "../app/currentProfile.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { planOptions } from "./planOptions.js";
import { envProfile } from "./profileName.js";

/**
 * What a command acts on: the named profile (argument, --profile, AWS_PROFILE,
 * AWS_DEFAULT_PROFILE, `fallback`, then "default"), or, when nothing names one, the EKS/CI
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
  const named = (typeof arg === "string" && arg) || (opts.profile as string | undefined) || envProfile(ctx.env)?.name || fallback;
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
 * What a command whose profile is optional acts on (env, whoami, assume,
 * session-token, plan, and the profile the shell function records for assume): the
 * named profile; else, in order, the current stsctl session (STSCTL_PROFILE, then the
 * last assume; src/app/currentProfile.ts) at the duration it was asked for, which
 * shapes its plan; with `environmentKeys`, the keys in AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY (planned as a profile with those keys would be:
 * src/plan/environmentKeysPlan.ts); then resolvePlan's AWS_PROFILE (or
 * AWS_DEFAULT_PROFILE), web identity
 * and "default". `using` says which, when nothing was named; `duration`, the
 * current session's recorded --duration when it was applied.
 */
export function resolvePlanInUse(
  ctx: Ctx,
  arg: unknown,
  opts: Record<string, unknown>,
  want: PlanOptions["want"],
  use: { environmentKeys?: boolean } = {},
): { config: LoadedConfig; name: string; plan: Plan; using?: string; duration?: string } {
  const explicit = (typeof arg === "string" && arg) || (typeof opts.profile === "string" && opts.profile) || undefined;
  if (explicit) return resolvePlan(ctx, explicit, opts, want);
  const current = readCurrentSession(ctx);
  if (current) {
    const recorded = current.duration && opts.duration === undefined ? current.duration : undefined;
    const options = recorded ? { ...opts, duration: recorded } : opts;
    const from = ctx.env.STSCTL_PROFILE ? "STSCTL_PROFILE" : "the last stsctl assume";
    try {
      const using = `the current session (profile ${current.profile}, from ${from})`;
      return { ...resolvePlan(ctx, current.profile, options, want), using, ...(recorded ? { duration: recorded } : {}) };
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
    const p = environmentKeysPlan(planOptions(opts, ctx.env, want));
    if (p) return { config: loadUserConfig(ctx), name: p.profile, plan: p, using: "the credentials in the environment" };
  }
  const r = resolvePlan(ctx, undefined, opts, want);
  const fromEnv = envProfile(ctx.env);
  const using =
    r.name === ENVIRONMENT_PROFILE
      ? "the web identity token in AWS_WEB_IDENTITY_TOKEN_FILE"
      : fromEnv
        ? `profile ${r.name} (from ${fromEnv.variable})`
        : `profile ${r.name}`;
  return { ...r, using };
}

/**
 * The profile to record as the current session after a command acted on `name`:
 * none for the environment's keys, which no later command could plan again from a
 * name (the current session, if any, stays as it was).
 */
export function sessionToRecord(name: string): string | undefined {
  return name === ENVIRONMENT_KEYS_PROFILE ? undefined : name;
}
