import { spawn } from "node:child_process";

/**
 * Starts the key agent detached, handing it the key on stdin. Best effort:
 * if it cannot start, the next stsctl simply reads the keychain again.
 */
export function startAgent(opts: { script: string; socket: string; key: Buffer; idleMs: number; maxLifeMs: number }): void {
  try {
    const child = spawn(process.execPath, [opts.script, opts.socket, String(opts.idleMs), String(opts.maxLifeMs)], {
      detached: true,
      stdio: ["pipe", "ignore", "ignore"],
      // Nothing of ours: the caller's environment may hold a passphrase or AWS keys,
      // and the agent outlives it by hours.
      env: {},
      windowsHide: true,
    });
    child.on("error", () => undefined);
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.key.toString("base64"));
    child.unref();
  } catch {
    // no agent this time
  }
}
