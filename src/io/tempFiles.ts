import { unlinkSync } from "node:fs";

// Temp files a writer has open right now (atomicWrite.ts). A stsctl stopped by a
// signal or process.exit in mid-write removes them on its way out instead of leaving
// a 0600 file of secrets beside the target; only SIGKILL can still leave one, which
// the next write to that target sweeps.

const open = new Set<string>();
const SIGNALS: NodeJS.Signals[] = process.platform === "win32" ? ["SIGINT"] : ["SIGINT", "SIGTERM", "SIGHUP"];

function removeAll(): void {
  for (const p of open) {
    try {
      unlinkSync(p);
    } catch {
      // gone already
    }
  }
  open.clear();
}

// Removes the temp files, then lets the signal do what it would have done.
function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  detach();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function attach(): void {
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("exit", removeAll);
}

function detach(): void {
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off("exit", removeAll);
}

/** Marks `path` as a temp file to remove if the process ends before `untrackTemp`. */
export function trackTemp(path: string): void {
  if (open.size === 0) attach();
  open.add(path);
}

export function untrackTemp(path: string): void {
  if (open.delete(path) && open.size === 0) detach();
}
