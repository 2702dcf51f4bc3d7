import { buildProgram } from "../cli/buildProgram.js";
import { completionScript, type CompletionShell } from "../completion/generate.js";
import type { Ctx } from "../app/ctx.js";

/** stsctl completion bash|zsh|fish: the completion script, generated from the same command table the CLI runs. */
export default async function completion(ctx: Ctx, args: unknown[]): Promise<number> {
  // The table only, without actions: reading it loads no command.
  ctx.out(completionScript(args[0] as CompletionShell, buildProgram({ version: "" })));
  return 0;
}
