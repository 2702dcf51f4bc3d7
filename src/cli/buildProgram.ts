// The command table (src/cli/commandTable.ts) as a commander program, with no
// action: src/cli/cli.ts attaches them to run commands; completion
// (src/commands/completion.ts) and `__complete` parse or read it as it is.
import { Command } from "commander";
import type { CommandDecl, FlagDecl } from "./commandDecl.js";
import { COMMAND_TABLE } from "./commandTable.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function buildProgram(meta: { version: string }): Command {
  const program = new Command(COMMAND_TABLE.name)
    .version(meta.version, "-V, --version")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  declare(program, COMMAND_TABLE, program);
  return program;
}

/** Gives `cmd` what `decl` declares, then its subcommands, each with the program's settings. */
function declare(cmd: Command, decl: CommandDecl, program: Command): void {
  if (decl.description) cmd.description(decl.description);
  for (const a of decl.args ?? []) {
    if (typeof a === "string") cmd.argument(a);
    else cmd.addArgument(cmd.createArgument(a.name).choices(a.choices));
  }
  for (const flag of decl.flags ?? []) cmd.addOption(option(cmd, flag));
  if (decl.helpAfter) cmd.addHelpText("after", decl.helpAfter);
  for (const subDecl of decl.subcommands ?? []) {
    const sub = new Command(subDecl.name);
    declare(sub, subDecl, program);
    sub.copyInheritedSettings(program);
    if (subDecl.internal) sub.allowUnknownOption().helpOption(false);
    cmd.addCommand(sub, { hidden: subDecl.internal === true });
  }
}

function option(cmd: Command, [flags, description, extra]: FlagDecl) {
  const o = cmd.createOption(flags, description);
  if (extra?.choices) o.choices(extra.choices);
  if (extra?.repeatable) o.argParser(collect);
  return o;
}
