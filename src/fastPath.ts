import type { Ctx } from "./commands/ctx.js";

/**
 * `credential-process PROFILE [--region R] [--endpoint-url U] [--debug]`, parsed
 * without commander: SDKs run this command for every credentials refresh, often
 * dozens at once, and the command table alone costs more than a cache hit.
 * Anything unusual returns undefined and goes through the full table, which
 * owns help and error messages.
 */
export async function tryFastPath(argv: string[], ctx: () => Ctx): Promise<number | undefined> {
  if (argv[0] !== "credential-process") return undefined;
  const opts: Record<string, unknown> = {};
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--debug") opts.debug = true;
    else if ((a === "--region" || a === "--endpoint-url") && i + 1 < argv.length) opts[a === "--region" ? "region" : "endpointUrl"] = argv[++i];
    else if (a.startsWith("-")) return undefined;
    else positional.push(a);
  }
  if (positional.length !== 1) return undefined;
  const { default: credentialProcess } = await import("./commands/credentialProcess.js");
  return credentialProcess(ctx(), positional, opts);
}
