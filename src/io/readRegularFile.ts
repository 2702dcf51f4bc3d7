// Reads a file that the user (or the environment) names, as a regular file
// only and never past a size limit. A path may name a FIFO, a device such as
// /dev/zero or /dev/urandom, a directory or a socket: reading those would
// block forever or never end. node:fs only: the config loader on the
// cache-hit path uses it.

// fs.promises is read at call time, not import time: the config loader's
// sync reads on the cache-hit path must not load fs/promises.
import { closeSync, constants, fstatSync, openSync, promises as fsp, readSync, statSync, type Stats } from "node:fs";
import type { StsctlError } from "../errors.js";

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting
// for one (open(2)); the descriptor is refused before any read. O_NOCTTY: a
// terminal named by mistake never becomes the controlling terminal. Windows
// has neither flag and no FIFOs to open.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

export interface ReadRefusal {
  kind: "not-regular" | "too-large";
  /** To follow the file's name: "is a FIFO (named pipe), not a regular file", "is larger than 64 KiB". */
  text: string;
}

export interface ReadLimit {
  /** The most bytes accepted; one more is refused. */
  maxBytes: number;
  /** The caller's error for a refusal (ConfigError, UsageError, FederationError…). */
  refuse: (why: ReadRefusal) => StsctlError;
}

/**
 * The file's bytes. Errors of open(2) other than a refusal (ENOENT, EACCES…)
 * are thrown as they are, so each caller keeps its handling of a missing file.
 */
export function readRegularFileSync(path: string, limit: ReadLimit): Buffer {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    throw refusalOfUnopenable(e, () => statSync(path), limit);
  }
  try {
    const st = fstatSync(fd);
    refuseUnlessRegular(st, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(nextChunk(st, total, limit));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) return Buffer.concat(chunks, total);
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit.maxBytes) throw limit.refuse(tooLarge(limit.maxBytes));
    }
  } finally {
    closeSync(fd);
  }
}

/** The same as readRegularFileSync, without blocking the event loop. */
export async function readRegularFile(path: string, limit: ReadLimit): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof fsp.open>>;
  try {
    handle = await fsp.open(path, FLAGS);
  } catch (e) {
    throw refusalOfUnopenable(e, await fsp.stat(path).catch(() => undefined), limit);
  }
  try {
    const st = await handle.stat();
    refuseUnlessRegular(st, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(nextChunk(st, total, limit));
      const { bytesRead: n } = await handle.read(buf, 0, buf.length, null);
      if (n === 0) return Buffer.concat(chunks, total);
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit.maxBytes) throw limit.refuse(tooLarge(limit.maxBytes));
    }
  } finally {
    await handle.close();
  }
}

/** "16 MiB", "64 KiB", else "N bytes": limits as messages show them. */
export function showBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / 1024 / 1024} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n.toLocaleString("en-US")} bytes`;
}

// st_size only sizes the first read: a file can grow while it is read, and
// /proc files report 0. Reading stops one byte past the limit whatever it says.
function nextChunk(st: Stats, total: number, limit: ReadLimit): number {
  const left = limit.maxBytes + 1 - total;
  return Math.min(left, Math.max(CHUNK, st.size + 1 - total));
}

function refuseUnlessRegular(st: Stats, limit: ReadLimit): void {
  if (!st.isFile()) throw limit.refuse(notRegular(st));
}

// Some kinds fail open(2) itself (a socket: ENXIO; a directory on some
// systems: EISDIR); say what the path is rather than the errno.
function refusalOfUnopenable(e: unknown, st: Stats | undefined | (() => Stats), limit: ReadLimit): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR" || code === "ELOOP") return e;
  let info: Stats | undefined;
  try {
    info = typeof st === "function" ? st() : st;
  } catch {
    return e;
  }
  return info && !info.isFile() ? limit.refuse(notRegular(info)) : e;
}

function notRegular(st: Stats): ReadRefusal {
  const kind = st.isFIFO()
    ? "a FIFO (named pipe)"
    : st.isCharacterDevice()
      ? "a character device"
      : st.isBlockDevice()
        ? "a block device"
        : st.isDirectory()
          ? "a directory"
          : st.isSocket()
            ? "a socket"
            : undefined;
  return { kind: "not-regular", text: kind ? `is ${kind}, not a regular file` : "is not a regular file" };
}

function tooLarge(maxBytes: number): ReadRefusal {
  return { kind: "too-large", text: `is larger than ${showBytes(maxBytes)}` };
}
