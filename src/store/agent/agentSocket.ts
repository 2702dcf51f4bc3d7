import { createHash } from "node:crypto";
import path from "node:path";

/**
 * Where the key agent listens: a unix socket in a 0700 directory of the cache
 * dir (only this user can reach it, as with ssh-agent), or a named pipe on
 * Windows. Undefined when the path would be too long for a unix socket.
 */
export function agentSocketPath(cacheDir: string, platform: NodeJS.Platform, backend: "keychain" | "file"): string | undefined {
  // One agent per backend: their keys differ, and so do their session directories.
  if (platform === "win32") {
    return `\\\\.\\pipe\\stsctl-agent-${backend}-${createHash("sha256").update(cacheDir).digest("hex").slice(0, 16)}`;
  }
  const p = path.join(cacheDir, "agent", `${backend}.sock`);
  // sun_path is 108 bytes on Linux, 104 on macOS.
  return Buffer.byteLength(p) < 100 ? p : undefined;
}
