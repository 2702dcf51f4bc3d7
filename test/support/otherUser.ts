import { execFileSync } from "node:child_process";

export interface OtherUser {
  name: string;
  uid: number;
  gid: number;
}

const NAME = "stsctl-other";

/**
 * A second local user for attacks by "another user on this machine": created
 * with useradd when the tests run as root (no home, no login shell); null
 * otherwise, and the caller skips with a message.
 */
export function otherUser(): OtherUser | null {
  if (process.getuid?.() !== 0) return null;
  const ids = () => {
    try {
      const uid = Number(execFileSync("id", ["-u", NAME], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
      const gid = Number(execFileSync("id", ["-g", NAME], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
      return uid > 0 ? { name: NAME, uid, gid } : null;
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
