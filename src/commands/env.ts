import { formatCredentialsJson } from "../output/processJson.js";
import { detectShell, formatExports, SESSION_VARIABLES, sessionVars, UNSET_ON_EXPORT, type ShellFormat } from "../output/shellExports.js";
import { ConfigError } from "../errors.js";
import type { Ctx } from "../app/ctx.js";
import { createEngine } from "../app/createEngine.js";
import { readCurrentSession } from "../app/currentProfile.js";
import { engineOptions } from "../cli/engineOptions.js";
import { resolvePlan } from "../cli/resolvePlan.js";

/** stsctl env: exports for a profile's session (default: the current session), renewing it if needed. */
export default async function env(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const format = ((opts.format as string | undefined) ?? (opts.shell as string | undefined) ?? detectShell(ctx.env, ctx.platform)) as ShellFormat;
  const profileFlag = typeof opts.profile === "string" ? opts.profile : undefined;
  if (opts.unset) {
    ctx.out(formatExports({}, format, { unset: SESSION_VARIABLES }));
    return 0;
  }
  const explicit = (typeof args[0] === "string" && args[0]) || profileFlag;
  const current = explicit ? undefined : readCurrentSession(ctx);
  // The current session's duration shapes its plan (e.g. MFA on AssumeRole for 8h): ask for the same one.
  const options = current?.duration && opts.duration === undefined ? { ...opts, duration: current.duration } : opts;
  const { config, plan: p } = resolvePlanForCurrent(ctx, explicit, current?.profile, options);
  const { credentials } = await createEngine(ctx, config, p, engineOptions(opts)).run();
  if (format === "json") {
    ctx.out(formatCredentialsJson(credentials));
  } else {
    const unset = format === "dotenv" ? [] : UNSET_ON_EXPORT;
    ctx.out(formatExports(sessionVars(credentials, { region: p.region }), format, { unset }));
  }
  return 0;
}

/** The current session names a profile the user did not type: if it is gone, say where the name came from. */
function resolvePlanForCurrent(ctx: Ctx, explicit: string | undefined, current: string | undefined, opts: Record<string, unknown>) {
  try {
    return resolvePlan(ctx, explicit || current, opts, "session");
  } catch (e) {
    if (!explicit && current && e instanceof ConfigError && e.message === `profile "${current}" not found`) {
      const from = ctx.env.STSCTL_PROFILE ? "STSCTL_PROFILE" : "the last stsctl assume";
      throw new ConfigError(`the current session's profile "${current}" (from ${from}) no longer exists`, {
        hint: "name a profile (stsctl env PROFILE), assume another one, or run stsctl unset",
      });
    }
    throw e;
  }
}
