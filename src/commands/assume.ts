import { parseDuration } from "../plan/durations.js";
import { refreshWindow } from "../plan/refreshWindow.js";
import type { Ctx } from "../app/ctx.js";
import { createEngine } from "../app/createEngine.js";
import { checkOutputOptions, emitSession } from "../cli/emitSession.js";
import { engineOptions } from "../cli/engineOptions.js";
import { outputOptions } from "../cli/outputOptions.js";
import { resolvePlan } from "../cli/resolvePlan.js";

/** Refresh an explicitly sized session when it would end this much earlier than a fresh one. */
const EXPLICIT_DURATION_SLACK = 300;

/** stsctl assume: run the profile's plan, cache every step, report, and output what was asked. */
export default async function assume(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  return runAndEmit(ctx, args, opts, "session");
}

export async function runAndEmit(ctx: Ctx, args: unknown[], opts: Record<string, unknown>, want: "session" | "session-token"): Promise<number> {
  const output = outputOptions(opts);
  const durationFlag = typeof opts.duration === "string" ? opts.duration : undefined;
  const { config, name, plan: p } = resolvePlan(ctx, args[0], opts, want);
  await checkOutputOptions(ctx, output, name);
  const engine = createEngine(ctx, config, p, engineOptions(opts));
  const duration = durationFlag !== undefined ? parseDuration(durationFlag) : undefined;
  const asked = p.steps.at(-1)?.kind !== "StaticKeys" && duration ? duration : undefined;
  const sized = asked && Math.min(asked, (p.steps.at(-1) as { durationSeconds?: number }).durationSeconds ?? asked);
  // Never less than the refresh window, which is at most a third of the session (src/plan/refreshWindow.ts).
  const result = await engine.run(sized ? { finalMinSeconds: Math.max(refreshWindow(engine.minTtlSeconds, sized), sized - EXPLICIT_DURATION_SLACK) } : {});
  return emitSession(ctx, result, output, { profile: name, plan: p, duration: durationFlag });
}
