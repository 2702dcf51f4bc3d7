import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomicWrite.js";
import { cacheDir } from "../store/cacheDir.js";
import type { Ctx } from "./ctx.js";

// The "current session": the profile last assumed, so that a bare `stsctl env`
// knows what to export. STSCTL_PROFILE (set by the shell integration) wins, so
// each shell can have its own.

const file = (ctx: Ctx) => join(cacheDir(ctx.env, ctx.platform, ctx.env.HOME || homedir()), "current-profile");

export function readCurrentProfile(ctx: Ctx): string | undefined {
  if (ctx.env.STSCTL_PROFILE) return ctx.env.STSCTL_PROFILE;
  try {
    return readFileSync(file(ctx), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function recordCurrentProfile(ctx: Ctx, profile: string): Promise<void> {
  try {
    await writeFileAtomic(file(ctx), `${profile}\n`, { mode: 0o600 });
  } catch (e) {
    ctx.log.debug(`could not record the current profile: ${(e as Error).message}`);
  }
}
