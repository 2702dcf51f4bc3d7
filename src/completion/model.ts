// What the completion scripts need to know, read from the commander table so
// they cannot drift from it: commands, their flags (and what a flag's value
// is), their positional arguments. Pure; the renderers turn it into shell code.

import type { Command, Option } from "commander";

/** What a flag's value or a positional argument is, so a shell knows what to offer. */
export type ValueKind =
  | { kind: "profile" }
  | { kind: "choices"; choices: string[] }
  | { kind: "file" }
  /** An external command and its arguments (`exec PROFILE -- CMD...`). */
  | { kind: "command" }
  | { kind: "text" };

export interface FlagSpec {
  /** "-h", "--help": every spelling of the flag. */
  names: string[];
  description: string;
  /** undefined: takes no value. Optional values (`--write [name]`) count as none: the next word may be anything. */
  value?: ValueKind;
  /** May be given more than once (its help says "repeatable"). */
  repeatable: boolean;
}

export interface ArgSpec {
  name: string;
  required: boolean;
  variadic: boolean;
  value: ValueKind;
}

export interface CommandSpec {
  /** Path from the top, e.g. ["mfa", "add"]; [] for stsctl itself. */
  path: string[];
  name: string;
  description: string;
  flags: FlagSpec[];
  args: ArgSpec[];
  subcommands: CommandSpec[];
}

/** Program options that every subcommand accepts too (commander parses them anywhere). */
const GLOBAL_FLAGS = new Set(["--profile", "--debug"]);

export function completionModel(program: Command): CommandSpec {
  const help = program.createHelp();
  const globals = help
    .visibleOptions(program)
    .filter((o) => o.long && GLOBAL_FLAGS.has(o.long))
    .map(flagSpec);
  const walk = (cmd: Command, path: string[], parent?: Command): CommandSpec => {
    const subs = help.visibleCommands(cmd);
    const own = help.visibleOptions(cmd).map(flagSpec);
    const seen = new Set(own.flatMap((f) => f.names));
    const flags = path.length === 0 ? own : [...own, ...globals.filter((g) => !g.names.some((n) => seen.has(n)))];
    return {
      path,
      name: path.at(-1) ?? cmd.name(),
      description: firstLine(cmd.description()),
      flags,
      args:
        parent && cmd.name() === "help"
          ? helpArgs(parent, help)
          : cmd.registeredArguments.map((a) => ({
              name: a.name(),
              required: a.required,
              variadic: a.variadic,
              value: a.argChoices
                ? { kind: "choices", choices: [...a.argChoices] }
                : a.name() === "profile"
                  ? { kind: "profile" }
                  : a.name() === "command"
                    ? { kind: "command" }
                    : { kind: "text" },
            })),
      subcommands: subs.map((s) => walk(s, [...path, s.name()], cmd)),
    };
  };
  return walk(program, []);
}

/** Every command path with its spec, depth first, the top level first. */
export function allCommands(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.subcommands.flatMap(allCommands)];
}

/** `stsctl [mfa] help COMMAND` takes the name of a sibling command. */
function helpArgs(parent: Command, help: ReturnType<Command["createHelp"]>): ArgSpec[] {
  const names = help
    .visibleCommands(parent)
    .map((c) => c.name())
    .filter((n) => n !== "help");
  return [{ name: "command", required: false, variadic: false, value: { kind: "choices", choices: names } }];
}

function flagSpec(o: Option): FlagSpec {
  const names = [o.short, o.long].filter((n): n is string => Boolean(n));
  return {
    names,
    description: firstLine(o.description),
    ...(o.required ? { value: valueKind(o) } : {}),
    repeatable: /\brepeatable\b/.test(o.description),
  };
}

function valueKind(o: Option): ValueKind {
  if (o.argChoices) return { kind: "choices", choices: [...o.argChoices] };
  if (o.attributeName() === "profile") return { kind: "profile" };
  // The placeholder says what the value is: <path>, <file|json>.
  const placeholder = /<([^>]*)>/.exec(o.flags)?.[1] ?? "";
  if (/\b(file|path)\b/.test(placeholder)) return { kind: "file" };
  return { kind: "text" };
}

function firstLine(s: string): string {
  return (s.split("\n")[0] ?? "").trim();
}
