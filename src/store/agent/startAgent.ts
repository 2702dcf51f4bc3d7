import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { AgentBackend } from "./agentSocket.js";

/**
 * Starts the key agent detached, handing it the key on stdin. Best effort:
 * if it cannot start, the next stsctl simply reads the keychain again.
 */
export function startAgent(opts: { script: string; socket: string; backend: AgentBackend; key: Buffer; idleMs: number; maxLifeMs: number }): void {
  try {
    const unix = !opts.socket.startsWith("\\\\.\\pipe\\");
    if (unix) mkdirSync(dirname(opts.socket), { recursive: true, mode: 0o700 });
    const child = spawn(process.execPath, [opts.script, opts.socket, String(opts.idleMs), String(opts.maxLifeMs), opts.backend], {
      detached: true,
      stdio: ["pipe", "ignore", "ignore"],
      // Nothing of ours: the caller's environment may hold a passphrase or AWS keys,
      // and the agent outlives it by hours.
      env: {},
      windowsHide: true,
      // Not the caller's directory, which the agent would keep busy for hours.
      ...(unix ? { cwd: dirname(opts.socket) } : {}),
    });
    child.on("error", () => undefined);
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.key.toString("base64"));
    child.unref();
  } catch {
    // no agent this time
  }
}
