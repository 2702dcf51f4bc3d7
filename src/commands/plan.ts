import { plan } from "../plan/plan.js";
import { renderPlan } from "../plan/renderPlan.js";
import type { Ctx } from "../app/ctx.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { planOptions } from "../cli/planOptions.js";
import { profileName } from "../cli/profileName.js";

/** stsctl plan: what would happen and why. No network, no keychain. */
export default async function planCommand(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const options = planOptions(opts, ctx.env, "session");
  const json = opts.json === true;
  const p = plan(loadUserConfig(ctx), profileName(args[0], opts, ctx.env), options);
  ctx.out(json ? JSON.stringify(p, null, 2) + "\n" : renderPlan(p));
  return 0;
}
