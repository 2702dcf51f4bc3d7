import { detectShell, formatExports, SESSION_VARIABLES } from "../output/shellExports.js";
import type { Ctx } from "../app/ctx.js";
import { outputOptions } from "../cli/outputOptions.js";

/** stsctl unset: commands that remove the session's variables; the shell-init function evaluates them. */
export default async function unset(ctx: Ctx, _args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const shell = outputOptions(opts).shell ?? detectShell(ctx.env, ctx.platform, await ctx.parentProcess?.());
  ctx.out(formatExports({}, shell, { unset: SESSION_VARIABLES }));
  return 0;
}
