// A profile's `mfa_process`: a user-written command line whose stdout is the code
// (a password manager, a push-approval helper, oathtool...). It runs through the
// platform shell like the command lines in ~/.aws/config. Its stdin and stderr go to
// the terminal so it can ask the user things; only its stdout is ours.
import { MfaError } from "../errors.js";
import { runCommandLine } from "../io/runCommandLine.js";
import { openTtyFds, type TtyFds } from "../io/tty.js";

// It may wait for a human: a push approval, a password manager unlock.
const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024;

export interface MfaProcessOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Opens the terminal for the command's stdin/stderr; null when there is none. Defaults to /dev/tty. */
  openTtyFds?: () => TtyFds | null;
  /** Names the command in messages, e.g. `mfa_process of profile "prod"`. */
  label?: string;
}

/** Runs `command` and returns the 6-digit code it printed. Never puts its output in an error. */
export async function runMfaProcess(command: string, opts: MfaProcessOptions): Promise<string> {
  const label = opts.label ?? "mfa_process";
  const hint = `run the ${label} command by hand in a terminal to see what it does; it must print only a 6-digit code`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tty = (opts.openTtyFds ?? openTtyFds)();
  // With no terminal the command gets no stdin (it cannot wait for an answer) and our stderr.
  const running = runCommandLine(command, {
    env: opts.env,
    timeoutMs,
    maxOutputBytes: MAX_OUTPUT_BYTES,
    ...(tty ? { stdin: tty.input, stderr: tty.output } : {}),
  });
  // The child holds its own copies of the terminal descriptors.
  tty?.close();
  const r = await running;
  switch (r.kind) {
    case "notStarted":
      throw new MfaError(`${label} could not be started`, { hint, cause: r.error });
    case "timedOut": {
      const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)}s` : `${timeoutMs} ms`;
      throw new MfaError(`${label} did not print a code within ${limit} and was stopped`, { hint });
    }
    case "tooMuchOutput":
      throw new MfaError(`${label} printed more than ${MAX_OUTPUT_BYTES} bytes; expected a 6-digit code`, { hint });
    case "signalled":
      throw new MfaError(`${label} was killed by ${r.signal}`, { hint });
    case "exited": {
      if (r.code !== 0) throw new MfaError(`${label} exited with status ${r.code}`, { hint });
      const out = r.stdout.toString("utf8").trim();
      if (/^\d{6}$/.test(out)) return out;
      throw new MfaError(`${label} succeeded but did not print a 6-digit code (${describe(out)})`, { hint });
    }
  }
}

// Says what was wrong with the output without repeating it (it may hold a secret).
function describe(out: string): string {
  if (out === "") return "it printed nothing";
  const lines = out.split(/\r?\n/).length;
  return `it printed ${out.length} characters${lines > 1 ? ` on ${lines} lines` : ""}`;
}
