import { detectShell, formatExports, SESSION_VARIABLES, type ShellFormat } from "../output/shellExports.js";
import type { Ctx } from "../app/ctx.js";

/** stsctl unset: commands that remove the session's variables; the shell-init function evaluates them. */
export default async function unset(ctx: Ctx, _args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const shell = (opts.shell as ShellFormat | undefined) ?? detectShell(ctx.env, ctx.platform);
  ctx.out(formatExports({}, shell, { unset: SESSION_VARIABLES }));
  return 0;
}
