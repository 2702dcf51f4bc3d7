// The one runner for the command lines users put in ~/.aws/config (mfa_process,
// web_identity_token_process): through the platform shell, as the AWS CLI and SDKs
// run them, with stdout captured and bounded in time and size. Callers turn the
// outcome into their own messages; the output itself may be a secret and is never
// in a message.
import { spawn, type ChildProcess } from "node:child_process";
import { childEnv } from "./childEnv.js";

export interface CommandLineOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxOutputBytes: number;
  /** The command's stdin and stderr: a descriptor (the terminal), or none and ours. Its stdout is always captured. */
  stdin?: number | "ignore";
  stderr?: number | "inherit";
}

export type CommandLineOutcome =
  | { kind: "exited"; code: number; stdout: Buffer }
  | { kind: "signalled"; signal: NodeJS.Signals }
  | { kind: "timedOut" }
  | { kind: "tooMuchOutput" }
  | { kind: "notStarted"; error: unknown };

// After the shell exits, something it started in the background may still hold
// stdout open (`(daemon &); cat token`): what was printed by then is the answer.
const DRAIN_MS = 250;
const KILL_GRACE_MS = 2_000;

/**
 * Runs `command` and settles once the shell has exited and stdout is drained (or
 * DRAIN_MS after the exit), at the timeout (the shell is then stopped), or past
 * maxOutputBytes. Once settled, nothing of the child keeps stsctl waiting.
 */
export function runCommandLine(command: string, opts: CommandLineOptions): Promise<CommandLineOutcome> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(command, {
        shell: true,
        env: childEnv(opts.env),
        stdio: [opts.stdin ?? "ignore", "pipe", opts.stderr ?? "inherit"],
        windowsHide: true,
      });
    } catch (error) {
      resolve({ kind: "notStarted", error });
      return;
    }
    const stdout = child.stdout!;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const settle = (outcome: CommandLineOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      clearTimeout(drainTimer);
      // A background process holding the pipe must not keep our event loop alive.
      stdout.destroy();
      resolve(outcome);
    };
    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
      killTimer.unref();
    };
    const conclude = () => {
      if (!exited) return;
      if (exited.signal) settle({ kind: "signalled", signal: exited.signal });
      else settle({ kind: "exited", code: exited.code ?? 1, stdout: Buffer.concat(chunks) });
    };
    const timeout = setTimeout(() => {
      stop();
      settle({ kind: "timedOut" });
    }, opts.timeoutMs);

    stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxOutputBytes) {
        stop();
        settle({ kind: "tooMuchOutput" });
      } else chunks.push(chunk);
    });
    stdout.on("end", conclude);
    // A destroyed pipe may still report an error; the outcome is already known.
    stdout.on("error", () => undefined);
    child.on("error", (error) => {
      stop();
      settle({ kind: "notStarted", error });
    });
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      clearTimeout(killTimer);
      if (stdout.readableEnded) conclude();
      else drainTimer = setTimeout(conclude, DRAIN_MS);
    });
  });
}
