import { parseDuration } from "../plan/durations.js";
import { refreshWindow } from "../plan/refreshWindow.js";
import type { Ctx } from "../app/ctx.js";
import { createEngine } from "../app/createEngine.js";
import { checkOutputOptions, emitSession } from "../cli/emitSession.js";
import { engineOptions } from "../cli/engineOptions.js";
import { outputOptions } from "../cli/outputOptions.js";
import { resolvePlanInUse, sessionToRecord } from "../cli/resolvePlan.js";

/** Refresh an explicitly sized session when it would end this much earlier than a fresh one. */
const EXPLICIT_DURATION_SLACK = 300;

/**
 * stsctl assume: run the profile's plan, cache every step, report, and output what
 * was asked. With no profile named (assume and session-token alike): the current
 * session, else the keys in the environment, else AWS_PROFILE's or the default
 * profile (cli/resolvePlan.ts resolvePlanInUse); stderr says which.
 */
export default async function assume(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  return runAndEmit(ctx, args, opts, "session");
}

export async function runAndEmit(ctx: Ctx, args: unknown[], opts: Record<string, unknown>, want: "session" | "session-token"): Promise<number> {
  const output = outputOptions(opts);
  const inUse = resolvePlanInUse(ctx, args[0], opts, want, { environmentKeys: true });
  const { config, name, plan: p, using } = inUse;
  if (using) ctx.log.info(`using ${using}`);
  const durationFlag = typeof opts.duration === "string" ? opts.duration : undefined;
  await checkOutputOptions(ctx, output, name);
  const engine = createEngine(ctx, config, p, engineOptions(opts));
  const duration = durationFlag !== undefined ? parseDuration(durationFlag) : undefined;
  const asked = p.steps.at(-1)?.kind !== "StaticKeys" && duration ? duration : undefined;
  const sized = asked && Math.min(asked, (p.steps.at(-1) as { durationSeconds?: number }).durationSeconds ?? asked);
  // Never less than the refresh window, which is at most a third of the session (src/plan/refreshWindow.ts).
  const result = await engine.run(sized ? { finalMinSeconds: Math.max(refreshWindow(engine.minTtlSeconds, sized), sized - EXPLICIT_DURATION_SLACK) } : {});
  // The current session, used again, keeps the duration it was asked for (its plan
  // depends on it); only a --duration given now makes a cached session too short.
  const record = sessionToRecord(name) !== undefined;
  return emitSession(ctx, result, output, { profile: name, plan: p, duration: durationFlag ?? inUse.duration, record });
}
