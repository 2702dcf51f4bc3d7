// A cross-process lock around read-modify-write of one file (`<file>.lock`,
// a directory created atomically by proper-lockfile and kept fresh while held).
// A holder that dies stops refreshing it; after `staleMs` others take it over,
// so a crash never blocks later writers for long.

import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import lockfile from "proper-lockfile";
import { StoreError } from "../errors.js";

export interface FileLockOptions {
  /** Give up waiting after this long (default 15 s, above staleMs so a dead holder is outlived). */
  timeoutMs?: number;
  /** A lock not refreshed for this long belongs to a dead process (default 5 s, minimum 2 s). */
  staleMs?: number;
}

/**
 * Runs `fn` while holding the lock for `file` (which need not exist yet; its
 * directory is created 0700 when missing). Throws StoreError when the lock
 * cannot be had in time, or when it was lost while held (a holder frozen past
 * staleMs): then another writer may have run meanwhile, and the caller must
 * not report success.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, opts: FileLockOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const staleMs = Math.max(opts.staleMs ?? 5_000, 2_000);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let lost: Error | undefined;
  const deadline = Date.now() + timeoutMs;
  let release: (() => Promise<void>) | undefined;
  while (!release) {
    try {
      release = await lockfile.lock(file, {
        realpath: false,
        stale: staleMs,
        retries: 0,
        onCompromised: (e) => {
          lost = e;
        },
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ELOCKED") {
        throw new StoreError(`cannot lock ${file}: ${code ?? String(e)}`, {
          hint: `check that ${dirname(file)} is writable`,
          cause: e,
        });
      }
      if (Date.now() >= deadline) {
        throw new StoreError(`timed out after ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)}s` : `${timeoutMs}ms`} waiting for the lock on ${file}`, {
          hint: `another stsctl is writing it; if none is running, remove ${file}.lock`,
        });
      }
      // Short random waits: holders keep the lock for milliseconds.
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
    }
  }
  try {
    const result = await fn();
    if (lost) {
      throw new StoreError(`lost the lock on ${file} while writing it`, {
        hint: "another process may have changed the file at the same time; check it and run the command again",
        cause: lost,
      });
    }
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
