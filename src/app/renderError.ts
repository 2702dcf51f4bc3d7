import { ExitCode, isStsctlError } from "../errors.js";
import { redact } from "../io/redact.js";
import { paint } from "../io/color.js";

/** The one place an error becomes text: message, hint, and (with --debug) the stack. */
export function renderError(err: unknown, opts: { debug: boolean; write: (s: string) => void }): number {
  const lines: string[] = [];
  let code: number = ExitCode.internal;
  if (isStsctlError(err)) {
    code = err.exitCode;
    lines.push(`${paint.red("error:")} ${escapeControls(err.message)}`);
    if (err.hint) lines.push(`${paint.dim("hint:")} ${escapeControls(err.hint)}`);
  } else {
    const message = err instanceof Error ? err.message : String(err);
    lines.push(`${paint.red("error:")} internal error: ${escapeControls(message)}`);
    lines.push(`${paint.dim("hint:")} this is a bug in stsctl; rerun with --debug and report the output`);
  }
  if (opts.debug && err instanceof Error && err.stack) lines.push(escapeControls(err.stack, "\n"));
  if (opts.debug && err instanceof Error && err.cause instanceof Error && err.cause.stack) {
    lines.push(`caused by: ${escapeControls(err.cause.stack, "\n")}`);
  }
  opts.write(redact(lines.join("\n")) + "\n");
  return code;
}

// Messages quote names and values from arguments, the environment and files as
// they are: a line break, an ANSI escape or a bidirectional override in a
// profile name must not forge lines or colours on stderr. Written as escapes
// instead, before this renderer adds its own colours.
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeControls(text: string, keep = ""): string {
  return text.replace(UNSAFE, (c) => (keep.includes(c) ? c : (NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)));
}
