import { join } from "node:path";
import { StsctlError } from "../errors.js";
import { writeFileAtomic } from "../io/atomicWrite.js";
import { readRegularFileSync } from "../io/readRegularFile.js";
import type { Ctx } from "./ctx.js";
import { userCacheDir } from "./userStores.js";

// The "current session": the profile last assumed (and the duration it was asked
// for, which can change its plan), so a bare `stsctl env` exports that very
// session. STSCTL_PROFILE (set by the shell integration) wins, so each shell can
// have its own.

export interface CurrentSession {
  profile: string;
  duration?: string;
}

const file = (ctx: Ctx) => join(userCacheDir(ctx), "current-session.json");
/** A profile name and a duration in JSON: far below this; anything larger was not written by stsctl. */
const MAX_BYTES = 64 * 1024;

export function readCurrentSession(ctx: Ctx): CurrentSession | undefined {
  let saved: CurrentSession | undefined;
  try {
    const text = readRegularFileSync(file(ctx), { maxBytes: MAX_BYTES, refuse: (why) => new StsctlError(`${file(ctx)} ${why.text}`) }).toString("utf8");
    const parsed = JSON.parse(text) as Partial<CurrentSession>;
    if (typeof parsed.profile === "string" && parsed.profile) {
      saved = { profile: parsed.profile, ...(typeof parsed.duration === "string" ? { duration: parsed.duration } : {}) };
    }
  } catch (e) {
    // none recorded yet, unreadable, or refused (not a regular file, too large): fall back to AWS_PROFILE
    if (e instanceof StsctlError) ctx.log.debug(`ignoring the current session: ${e.message}`);
  }
  const fromEnv = ctx.env.STSCTL_PROFILE;
  if (fromEnv) return saved?.profile === fromEnv ? saved : { profile: fromEnv };
  return saved;
}

export async function recordCurrentSession(ctx: Ctx, session: CurrentSession): Promise<void> {
  try {
    await writeFileAtomic(file(ctx), JSON.stringify(session) + "\n", { mode: 0o600, home: ctx.home });
  } catch (e) {
    ctx.log.debug(`could not record the current session: ${(e as Error).message}`);
  }
}
