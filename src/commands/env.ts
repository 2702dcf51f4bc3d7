import { formatCredentialsJson } from "../output/processJson.js";
import { detectShell, formatExports, SESSION_VARIABLES, sessionVars, UNSET_ON_EXPORT, type ShellFormat } from "../output/shellExports.js";
import type { Ctx } from "../app/ctx.js";
import { createEngine } from "../app/createEngine.js";
import { engineOptions } from "../cli/engineOptions.js";
import { resolvePlanInUse } from "../cli/resolvePlan.js";
import { regionToExport } from "../plan/resolveWhere.js";

/** stsctl env: exports for a profile's session (default: the current session), renewing it if needed. */
export default async function env(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const format = ((opts.format as string | undefined) ??
    (opts.shell as string | undefined) ??
    detectShell(ctx.env, ctx.platform, await ctx.parentProcess?.())) as ShellFormat;
  if (opts.unset) {
    ctx.out(formatExports({}, format, { unset: SESSION_VARIABLES }));
    return 0;
  }
  const { config, plan: p, using } = resolvePlanInUse(ctx, args[0], opts, "session");
  // Not on stderr: shells run a bare `stsctl env` in rc files and prompts.
  if (using) ctx.log.debug(`using ${using}`);
  const { credentials } = await createEngine(ctx, config, p, engineOptions(opts)).run();
  if (format === "json") {
    ctx.out(formatCredentialsJson(credentials));
  } else {
    const unset = format === "dotenv" ? [] : UNSET_ON_EXPORT;
    ctx.out(formatExports(sessionVars(credentials, { region: regionToExport(p) }), format, { unset }));
  }
  return 0;
}
