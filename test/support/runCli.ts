import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/stsctl", import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs bin/stsctl with exactly `env` (nothing inherited), optional stdin, bounded in time. */
export function runCli(
  args: string[],
  opts: {
    env: Record<string, string>;
    input?: string;
    timeoutMs?: number;
    detached?: boolean;
    cwd?: string;
    user?: { uid: number; gid: number; node: string };
  },
): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // detached: a new session with no controlling terminal, as under an SDK's credential_process.
    const child = spawn(opts.user?.node ?? process.execPath, [BIN, ...args], {
      env: opts.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: opts.detached ?? true,
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      ...(opts.user ? { uid: opts.user.uid, gid: opts.user.gid } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`stsctl ${args.join(" ")} timed out; stderr: ${stderr}`));
    }, opts.timeoutMs ?? 20_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
    // A command that exits without reading its stdin must not crash the test run with EPIPE.
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.input ?? "");
  });
}
