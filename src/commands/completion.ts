import { buildProgram } from "../cli/cli.js";
import { completionScript, type CompletionShell } from "../completion/generate.js";
import type { Ctx } from "../app/ctx.js";

/** stsctl completion bash|zsh|fish: the completion script, generated from the same command table the CLI runs. */
export default async function completion(ctx: Ctx, args: unknown[]): Promise<number> {
  // The table only: no action of this program ever runs, so it needs no context.
  const program = buildProgram({ version: "" }, () => ctx, () => undefined);
  ctx.out(completionScript(args[0] as CompletionShell, program));
  return 0;
}
