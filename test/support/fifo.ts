import { execFileSync, spawn } from "node:child_process";

/** A real named pipe (mkfifo(1)) at `path`, with no writer. */
export function makeFifo(path: string): string {
  execFileSync("mkfifo", [path]);
  return path;
}

/**
 * Opens `fifo` for writing after `ms` in another process, then closes it. A
 * reader stuck in open(2) of the FIFO (code that does not use O_NONBLOCK, in
 * this test process) is set free then, so a regression fails its assertions
 * instead of hanging the test run. Call the result when done.
 */
export function releaseFifoAfter(fifo: string, ms = 10_000): () => void {
  const valve = spawn(
    process.execPath,
    ["-e", "setTimeout(() => require('fs').writeFileSync(process.argv[1], ''), Number(process.argv[2]))", fifo, String(ms)],
    {
      stdio: "ignore",
    },
  );
  return () => valve.kill("SIGKILL");
}
