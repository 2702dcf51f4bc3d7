import { detectShell, formatExports, UNSET_ON_EXPORT, type ShellFormat } from "../output/shellExports.js";
import type { Ctx } from "./ctx.js";

/** What `assume --export` sets (see sessionVars), what it unsets, and the shell function's own STSCTL_PROFILE. */
export const SESSION_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  ...UNSET_ON_EXPORT,
  "STSCTL_PROFILE",
];

/** stsctl unset: commands that remove the session's variables; the shell-init function evaluates them. */
export default async function unset(ctx: Ctx, _args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const shell = (opts.shell as ShellFormat | undefined) ?? detectShell(ctx.env, ctx.platform);
  ctx.out(formatExports({}, shell, { unset: SESSION_VARIABLES }));
  return 0;
}
