import { ExitCode, isStsctlError } from "./errors.js";
import { redact } from "./io/redact.js";
import { paint } from "./io/color.js";

/** The one place an error becomes text: message, hint, and (with --debug) the stack. */
export function renderError(err: unknown, opts: { debug: boolean; write: (s: string) => void }): number {
  const lines: string[] = [];
  let code: number = ExitCode.internal;
  if (isStsctlError(err)) {
    code = err.exitCode;
    lines.push(`${paint.red("error:")} ${err.message}`);
    if (err.hint) lines.push(`${paint.dim("hint:")} ${err.hint}`);
  } else {
    const message = err instanceof Error ? err.message : String(err);
    lines.push(`${paint.red("error:")} internal error: ${message}`);
    lines.push(`${paint.dim("hint:")} this is a bug in stsctl; rerun with --debug and report the output`);
  }
  if (opts.debug && err instanceof Error && err.stack) lines.push(err.stack);
  if (opts.debug && err instanceof Error && err.cause instanceof Error && err.cause.stack) {
    lines.push(`caused by: ${err.cause.stack}`);
  }
  opts.write(redact(lines.join("\n")) + "\n");
  return code;
}
