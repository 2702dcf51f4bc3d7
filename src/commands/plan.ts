import { renderPlan } from "../plan/renderPlan.js";
import type { Ctx } from "../app/ctx.js";
import { resolvePlanInUse } from "../cli/resolvePlan.js";

/**
 * stsctl plan: what would happen and why. No network, no keychain. With no profile
 * named, the plan `stsctl assume` would run: the current session's, else the keys in
 * the environment's, else AWS_PROFILE's or the default profile's; stderr says which.
 */
export default async function planCommand(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const json = opts.json === true;
  const { plan: p, using } = resolvePlanInUse(ctx, args[0], opts, "session", { environmentKeys: true });
  if (using) ctx.log.info(`using ${using}`);
  ctx.out(json ? JSON.stringify(p, null, 2) + "\n" : renderPlan(p));
  return 0;
}
