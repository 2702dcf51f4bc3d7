import { ConfigError } from "../errors.js";
import { formatCredentialProcess } from "../output/processJson.js";
import type { Ctx } from "../app/ctx.js";
import { createEngine } from "../app/createEngine.js";
import { resolvePlan } from "../cli/resolvePlan.js";

/**
 * stsctl credential-process PROFILE: the credential_process JSON on stdout and
 * nothing else. Called by every SDK, often in parallel: a cache hit loads only
 * the config reader, the store and node's crypto (see docs/architecture.md, "The hot path").
 */
export default async function credentialProcess(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const name = args[0] as string;
  const { config, plan: p } = resolvePlan(ctx, name, opts, "session");
  // No flag of credential-process changes how the engine runs (no --no-cache, no --token-code).
  const { credentials } = await createEngine(ctx, config, p).run();
  if (!credentials.expiration) {
    throw new ConfigError(`profile "${name}" gives credentials with no expiry, which credential_process callers would never refresh`, {
      hint: `point credential_process at a role or MFA profile, or use profile "${name}" directly`,
    });
  }
  // Expiration is STS's own, not shortened: the engine already renewed a session inside its
  // refresh window (src/plan/refreshWindow.ts), and callers refresh on their own margins before it.
  // Written in one call at the end: a failure anywhere above leaves stdout empty.
  ctx.out(formatCredentialProcess({ ...credentials, expiration: credentials.expiration }));
  return 0;
}
