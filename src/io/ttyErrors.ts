// How a terminal prompt can end other than with a line (src/io/tty.ts).
import { ExitCode, StsctlError } from "../errors.js";

/** Ctrl-C (or a terminating signal) during a prompt; rendered by src/app/renderError.ts as exit 130. */
export class PromptInterruptedError extends StsctlError {
  override readonly exitCode = ExitCode.interrupted;
  constructor() {
    super("Interrupted");
  }
}

/** The terminal gave no line: Ctrl-D on an empty line, hang-up, timeout, or closed. Callers turn it into their own error. */
export class TtyReadError extends Error {
  constructor(readonly reason: "eof" | "timeout" | "closed") {
    super(reason === "timeout" ? "no input before the timeout" : reason === "eof" ? "end of input" : "terminal closed");
    this.name = "TtyReadError";
  }
}
