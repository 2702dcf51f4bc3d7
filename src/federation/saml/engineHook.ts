import { homedir } from "node:os";
import type { Ctx } from "../../app/ctx.js";
import type { EngineDeps } from "../../engine/deps.js";
import type { AssumeRoleWithSamlStep } from "../../plan/steps.js";
import { createSamlAssertionHook } from "./samlAssertionHook.js";
import { samlOverrides } from "./samlOverrides.js";

/** What createEngine hands over; this module is imported only when a plan has a SAML step to run. */
export interface SamlWiring {
  ctx: Ctx;
  opts: Record<string, unknown>;
  cacheDir: string;
  withLock: EngineDeps["withLock"];
}

export function samlAssertion(step: AssumeRoleWithSamlStep, w: SamlWiring): ReturnType<NonNullable<EngineDeps["samlAssertion"]>> {
  return createSamlAssertionHook({
    env: w.ctx.env,
    now: w.ctx.now,
    log: w.ctx.log,
    stdin: w.ctx.stdin,
    platform: w.ctx.platform,
    home: w.ctx.env.HOME || homedir(),
    cacheDir: w.cacheDir,
    overrides: samlOverrides(w.opts),
    withLock: w.withLock,
  })(step);
}
