import { spawn } from "node:child_process";

/** Debian's AWS CLI v2, by absolute path: an `aws` earlier on PATH may be a v1 shim. */
export const AWS_CLI = "/usr/bin/aws";

/** Runs the AWS CLI with exactly `env` (nothing inherited), bounded in time. */
export function runAwsCli(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(AWS_CLI, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
