// Wall-clock timing of child processes: process.hrtime around spawnSync for
// one run, and around N concurrent spawns for a parallel round.
import { spawn, spawnSync } from "node:child_process";

export interface Timed {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface Cmd {
  cmd: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

export function timeOnce(c: Cmd): Timed {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c.cmd, c.args, { env: c.env, cwd: c.cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  const t1 = process.hrtime.bigint();
  if (r.error) throw r.error;
  return { ms: Number(t1 - t0) / 1e6, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `n` copies at once (no terminal, like an SDK's credential_process); wall time until the last exits. */
export async function timeParallel(c: Cmd, n: number, timeoutMs = 120_000): Promise<{ ms: number; runs: Timed[] }> {
  const t0 = process.hrtime.bigint();
  const runs = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Timed>((resolve, reject) => {
          const child = spawn(c.cmd, c.args, { env: c.env, cwd: c.cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
          child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
          const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
          child.on("error", reject);
          child.on("close", (status) => {
            clearTimeout(timer);
            resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status, stdout, stderr });
          });
        }),
    ),
  );
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, runs };
}

/** Peak resident set size of one run in KiB, from GNU time (Debian's `time` package), or null without it. */
export function peakRssKiB(c: Cmd, gnuTime = "/usr/bin/time"): number | null {
  const r = spawnSync(gnuTime, ["-f", "STSCTL_BENCH_RSS %M", c.cmd, ...c.args], { env: c.env, cwd: c.cwd, encoding: "utf8", timeout: 60_000 });
  const m = /STSCTL_BENCH_RSS (\d+)/.exec(r.stderr ?? "");
  return m ? Number(m[1]) : null;
}
