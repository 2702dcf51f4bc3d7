// AWS accepts each TOTP code once. Before stsctl submits a code computed from a
// stored seed it claims the (device, 30-second window) pair with an O_EXCL marker
// file, so two stsctl processes never send the same code: the loser waits for the
// next window instead of getting "invalid MFA one time pass code".
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { ensurePrivateDir } from "../io/privateDir.js";

const DIR_NAME = "mfa-used";
// Markers older than this many windows can no longer matter (AWS's skew is about one window).
const KEEP_WINDOWS = 10;
const MARKER = /^(\d+)-[0-9a-f]{32}$/;
const MAX_PRUNE = 1000;

// Every code stsctl sends to STS is recorded by value, whatever its source (--token-code,
// mfa_process, a prompt, a seed), before it is sent: AWS accepts a code once
// (docs/aws-limits.md, MFA), so none of them may go out again. Codes `stsctl mfa code`
// showed are recorded apart: the user may type them elsewhere, so a seed must not send
// them, but they are exactly what --token-code and mfa_process are meant to pass on.
const CODE_KEEP_MS = 5 * 60_000;
const CODE_MARKER = /^(code|shown)-[0-9a-f]{32}$/;

/** "sent": given to STS (or about to be); "shown": printed by `stsctl mfa code`. */
export type CodeUse = "sent" | "shown";

const codeMarker = (dir: string, serial: string, code: string, use: CodeUse) =>
  path.join(dir, `${use === "sent" ? "code" : "shown"}-${createHash("sha256").update(`${serial}\n${code}`).digest("hex").slice(0, 32)}`);

/** Records that `code` was sent (or shown) for `serial`. Best effort: losing a marker only risks one refused code. */
export async function markCode(stateDir: string, serial: string, code: string, use: CodeUse, now: Date): Promise<void> {
  try {
    const dir = path.join(stateDir, DIR_NAME);
    await ensurePrivateDir(dir);
    const file = codeMarker(dir, serial, code, use);
    await fs.writeFile(file, "", { mode: 0o600 });
    await fs.utimes(file, now, now);
    await pruneCodes(dir, now).catch(() => undefined);
  } catch {
    // the cache directory may be read-only; the code is still good to use
  }
}

/** True if `code` was recorded for `serial` in the last few minutes, as one of `uses`. */
export async function codeMarked(stateDir: string, serial: string, code: string, now: Date, uses: readonly CodeUse[] = ["sent"]): Promise<boolean> {
  for (const use of uses) {
    const st = await fs.stat(codeMarker(path.join(stateDir, DIR_NAME), serial, code, use)).catch(() => null);
    if (st !== null && now.getTime() - st.mtimeMs < CODE_KEEP_MS) return true;
  }
  return false;
}

/** Claims `counter` (a totpCounter window) for `serial`; true if this caller got it, false if it was already taken. */
export async function reserveCounter(stateDir: string, serial: string, counter: number): Promise<boolean> {
  const dir = path.join(stateDir, DIR_NAME);
  await ensurePrivateDir(dir);
  // The serial is hashed: device ARNs hold '/' and ':' and need not be readable on disk.
  const serialHash = createHash("sha256").update(serial).digest("hex").slice(0, 32);
  try {
    const handle = await fs.open(path.join(dir, `${counter}-${serialHash}`), "wx", 0o600);
    await handle.close();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  await prune(dir, counter).catch(() => undefined);
  return true;
}

// Best effort and bounded: another process may prune the same files at the same time.
async function prune(dir: string, counter: number): Promise<void> {
  const names = await fs.readdir(dir);
  let removed = 0;
  for (const name of names) {
    if (removed >= MAX_PRUNE) break;
    const m = MARKER.exec(name);
    if (!m || Number(m[1]) >= counter - KEEP_WINDOWS) continue;
    await fs.rm(path.join(dir, name), { force: true });
    removed++;
  }
}

// Code markers expire by age; a few per command, so a bounded sweep keeps the directory small.
async function pruneCodes(dir: string, now: Date): Promise<void> {
  let removed = 0;
  for (const name of await fs.readdir(dir)) {
    if (removed >= MAX_PRUNE) break;
    if (!CODE_MARKER.test(name)) continue;
    const file = path.join(dir, name);
    const st = await fs.stat(file).catch(() => null);
    if (st === null || now.getTime() - st.mtimeMs < 2 * CODE_KEEP_MS) continue;
    await fs.rm(file, { force: true });
    removed++;
  }
}
