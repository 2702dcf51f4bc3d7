import { createHash, randomBytes } from "node:crypto";
import { promises as fs, watch, type FSWatcher } from "node:fs";
import os from "node:os";
import path from "node:path";
import { StoreError } from "../errors.js";
import type { Logger } from "../io/log.js";
import { ensurePrivateDir } from "./atomicWrite.js";

// A cross-process lock per name: an O_EXCL lock file holding the holder's pid,
// host and a random token. The holder touches the file while it works, so a
// lock is stale when its holder is a dead process on this host, or when the file
// has not been touched for `staleMs` (holder on another host, or frozen).
// Waiters poll with jittered backoff, woken early by a watch on the directory.
// Breaking a stale lock happens under a short-lived "breaker" file so two
// waiters cannot both break it and then delete each other's fresh lock.

export interface LockOptions {
  dir: string;
  /** How long a waiter waits; long by default because the holder may be waiting for a human typing an MFA code. */
  waitMs?: number;
  staleMs?: number;
  log?: Logger;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
  token: string;
}

const DEFAULT_WAIT_MS = 120_000;
const DEFAULT_STALE_MS = 30_000;
const BREAKER_STALE_MS = 5_000;

export async function withLock<T>(name: string, fn: () => Promise<T>, opts: LockOptions): Promise<T> {
  const file = lockPath(opts.dir, name);
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  await ensurePrivateDir(opts.dir);
  const token = await acquire(name, file, staleMs, opts);
  // Keep the file fresh for as long as fn runs (an MFA prompt can take minutes).
  const heartbeat = setInterval(() => {
    const now = new Date();
    fs.utimes(file, now, now).catch(() => undefined);
  }, Math.max(50, Math.floor(staleMs / 3)));
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await release(file, token);
  }
}

/** The lock file for `name` in `dir`; names that are not plain file names are hashed. */
export function lockPath(dir: string, name: string): string {
  const safe = /^[\w.-]{1,80}$/.test(name) ? name : createHash("sha256").update(name).digest("hex").slice(0, 32);
  return path.join(dir, `${safe}.lock`);
}

async function acquire(name: string, file: string, staleMs: number, opts: LockOptions): Promise<string> {
  const wake = releaseSignal(file);
  try {
    return await waitForTurn(name, file, staleMs, opts, wake);
  } finally {
    wake.close();
  }
}

async function waitForTurn(name: string, file: string, staleMs: number, opts: LockOptions, wake: ReleaseSignal): Promise<string> {
  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
  const started = Date.now();
  const me: Holder = { pid: process.pid, host: os.hostname(), since: "", token: randomBytes(12).toString("hex") };
  let delay = 10;
  let logged = false;
  for (;;) {
    me.since = new Date().toISOString();
    if (await tryCreate(file, JSON.stringify(me))) return me.token;

    const read = await readHolder(file);
    const waited = Date.now() - started;
    if (read === "gone" && waited < waitMs) continue; // released between our attempt and our read
    const holder = read === "gone" ? null : read;
    if (read !== "gone" && (await isStale(file, holder, staleMs)) && (await breakStale(file, holder))) {
      opts.log?.debug(`removed the stale lock ${file} left by ${describe(holder)}`);
      continue;
    }
    if (waited >= waitMs) throw timeoutError(name, file, holder, waitMs);
    if (!logged && waited > 1000) {
      opts.log?.info(`waiting for ${describe(holder)} to finish (lock "${name}")`);
      logged = true;
    }
    // Jittered exponential backoff; a change to the lock file cuts the pause short.
    await wake.next(Math.min(delay, waitMs - waited) * (0.5 + Math.random()));
    delay = Math.min(delay * 2, 250);
  }
}

/**
 * Wakes a waiter when something happens to the lock file, so hand-overs do not
 * wait for the next poll (a queue of waiters would otherwise pay one poll
 * interval each). Polling stays the fallback where watching is unavailable.
 */
interface ReleaseSignal {
  next(ms: number): Promise<void>;
  close(): void;
}

function releaseSignal(file: string): ReleaseSignal {
  const base = path.basename(file);
  let pending: (() => void) | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
      if (name === null || name === base) pending?.();
    });
    watcher.on("error", () => undefined);
  } catch {
    watcher = undefined;
  }
  return {
    next: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          pending = undefined;
          resolve();
        }
        pending = done;
      }),
    close: () => watcher?.close(),
  };
}

async function tryCreate(file: string, content: string): Promise<boolean> {
  try {
    await fs.writeFile(file, content, { flag: "wx", mode: 0o600 });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new StoreError(`cannot create the lock file ${file}: ${(e as Error).message}`, {
      hint: `Check that ${path.dirname(file)} is writable.`,
      cause: e,
    });
  }
}

/** The holder recorded in the file, null if unreadable (half-written or garbage), "gone" if no file. */
async function readHolder(file: string): Promise<Holder | null | "gone"> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    return null;
  }
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (typeof h.pid === "number" && typeof h.host === "string" && typeof h.token === "string") return h as Holder;
  } catch {
    /* fall through */
  }
  return null;
}

async function isStale(file: string, holder: Holder | null, staleMs: number): Promise<boolean> {
  if (holder && holder.host === os.hostname() && !processAlive(holder.pid)) return true;
  try {
    const st = await fs.stat(file);
    return Date.now() - st.mtimeMs > staleMs;
  } catch {
    return false; // vanished: the next attempt will create it
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/** True if the stale lock is gone (removed by us or meanwhile released). */
async function breakStale(file: string, seen: Holder | null): Promise<boolean> {
  const breaker = `${file}.break`;
  if (!(await tryCreate(breaker, String(process.pid)))) {
    // Another waiter is breaking it; clear the breaker only if its owner died mid-way.
    const st = await fs.stat(breaker).catch(() => null);
    if (st && Date.now() - st.mtimeMs > BREAKER_STALE_MS) await fs.rm(breaker, { force: true });
    return false;
  }
  try {
    // Only remove the very lock we judged stale, not a fresh one taken meanwhile.
    const now = await readHolder(file);
    if (now === "gone") return true;
    const same = now === null ? seen === null : seen !== null && now.token === seen.token;
    if (same) await fs.rm(file, { force: true });
    return same;
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

async function release(file: string, token: string): Promise<void> {
  const holder = await readHolder(file);
  if (holder !== null && holder !== "gone" && holder.token === token) await fs.rm(file, { force: true });
}

function describe(holder: Holder | null): string {
  if (!holder) return "another stsctl";
  return `another stsctl (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
}

function timeoutError(name: string, file: string, holder: Holder | null, waitMs: number): StoreError {
  return new StoreError(`gave up after ${Math.round(waitMs / 1000)} s waiting for the lock "${name}" held by ${describe(holder)}`, {
    hint: `Another stsctl may be waiting for an MFA code in another terminal: finish or cancel it there. If no stsctl is running, delete ${file}.`,
  });
}
