// A profile's `mfa_process`: a user-written command line whose stdout is the code
// (a password manager, a push-approval helper, oathtool...). It runs through the
// platform shell like the command lines in ~/.aws/config. Its stdin and stderr go to
// the terminal so it can ask the user things; only its stdout is ours.
import { spawn } from "node:child_process";
import { MfaError } from "../errors.js";
import { openTtyFds, type TtyFds } from "../io/tty.js";

// It may wait for a human: a push approval, a password manager unlock.
const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024;
// After the shell exits, a daemon it started may still hold stdout open; wait this long at most.
const DRAIN_MS = 250;
const KILL_GRACE_MS = 2_000;

export interface MfaProcessOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Opens the terminal for the command's stdin/stderr; null when there is none. Defaults to /dev/tty. */
  openTtyFds?: () => TtyFds | null;
  /** Names the command in messages, e.g. `mfa_process of profile "prod"`. */
  label?: string;
}

/** Runs `command` and returns the 6-digit code it printed. Never puts its output in an error. */
export function runMfaProcess(command: string, opts: MfaProcessOptions): Promise<string> {
  const label = opts.label ?? "mfa_process";
  const hint = `run the ${label} command by hand in a terminal to see what it does; it must print only a 6-digit code`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tty = (opts.openTtyFds ?? openTtyFds)();

  return new Promise<string>((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, {
        shell: true,
        env: opts.env,
        // With no terminal the command gets no stdin (it cannot wait for an answer) and our stderr.
        stdio: tty ? [tty.input, "pipe", tty.output] : ["ignore", "pipe", "inherit"],
        windowsHide: true,
      });
    } catch (e) {
      tty?.close();
      reject(new MfaError(`${label} could not be started`, { hint, cause: e }));
      return;
    }
    // The child holds its own copies of the terminal descriptors.
    tty?.close();

    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;

    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
      killTimer.unref();
    };
    const settle = (result: string | MfaError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      if (drainTimer) clearTimeout(drainTimer);
      child.stdout?.destroy();
      if (typeof result === "string") resolve(result);
      else reject(result);
    };
    const timeout = setTimeout(() => {
      stop();
      const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)}s` : `${timeoutMs} ms`;
      settle(new MfaError(`${label} did not print a code within ${limit} and was stopped`, { hint }));
    }, timeoutMs);

    child.stdout!.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        stop();
        settle(new MfaError(`${label} printed more than ${MAX_OUTPUT_BYTES} bytes; expected a 6-digit code`, { hint }));
        return;
      }
      chunks.push(chunk);
    });
    const conclude = () => {
      if (exitSignal) return settle(new MfaError(`${label} was killed by ${exitSignal}`, { hint }));
      if (exitCode !== 0) return settle(new MfaError(`${label} exited with status ${exitCode}`, { hint }));
      const out = Buffer.concat(chunks).toString("utf8").trim();
      if (/^\d{6}$/.test(out)) return settle(out);
      settle(new MfaError(`${label} succeeded but did not print a 6-digit code (${describe(out)})`, { hint }));
    };
    child.stdout!.on("end", () => {
      if (exitCode !== null || exitSignal !== null) conclude();
    });
    child.on("error", (e) => {
      stop();
      settle(new MfaError(`${label} could not be started`, { hint, cause: e }));
    });
    child.on("exit", (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      if (killTimer) clearTimeout(killTimer);
      if (child.stdout!.readableEnded) conclude();
      else drainTimer = setTimeout(conclude, DRAIN_MS);
    });
  });
}

// Says what was wrong with the output without repeating it (it may hold a secret).
function describe(out: string): string {
  if (out === "") return "it printed nothing";
  const lines = out.split(/\r?\n/).length;
  return `it printed ${out.length} characters${lines > 1 ? ` on ${lines} lines` : ""}`;
}
