import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LockOptions as ProperLockOptions } from "proper-lockfile";
import { StoreError } from "../errors.js";
import type { Logger } from "./log.js";
import { ensurePrivateDir } from "./privateDir.js";
import { readRegularFile } from "./readRegularFile.js";

// Not store-specific: session steps (src/app/createEngine.ts), the data key and
// vault (src/store) and user files (src/io/fileLock.ts) all lock through this.
//
// A cross-process lock per name, on proper-lockfile: the lock is a directory
// created atomically, whose mtime the holder refreshes while it works (an MFA
// prompt can take minutes). A holder on this host that dies is noticed at once
// by its pid; any other holder that stops refreshing (frozen, or on another
// host sharing the directory) is taken over after `staleMs`.
// The holder's pid, host and the lock it holds sit in a note beside the lock,
// so a waiter can tell a dead holder and, when it gives up, say who holds it.
//
// proper-lockfile's own stale takeover is "stat, rmdir, mkdir": two waiters that
// both saw the stale lock can each remove it, the second removing the lock the
// first had just made, and both go on holding it. So it never breaks locks here
// (stale: Infinity); waiters break an abandoned lock one at a time, under a
// second lock, and only after seeing it still abandoned.

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
  /** Identity of the lock directory this holder made, so its note is never read as another lock's. */
  lock?: string;
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
  let lockfile: typeof import("proper-lockfile") | undefined;
  let lost: Error | undefined;
  // Refreshes every staleMs/2; a lock whose mtime then turns out not to be ours was taken over.
  const options: ProperLockOptions = { realpath: false, stale: Infinity, update: staleMs / 2, retries: 0, onCompromised: (e) => (lost = e) };

  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
  const started = Date.now();
  let delay = 10;
  let logged = false;
  let release: (() => Promise<void>) | undefined;
  while (!release) {
    // While the lock visibly exists, wait without loading proper-lockfile (~13 ms a
    // process: it adds up when 32 parallel callers wait for one renewal).
    if (!(await exists(lockDir))) {
      lockfile ??= (await import("proper-lockfile")).default;
      try {
        release = await lockfile.lock(target, options);
        continue;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ELOCKED") {
          throw new StoreError(`cannot take the lock "${name}" in ${opts.dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
            hint: `check that ${opts.dir} is writable`,
            cause: e,
          });
        }
      }
    }
    const broken = await breakIfAbandoned(lockDir, staleMs);
    if (broken) {
      opts.log?.debug(`the holder of lock "${name}" ${broken}; took the lock over`);
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
  // proper-lockfile makes the lock with the umask's mode (0755): nobody else needs to look inside.
  if (opts.privateDir !== false) await fs.chmod(lockDir, 0o700).catch(() => undefined);
  const made = await fs.stat(lockDir).catch(() => null);
  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), ...(made ? { lock: identity(made) } : {}) };
  // Whatever stands at the note's path now is no holder's (we hold the lock): replace it,
  // never open it for writing (a FIFO there would block the write forever).
  await fs.rm(holderNote(lockDir), { force: true }).catch(() => undefined);
  await fs.writeFile(holderNote(lockDir), JSON.stringify(me), { mode: 0o600, flag: "wx" }).catch(() => undefined);
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
    // Only our own note: a holder that lost the lock (paused past staleMs) must not erase its successor's.
    const note = await readHolder(lockDir);
    if (note?.pid === process.pid && note.lock === me.lock) await fs.rm(holderNote(lockDir), { force: true }).catch(() => undefined);
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
    const note = await readRegularFile(holderNote(lockDir), { maxBytes: 4096, refuse: (why) => new StoreError(why.text) });
    const h = JSON.parse(note.toString("utf8")) as Partial<Holder>;
    return typeof h.pid === "number" && typeof h.host === "string" ? (h as Holder) : null;
  } catch {
    return null;
  }
}

const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false,
  );

const identity = (st: { ino: number; birthtimeMs: number }) => `${st.ino}:${st.birthtimeMs}`;

/**
 * Removes the lock if its holder is gone (dead on this host, or not refreshing for
 * `staleMs`), and says why; undefined if it is held, or another waiter is breaking it.
 * Breakers take turns through `<lock>.break` and look again once inside, so each
 * abandoned lock is removed once, never the fresh lock a faster waiter made after it.
 */
async function breakIfAbandoned(lockDir: string, staleMs: number): Promise<string | undefined> {
  if (!(await abandoned(lockDir, staleMs))) return undefined;
  const breaker = `${lockDir}.break`;
  try {
    await fs.mkdir(breaker, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") return undefined;
    // Breaking takes a millisecond; a breaker dir this old was left by a process that died in it.
    const st = await fs.stat(breaker).catch(() => null);
    if (st && st.mtimeMs < Date.now() - staleMs) await fs.rmdir(breaker).catch(() => undefined);
    return undefined;
  }
  try {
    const why = await abandoned(lockDir, staleMs);
    if (!why) return undefined;
    await fs.rm(holderNote(lockDir), { force: true });
    await fs.rmdir(lockDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
    return why;
  } catch {
    return undefined;
  } finally {
    await fs.rmdir(breaker).catch(() => undefined);
  }
}

async function abandoned(lockDir: string, staleMs: number): Promise<string | undefined> {
  const lock = await fs.stat(lockDir).catch(() => null);
  if (!lock) return undefined;
  if (lock.mtimeMs < Date.now() - staleMs) return `has not refreshed it for ${Math.round((Date.now() - lock.mtimeMs) / 1000)} s`;
  const holder = await readHolder(lockDir);
  // The note must name this very lock: one left by an earlier holder says nothing about this one.
  if (!holder || holder.lock !== identity(lock) || holder.host !== os.hostname() || processAlive(holder.pid)) return undefined;
  return `(pid ${holder.pid}) has exited`;
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
