import { readFileSync } from "node:fs";

// The name of the program a process runs: for a stsctl process's parent, the shell
// that will read its exports (src/output/shellExports.ts detectShell). $SHELL names
// the login shell, which is not the one running when fish is started from bash.
// On the cache-hit path: one small /proc read on Linux, no child process there.

/** `ps` answers in milliseconds; a wedged one must not hold up `stsctl env`. */
const PS_TIMEOUT_MS = 300;

/**
 * Linux: /proc/<pid>/comm (proc(5)). Other Unixes (macOS, the BSDs): POSIX
 * `ps -o comm= -p <pid>`, bounded. Windows: undefined. Undefined too when the
 * process is gone or cannot be read: the caller falls back on $SHELL.
 */
export async function processName(pid: number | undefined, platform: NodeJS.Platform): Promise<string | undefined> {
  // 0 and 1: no parent, or adopted by init after the parent exited.
  if (pid === undefined || !Number.isSafeInteger(pid) || pid <= 1 || platform === "win32") return undefined;
  if (platform === "linux") {
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").trim() || undefined;
    } catch {
      return undefined;
    }
  }
  const { execFile } = await import("node:child_process");
  return new Promise((resolve) => {
    execFile("/bin/ps", ["-o", "comm=", "-p", String(pid)], { timeout: PS_TIMEOUT_MS, maxBuffer: 4096 }, (err, stdout) =>
      resolve(err ? undefined : stdout.trim() || undefined),
    );
  });
}
