import { lstatSync, realpathSync, type Stats } from "node:fs";
import path from "node:path";

// Who may have put what stsctl finds at a state path (the key agent's socket, the
// session cache, locks, the file vault). Another local user who could create or
// replace any of them could pose as the key agent or hand us a data key, so each is
// checked without following links: ours, and writable by nobody else. As with
// ssh-agent, no other check is possible: Node.js does not expose the peer
// credentials (SO_PEERCRED) of a unix socket.
// Also on the cache-hit path (src/entry/front.ts): node:fs and node:path only.

export interface Distrust {
  path: string;
  /** e.g. "is owned by uid 1001, not you (uid 1000)". */
  problem: string;
  fix: string;
}

export type Kind = "dir" | "socket" | "file";

/** The current user's uid, or undefined where there are no uids (Windows): no checks there. */
export function currentUid(): number | undefined {
  return typeof process.getuid === "function" ? process.getuid() : undefined;
}

/** What is wrong with `st` (an lstat) as one of our own state entries of `kind`, or null. */
export function ownEntryProblem(p: string, st: Stats, kind: Kind, uid: number): Distrust | null {
  const found = entryProblem(p, st, kind, uid);
  return found && { ...found, problem: `${found.problem} (owner uid ${st.uid}, mode ${modeOf(st)})` };
}

function entryProblem(p: string, st: Stats, kind: Kind, uid: number): Distrust | null {
  if (st.isSymbolicLink())
    return { path: p, problem: "is a symbolic link", fix: `remove it; stsctl creates its own ${kind === "dir" ? "directory" : kind} there` };
  const wantType = kind === "dir" ? st.isDirectory() : kind === "socket" ? st.isSocket() : st.isFile();
  if (!wantType) return { path: p, problem: `is not a ${kind === "dir" ? "directory" : kind === "socket" ? "socket" : "regular file"}`, fix: "remove it" };
  if (st.uid !== uid)
    return {
      path: p,
      problem: `is not yours (you are uid ${uid})`,
      fix: `remove it, or point stsctl at a directory of your own (STSCTL_CACHE_DIR, STSCTL_DATA_DIR)`,
    };
  if (kind !== "dir" && (st.mode & 0o022) !== 0) return { path: p, problem: "is writable by other users", fix: "remove it" };
  return null;
}

/**
 * What is wrong with the directories above a state directory, or null: each must be
 * owned by you or root, and writable by nobody else unless sticky (as /tmp is: others
 * there cannot rename or remove what you made). A link on the way must be yours or root's.
 */
export function ancestryProblem(dir: string, uid: number): Distrust | null {
  const abs = path.resolve(dir);
  // Links first, on the path as given: one owned by another user can be pointed elsewhere later.
  for (let p = path.dirname(abs); ; p = path.dirname(p)) {
    const st = lstatOrNull(p);
    if (st?.isSymbolicLink() && st.uid !== uid && st.uid !== 0) {
      return {
        path: p,
        problem: `is a link owned by uid ${st.uid}, not by you (uid ${uid}) or root`,
        fix: "point stsctl at a directory whose path only you and root control",
      };
    }
    if (p === path.dirname(p)) break;
  }
  let real: string;
  try {
    real = realpathSync.native(path.dirname(abs));
  } catch {
    return null; // not there yet: whatever creates it checks again
  }
  for (let p = real; ; p = path.dirname(p)) {
    const st = lstatOrNull(p);
    if (st) {
      if (st.uid !== uid && st.uid !== 0) {
        return {
          path: p,
          problem: `is owned by uid ${st.uid}, not by you (uid ${uid}) or root`,
          fix: "point stsctl at a directory whose path only you and root control",
        };
      }
      const sticky = (st.mode & 0o1000) !== 0;
      if ((st.mode & 0o022) !== 0 && !sticky) {
        return { path: p, problem: `is writable by other users (mode ${modeOf(st)})`, fix: `run \`chmod go-w ${p}\`, or point stsctl at another directory` };
      }
    }
    if (p === path.dirname(p)) break;
  }
  return null;
}

/**
 * What is wrong with the key agent's socket, checked cheaply before connecting: the
 * socket, its 0700 directory and the cache directory must be ours, and so must the
 * path above them. A socket that is not there is no problem (connecting then fails).
 */
export function socketProblem(socket: string, cacheDir: string, uid: number): Distrust | null {
  const agentDir = path.dirname(socket);
  for (const [p, kind] of [
    [cacheDir, "dir"],
    [agentDir, "dir"],
    [socket, "socket"],
  ] as const) {
    const st = lstatOrNull(p);
    if (!st) return null;
    const problem = ownEntryProblem(p, st, kind, uid);
    if (problem) return problem;
    // Directories are made 0700; one that others can write may hold anybody's socket.
    if (kind === "dir" && (st.mode & 0o022) !== 0)
      return { path: p, problem: `is writable by other users (mode ${modeOf(st)})`, fix: `remove it; stsctl creates it again, 0700` };
  }
  return ancestryProblem(cacheDir, uid);
}

/** socketProblem as a yes or no, for the cache-hit path; false where there are no uids. */
export function socketIsTrusted(socket: string, cacheDir: string): boolean {
  const uid = currentUid();
  return uid !== undefined && socketProblem(socket, cacheDir, uid) === null;
}

function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

function modeOf(st: Stats): string {
  return (st.mode & 0o7777).toString(8).padStart(4, "0");
}
