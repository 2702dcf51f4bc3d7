import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface OtherUser {
  name: string;
  uid: number;
  gid: number;
  /** A node binary that user can run: this Node, or a copy of it where they can reach it. */
  node: string;
}

const CHECKOUT_BIN = fileURLToPath(new URL("../../bin/stsctl", import.meta.url));

/**
 * Whether `user` can run this checkout with this Node (a Node that npx keeps
 * under /root, or a checkout under a private directory, it cannot).
 */
function canRunStsctl(user: OtherUser): boolean {
  const r = spawnSync(user.node, [CHECKOUT_BIN, "--version"], {
    uid: user.uid,
    gid: user.gid,
    cwd: "/",
    env: { PATH: "/usr/bin:/bin" },
    stdio: "ignore",
    timeout: 20_000,
  });
  return r.status === 0;
}

/** This Node, or (when it lives somewhere private, as npx's under /root) a copy in a shared place. */
function nodeFor(uid: number, gid: number): string {
  if (spawnSync(process.execPath, ["-e", "0"], { uid, gid, cwd: "/", stdio: "ignore", timeout: 20_000 }).status === 0) return process.execPath;
  const dir = join(tmpdir(), `stsctl-node-${process.version}`);
  const copy = join(dir, "node");
  if (!existsSync(copy)) {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const partial = `${copy}.${process.pid}`;
    copyFileSync(process.execPath, partial);
    chmodSync(partial, 0o755);
    renameSync(partial, copy);
  }
  return copy;
}

const NAME = "stsctl-other";

/**
 * A second local user for attacks by "another user on this machine": created
 * with useradd when the tests run as root (no home, no login shell); null
 * otherwise, or when that user cannot run this checkout with this Node, and the
 * caller skips with a message.
 */
export function otherUser(): OtherUser | null {
  const user = findOrCreate();
  return user && canRunStsctl(user) ? user : null;
}

function findOrCreate(): OtherUser | null {
  if (process.getuid?.() !== 0) return null;
  const ids = () => {
    try {
      const uid = Number(execFileSync("id", ["-u", NAME], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
      const gid = Number(execFileSync("id", ["-g", NAME], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
      return uid > 0 ? { name: NAME, uid, gid, node: nodeFor(uid, gid) } : null;
    } catch {
      return null;
    }
  };
  const known = ids();
  if (known) return known;
  try {
    execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME], { stdio: "ignore", timeout: 10_000 });
  } catch {
    // another test file may have just created it
  }
  return ids();
}
