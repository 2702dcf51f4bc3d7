import path from "node:path";
import { BUILD_ID } from "../../buildId.js";

export type AgentBackend = "keychain" | "file";

/**
 * Where the key agent of this build listens: a unix socket in a 0700 directory
 * of the cache dir (only this user can reach it, as with ssh-agent), or a named
 * pipe on Windows. Undefined when the path would be too long for a unix socket.
 * On the cache-hit path (src/front.ts): node:path only, no crypto.
 */
export function agentSocketPath(cacheDir: string, platform: NodeJS.Platform, backend: AgentBackend): string | undefined {
  // One agent per backend (their keys and session directories differ) and per build.
  const name = `${backend}-${BUILD_ID}`;
  if (platform === "win32") return `\\\\.\\pipe\\stsctl-agent-${name}-${fnv1a(cacheDir)}`;
  const p = path.join(cacheDir, "agent", `${name}.sock`);
  // sun_path is 108 bytes on Linux, 104 on macOS.
  return Buffer.byteLength(p) < 100 ? p : undefined;
}

/** The agent directory's sockets of every build (clear --all stops them all). */
export function isAgentSocketName(file: string): boolean {
  return /^(keychain|file)-[\w]+\.sock$/.test(file);
}

// A pipe name per cache dir; uniqueness, not secrecy, so no crypto module to load.
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (const c of Buffer.from(s, "utf8")) h = Math.imul(h ^ c, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}
