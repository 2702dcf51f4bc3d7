// Crash-safe replacement of a user file: readers (and a crash at any moment)
// see either the old bytes or the new ones, never a mix.
//
// Rules (documented for users in the README by the commands that write files):
// - Mode: the file ends up with `mode` (default 0600) AND'ed with the mode it
//   already had, so an existing stricter mode (say 0400) is kept and a looser
//   one (say 0644) is tightened. Secrets therefore never end up wider than 0600.
// - Symlinks: if the final path component is a symlink, its real target is
//   written (the link stays a link) only when that target lies inside the
//   user's home directory or inside the directory holding the link; anything
//   else (e.g. /etc/…, another user's tree) and dangling links are refused with
//   a ConfigError. Symlinked parent directories are the user's choice and followed.
// - Temporary files: `.<name>.<pid>.<random>.stsctl-tmp` beside the target,
//   created O_EXCL with the final mode. A killed writer can leave its own temp
//   file; later writes delete those whose process is gone and which are older
//   than 30 s (the age guard protects a writer on another host sharing the disk).

import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { promises as fsp } from "node:fs";

// fs.promises is read at call time, not import time: importing this module (as the
// session store does) must not load fs/promises on the credential-process cache hit.
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { ConfigError, isStsctlError } from "../errors.js";
import { trackTemp, untrackTemp } from "./tempFiles.js";

export interface AtomicWriteOptions {
  /** Permission bits for the file (default 0o600); see the mode rule above. */
  mode?: number;
  /**
   * Home directory for the symlink rule. Commands pass ctx.home; the stores' writes of
   * stsctl's own files (sessions, vault, key check) do not, and fall back to os.homedir().
   */
  home?: string;
}

const TEMP_SUFFIX = ".stsctl-tmp";
const STALE_TEMP_MS = 30_000;

/**
 * The path a write to `path` really lands on, after the symlink rule. Exposed
 * so that callers lock and read the same file they will write.
 */
export async function resolveWriteTarget(path: string, opts: { home?: string } = {}): Promise<string> {
  const abs = resolve(path);
  const dir = dirname(abs);
  const info = await fsp.lstat(abs).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return undefined;
    throw wrap(e, path);
  });
  const realDir = await fsp.realpath(dir).catch(() => dir);
  if (!info) return join(realDir, basename(abs));
  if (info.isSymbolicLink()) {
    const target = await fsp.realpath(abs).catch(() => {
      throw new ConfigError(`${path} is a symlink to a missing file`, {
        hint: "remove the dangling link or recreate the file it points to",
      });
    });
    const home = await fsp.realpath(opts.home ?? homedir()).catch(() => opts.home ?? homedir());
    if (!inside(home, target) && !inside(realDir, target)) {
      throw new ConfigError(`${path} is a symlink to ${target}, outside your home directory`, {
        hint: "stsctl only follows links that stay in your home directory or beside the link; replace the link with a regular file",
      });
    }
    await assertRegular(target, path);
    return target;
  }
  if (!info.isFile()) throw notRegular(path);
  return join(realDir, basename(abs));
}

/** Replace `path` with `data`: temp file, fsync, rename, fsync the directory. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const target = await resolveWriteTarget(path, opts);
  const dir = dirname(target);
  let tmp: string | undefined;
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const existing = await fsp.stat(target).catch(() => undefined);
    const mode = (opts.mode ?? 0o600) & (existing ? existing.mode & 0o777 : 0o777);
    tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
    trackTemp(tmp);
    const fh = await fsp.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      if (process.platform !== "win32") await fh.chmod(mode); // creation mode is filtered by umask
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await renameWithRetry(tmp, target);
    untrackTemp(tmp);
    tmp = undefined;
    await syncDir(dir);
  } catch (e) {
    if (tmp) {
      await fsp.unlink(tmp).catch(() => undefined);
      untrackTemp(tmp);
    }
    throw wrap(e, path);
  }
  await sweepStaleTemps(dir, basename(target)).catch(() => undefined);
}

/**
 * Fails as writeFileAtomic would if `path` cannot be written (its directory, or the
 * nearest one that exists, does not take new files; a directory stands in its place),
 * so commands can check before work that cannot be undone: an STS call, an MFA code.
 */
export async function checkWritable(path: string, opts: AtomicWriteOptions = {}): Promise<void> {
  const target = await resolveWriteTarget(path, opts);
  const st = await fsp.lstat(target).catch(() => undefined);
  if (st?.isDirectory()) throw wrap(Object.assign(new Error("is a directory"), { code: "EISDIR" }), path);
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    try {
      await fsp.access(dir, constants.W_OK | constants.X_OK);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || dir === dirname(dir)) throw wrap(e, path);
    }
  }
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

async function assertRegular(target: string, shown: string): Promise<void> {
  const info = await fsp.stat(target);
  if (!info.isFile()) throw notRegular(shown);
}

function notRegular(path: string): ConfigError {
  return new ConfigError(`${path} is not a regular file`, { hint: "move it aside; stsctl writes only plain files" });
}

// Windows refuses to replace a file another process has open; it is usually brief.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fsp.rename(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const transient = process.platform === "win32" && (code === "EPERM" || code === "EACCES" || code === "EBUSY");
      if (!transient || attempt >= 10) throw e;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

// Makes the rename itself durable. Directories cannot be opened for fsync on Windows.
async function syncDir(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  const dh = await fsp.open(dir, "r");
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

async function sweepStaleTemps(dir: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\d+)\\.[0-9a-f]{12}\\.stsctl-tmp$`);
  for (const name of await fsp.readdir(dir)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    const p = join(dir, name);
    const info = await fsp.lstat(p).catch(() => undefined);
    if (info?.isFile() && Date.now() - info.mtimeMs > STALE_TEMP_MS) await fsp.unlink(p).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function wrap(e: unknown, path: string): Error {
  if (isStsctlError(e)) return e;
  const code = (e as NodeJS.ErrnoException).code ?? "unknown error";
  const hints: Record<string, string> = {
    EACCES: `check the permissions of ${dirname(resolve(path))} and of the file`,
    EPERM: `check the permissions of ${dirname(resolve(path))} and of the file`,
    ENOSPC: "free some disk space and try again",
    EROFS: "the file system is read-only; write somewhere else",
    EISDIR: "a directory is in the way; move it aside",
  };
  return new ConfigError(`cannot write ${path}: ${code}`, {
    hint: hints[code] ?? `check that ${dirname(resolve(path))} is writable`,
    cause: e,
  });
}
