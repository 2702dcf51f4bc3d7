import { type Command, CommanderError } from "commander";
import { buildProgram } from "../cli/buildProgram.js";
import { UsageError } from "../errors.js";
import type { Ctx } from "../app/ctx.js";
import { loadUserConfig } from "../app/loadUserConfig.js";
import { outputOptions } from "../cli/outputOptions.js";
import { resolvePlanInUse, sessionToRecord } from "../cli/resolvePlan.js";

/**
 * stsctl __complete WHAT [ARGS...] (hidden): data for the scripts stsctl
 * generates, so they never re-implement the config reader or the parser.
 *   profiles                the profile names, one a line (completion scripts)
 *   assume-profile ARGS...  the profile `stsctl assume ARGS` acts on and records
 *                           as the current session (empty: none), after checking
 *                           ARGS against the table and planning (shell-init function)
 */
export default async function complete(ctx: Ctx, args: unknown[], opts: Record<string, unknown>): Promise<number> {
  const [what, rest = []] = args as [string, string[] | undefined];
  if (what === "profiles") {
    const names = [...loadUserConfig(ctx).profiles.keys()].sort();
    ctx.out(names.map((n) => `${n}\n`).join(""));
  } else if (what === "assume-profile") {
    ctx.out(`${await assumeProfile(ctx, rest, typeof opts.profile === "string" ? opts.profile : undefined)}\n`);
  } else {
    throw new UsageError(`unknown __complete request "${what}"`, { hint: "this command is for stsctl's own shell scripts" });
  }
  return 0;
}

/** `outer`: --profile given to __complete itself, which the outer parser took. */
async function assumeProfile(ctx: Ctx, rest: string[], outer: string | undefined): Promise<string> {
  const program = buildProgram({ version: "" });
  const assume = program.commands.find((c) => c.name() === "assume")!;
  let parsed: { arg: unknown; opts: Record<string, unknown> } | undefined;
  // Same parser, same table as the real `assume`; only the action differs.
  assume.action((...all: unknown[]) => {
    parsed = { arg: all[0], opts: (all.at(-1) as Command).optsWithGlobals() };
  });
  const silent = { writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined };
  program.configureOutput(silent);
  assume.configureOutput(silent);
  try {
    await program.parseAsync(["assume", ...rest], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) throw new UsageError(e.message.replace(/^error: /, ""), { hint: "see stsctl assume --help" });
    throw e;
  }
  if (!parsed) throw new UsageError("stsctl assume did not parse", { hint: "see stsctl assume --help" });
  const { arg, opts } = parsed;
  const output = outputOptions(opts);
  if (output.export || output.json || output.shell) {
    throw new UsageError("the stsctl shell function adds --export and --shell itself", {
      hint: "for other output run the binary directly: command stsctl assume ...",
    });
  }
  // The very resolution `assume` makes (current session, environment keys, AWS_PROFILE,
  // default), so the function records the session assume acted on; empty for the
  // environment's keys, which assume does not record either.
  const { name } = resolvePlanInUse(ctx, arg, { ...opts, profile: opts.profile ?? outer }, "session", { environmentKeys: true });
  return sessionToRecord(name) ?? "";
}
