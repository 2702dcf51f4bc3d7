import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LockOptions as ProperLockOptions } from "proper-lockfile";
import { StoreError } from "../errors.js";
import type { Logger } from "../io/log.js";
import { ensurePrivateDir } from "./privateDir.js";

// A cross-process lock per name, on proper-lockfile: the lock is a directory
// created atomically, whose mtime the holder refreshes while it works (an MFA
// prompt can take minutes). A holder on this host that dies is noticed at once
// by its pid; any other holder that stops refreshing (frozen, or on another
// host sharing the directory) is taken over after `staleMs`.
// The holder's pid, host and start time sit in a note beside the lock, so a
// waiter that gives up can say who holds it.

export interface LockOptions {
  dir: string;
  /** How long a waiter waits; long by default because the holder may be waiting for a human typing an MFA code. */
  waitMs?: number;
  /** A lock not refreshed for this long belongs to a dead or frozen holder (minimum 2 s). */
  staleMs?: number;
  log?: Logger;
  /** Create the directory 0700 and tighten it if looser (default); false for a user's own directory. */
  privateDir?: boolean;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

const DEFAULT_WAIT_MS = 120_000;
const DEFAULT_STALE_MS = 10_000;

/**
 * Runs `fn` holding the lock `name`. While waiting, `whileWaiting` (if given) is
 * asked between attempts; a value from it is returned without taking the lock
 * (e.g. the session another process just renewed: waiters need not queue to read it).
 */
export async function withLock<T>(name: string, fn: () => Promise<T>, opts: LockOptions & { whileWaiting?: () => Promise<T | undefined> }): Promise<T> {
  if (opts.privateDir !== false) await ensurePrivateDir(opts.dir);
  else await fs.mkdir(opts.dir, { recursive: true, mode: 0o700 });
  const lockDir = lockPath(opts.dir, name);
  const target = lockDir.slice(0, -".lock".length);
  const staleMs = Math.max(opts.staleMs ?? DEFAULT_STALE_MS, 2000);
  const { default: lockfile } = await import("proper-lockfile");
  let lost: Error | undefined;
  const options: ProperLockOptions = { realpath: false, stale: staleMs, retries: 0, onCompromised: (e) => (lost = e) };

  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
  const started = Date.now();
  let delay = 10;
  let logged = false;
  let release: (() => Promise<void>) | undefined;
  while (!release) {
    try {
      release = await lockfile.lock(target, options);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ELOCKED") {
        throw new StoreError(`cannot take the lock "${name}" in ${opts.dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
          hint: `check that ${opts.dir} is writable`,
          cause: e,
        });
      }
      // A holder on this host that died (even SIGKILLed) is known at once by its pid:
      // age its lock so proper-lockfile treats it as stale on the next try.
      if (await holderIsDead(lockDir)) {
        const epoch = new Date(0);
        await fs.utimes(lockDir, epoch, epoch).catch(() => undefined);
        opts.log?.debug(`the holder of lock "${name}" is gone; taking the lock over`);
        continue;
      }
      const meanwhile = await opts.whileWaiting?.();
      if (meanwhile !== undefined) return meanwhile;
      const waited = Date.now() - started;
      if (waited >= waitMs) throw timeoutError(name, lockDir, await readHolder(lockDir), waitMs);
      if (!logged && waited > 1000) {
        opts.log?.info(`waiting for ${describe(await readHolder(lockDir))} to finish (lock "${name}")`);
        logged = true;
      }
      // Jittered backoff: holders usually keep a lock for one STS call.
      await new Promise((r) => setTimeout(r, Math.min(delay, waitMs - waited) * (0.5 + Math.random())));
      delay = Math.min(delay * 2, 100);
    }
  }
  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  await fs.writeFile(holderNote(lockDir), JSON.stringify(me), { mode: 0o600 }).catch(() => undefined);
  try {
    const result = await fn();
    if (lost) {
      throw new StoreError(`lost the lock "${name}" while holding it`, {
        hint: "this process was paused longer than the lock's stale time; another stsctl may have run meanwhile: run the command again",
        cause: lost,
      });
    }
    return result;
  } finally {
    await fs.rm(holderNote(lockDir), { force: true }).catch(() => undefined);
    await release().catch(() => undefined);
  }
}

/** The lock directory for `name` in `dir`; names that are not plain file names are hashed. */
export function lockPath(dir: string, name: string): string {
  const safe = /^[\w.-]{1,80}$/.test(name) ? name : createHash("sha256").update(name).digest("hex").slice(0, 32);
  return path.join(dir, `${safe}.lock`);
}

// Beside the lock, not in it: proper-lockfile removes a stale lock with rmdir.
const holderNote = (lockDir: string) => `${lockDir}.holder`;

async function readHolder(lockDir: string): Promise<Holder | null> {
  try {
    const h = JSON.parse(await fs.readFile(holderNote(lockDir), "utf8")) as Partial<Holder>;
    return typeof h.pid === "number" && typeof h.host === "string" ? (h as Holder) : null;
  } catch {
    return null;
  }
}

/**
 * True only when the note beside the lock was written by this lock's holder (not
 * left by an earlier one: written after the lock directory was created), on this
 * host, by a process that no longer exists.
 */
async function holderIsDead(lockDir: string): Promise<boolean> {
  const holder = await readHolder(lockDir);
  if (!holder || holder.host !== os.hostname() || processAlive(holder.pid)) return false;
  const [lock, note] = await Promise.all([fs.stat(lockDir).catch(() => null), fs.stat(holderNote(lockDir)).catch(() => null)]);
  return Boolean(lock && note && lock.birthtimeMs > 0 && note.mtimeMs >= lock.birthtimeMs);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

function describe(holder: Holder | null): string {
  if (!holder) return "another stsctl";
  return `another stsctl (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
}

function timeoutError(name: string, lockDir: string, holder: Holder | null, waitMs: number): StoreError {
  const waited = waitMs >= 1000 ? `${Math.round(waitMs / 1000)} s` : `${waitMs} ms`;
  return new StoreError(`gave up after ${waited} waiting for the lock "${name}" held by ${describe(holder)}`, {
    hint: `Another stsctl may be waiting for an MFA code in another terminal: finish or cancel it there. If no stsctl is running, delete ${lockDir}.`,
  });
}
