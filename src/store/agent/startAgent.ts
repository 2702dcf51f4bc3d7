import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { AgentBackend } from "./agentSocket.js";

/**
 * Starts the key agent detached, handing it the key on stdin. Best effort:
 * if it cannot start, the next stsctl simply reads the keychain again.
 */
export function startAgent(opts: {
  script: string;
  socket: string;
  backend: AgentBackend;
  cacheDir: string;
  key: Buffer;
  idleMs: number;
  maxLifeMs: number;
}): void {
  try {
    // Absolute: the agent runs elsewhere than its caller (a relative STSCTL_CACHE_DIR would otherwise nest).
    const socket = resolve(opts.socket);
    const cwd = resolve(opts.cacheDir);
    mkdirSync(dirname(socket), { recursive: true, mode: 0o700 });
    const child = spawn(process.execPath, [opts.script, socket, String(opts.idleMs), String(opts.maxLifeMs), opts.backend], {
      detached: true,
      stdio: ["pipe", "ignore", "ignore"],
      // Nothing of ours: the caller's environment may hold a passphrase or AWS keys,
      // and the agent outlives it by hours.
      env: {},
      windowsHide: true,
      // Not the caller's directory, which the agent would keep busy for hours.
      cwd,
    });
    child.on("error", () => undefined);
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.key.toString("base64"));
    child.unref();
  } catch {
    // no agent this time
  }
}
