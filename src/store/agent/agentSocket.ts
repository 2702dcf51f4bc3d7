import path from "node:path";
import { BUILD_ID } from "./buildId.js";

export type AgentBackend = "keychain" | "file";

/**
 * Where the key agent of this build listens: a unix socket in a 0700 directory
 * of the cache dir, so only this user can reach it (as with ssh-agent).
 * Undefined, so no agent, where that cannot be had: on Windows, named pipes
 * share one namespace and any local user could create the expected name first;
 * and where the path is too long for a unix socket.
 * On the cache-hit path (src/entry/front.ts): node:path only.
 */
export function agentSocketPath(cacheDir: string, platform: NodeJS.Platform, backend: AgentBackend): string | undefined {
  if (platform === "win32") return undefined;
  // One agent per backend (their keys and session directories differ) and per build.
  const p = path.join(cacheDir, "agent", `${backend}-${BUILD_ID}.sock`);
  // sun_path is 108 bytes on Linux, 104 on macOS.
  return Buffer.byteLength(p) < 100 ? p : undefined;
}

/** The agent directory's sockets of every build, and of releases before builds named them (clear --all stops them all). */
export function isAgentSocketName(file: string): boolean {
  return /^(keychain|file)(-\w+)?\.sock$/.test(file);
}
