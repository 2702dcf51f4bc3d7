import type { Ctx } from "../app/ctx.js";
import { createEngine } from "../app/createEngine.js";
import { engineOptions } from "../cli/engineOptions.js";
import { resolvePlanInUse } from "../cli/resolvePlan.js";

/**
 * stsctl whoami: GetCallerIdentity with the profile's credentials. With none named:
 * the current session's, else the keys in the environment (what an AWS CLI run here
 * would use), else AWS_PROFILE's or the default profile's; stderr says which.
 */
export default async function whoami(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const json = opts.json === true;
  const { config, plan: p, using } = resolvePlanInUse(ctx, args[0], opts, "any", { environmentKeys: true });
  if (using) ctx.log.info(`using ${using}`);
  const engine = createEngine(ctx, config, p, engineOptions(opts));
  const { credentials } = await engine.run();
  const id = await engine.sts.getCallerIdentity(credentials);
  ctx.out(json ? JSON.stringify({ Account: id.account, Arn: id.arn, UserId: id.userId }, null, 2) + "\n" : `${id.arn}\n`);
  return 0;
}
