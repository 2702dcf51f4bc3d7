// A cross-process lock around read-modify-write of one user file (`<file>.lock`
// beside it), on the same lock as the session cache: a dead holder is detected
// by its pid, a frozen one by a stale heartbeat, so a crash never blocks later writers.
import { mkdir } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { withLock } from "./lock.js";

export interface FileLockOptions {
  /** Give up waiting after this long (default 15 s). */
  timeoutMs?: number;
  /** A lock not refreshed for this long belongs to a frozen or remote holder (default 5 s, minimum 2 s). */
  staleMs?: number;
}

/** Runs `fn` while holding the lock for `file`, which need not exist yet (its directory is created 0700 when missing). */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, opts: FileLockOptions = {}): Promise<T> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return withLock(basename(file), fn, {
    dir,
    waitMs: opts.timeoutMs ?? 15_000,
    staleMs: Math.max(opts.staleMs ?? 5_000, 2_000),
    // ~/.aws is the user's: lock in it without changing its mode.
    privateDir: false,
  });
}
