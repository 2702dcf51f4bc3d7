import { chmodSync, lstatSync, mkdirSync } from "node:fs";
import { StoreError } from "../errors.js";
import { ancestryProblem, currentUid, ownEntryProblem, type Distrust } from "./ownership.js";

/**
 * Creates `dir` (and parents) as 0700, checks without following links that it is a
 * directory of ours, and tightens it if its mode is looser. Refuses (StoreError)
 * a link, another user's directory or anything else in its place.
 * Synchronous inside (a few system calls on a local directory): the cache hit
 * calls it and must not load fs/promises.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw stateDirError(dir, e as NodeJS.ErrnoException);
  }
  const uid = currentUid();
  if (uid === undefined) return;
  const st = lstatSync(dir);
  const problem = ownEntryProblem(dir, st, "dir", uid);
  if (problem) throw distrustError(problem);
  if ((st.mode & 0o077) !== 0) {
    try {
      chmodSync(dir, 0o700);
    } catch (e) {
      throw stateDirError(dir, e as NodeJS.ErrnoException);
    }
  }
}

/**
 * ensurePrivateDir for the root of stsctl's state (the cache or data directory),
 * also checking every directory above it (ownership.ts says what passes).
 */
export async function ensureStateRoot(dir: string): Promise<void> {
  const uid = currentUid();
  if (uid !== undefined) {
    const above = ancestryProblem(dir, uid);
    if (above) throw distrustError(above);
  }
  await ensurePrivateDir(dir);
}

/** The refusal, with the path, what is wrong with it and the fix. */
export function distrustError(d: Distrust): StoreError {
  return new StoreError(`stsctl will not keep credentials under ${d.path}: it ${d.problem}`, {
    hint: `Another local user could pose as stsctl's key agent or read its cache there. To fix: ${d.fix}.`,
  });
}

function stateDirError(dir: string, e: NodeJS.ErrnoException): StoreError {
  return new StoreError(`cannot set up stsctl's state directory ${dir}: ${e.code ?? e.message}`, {
    hint:
      e.code === "EACCES" || e.code === "EROFS" || e.code === "EPERM"
        ? "That place is not writable: set STSCTL_CACHE_DIR (and STSCTL_DATA_DIR) to a writable directory of yours, or STSCTL_KEYRING=none to run without a cache."
        : "Set STSCTL_CACHE_DIR (and STSCTL_DATA_DIR) to a writable directory of yours, or STSCTL_KEYRING=none to run without a cache.",
    cause: e,
  });
}
