// fish completion script, rendered from the completion model. fish's own
// __fish_seen_subcommand_from cannot tell `stsctl add` from `stsctl mfa add`,
// so the script works out the command path itself (skipping flag values).

import { allCommands, type CommandSpec, type FlagSpec, type ValueKind } from "./model.js";
import { fishq, word } from "./quote.js";

export function fishCompletion(spec: CommandSpec): string {
  const cmds = allCommands(spec);
  const key = (c: CommandSpec) => fishq(c.path.map(word).join(" "));
  const arms = (rows: Array<[CommandSpec, string[]]>) =>
    rows
      .filter(([, items]) => items.length > 0)
      .map(([c, items]) => `        case ${key(c)}\n            printf '%s\\n' ${items.join(" ")}\n`)
      .join("");

  const entries: string[] = [];
  for (const c of cmds) {
    const at = (extra = "") => `-n ${fishq(`__stsctl_at ${fishq(c.path.join(" "))}${extra}`)}`;
    for (const s of c.subcommands) entries.push(`complete -c stsctl ${at()} -a ${word(s.name)} -d ${fishq(s.description)}`);
    for (const f of c.flags) entries.push(`complete -c stsctl ${at()} ${flagArgs(f)} -d ${fishq(f.description)}`);
    c.args.forEach((a, i) => {
      const v = values(a.value);
      if (v) entries.push(`complete -c stsctl ${at(` ${i}${a.variadic ? "+" : ""}`)} ${v}`);
    });
  }

  return `# fish completion for stsctl, generated from its command table by
# \`stsctl completion fish\`: do not edit. Save it with
#   stsctl completion fish > ~/.config/fish/completions/stsctl.fish

complete -c stsctl -e
complete -c stsctl -f

function __stsctl_profiles
    command stsctl __complete profiles 2>/dev/null
end

# Subcommands of a command path ("" is stsctl itself).
function __stsctl_commands
    switch "$argv[1]"
${arms(cmds.map((c) => [c, c.subcommands.map((s) => word(s.name))]))}    end
end

# Flags of a command path that take a value: the word after them is not a command.
function __stsctl_value_flags
    switch "$argv[1]"
${arms(cmds.map((c) => [c, c.flags.filter((f) => f.value).flatMap((f) => f.names.map(word))]))}    end
end

# Prints the command path typed so far ("mfa add") and, on a second line, how
# many positional arguments follow it.
function __stsctl_state
    set -l path
    set -l npos 0
    set -l skip 0
    set -l endopts 0
    for w in (commandline -opc)[2..]
        if test $skip = 1
            set skip 0
        else if test $endopts = 0; and test "$w" = --
            set endopts 1
        else if test $endopts = 0; and string match -q -- '-*' $w
            if contains -- $w (__stsctl_value_flags "$path")
                set skip 1
            end
        else if test $npos = 0; and contains -- $w (__stsctl_commands "$path")
            set -a path $w
        else
            set npos (math $npos + 1)
        end
    end
    echo "$path"
    echo $npos
end

# __stsctl_at PATH [N|N+]: the command path is PATH (and N, or at least N, positionals were typed).
function __stsctl_at
    set -l state (__stsctl_state)
    test "$state[1]" = "$argv[1]"; or return 1
    set -q argv[2]; or return 0
    if string match -q -- '*+' $argv[2]
        test $state[2] -ge (string trim -r -c + -- $argv[2])
    else
        test $state[2] -eq $argv[2]
    end
end

${entries.join("\n")}
`;
}

function flagArgs(f: FlagSpec): string {
  const names = f.names.map((n) => (n.startsWith("--") ? `-l ${word(n.slice(2))}` : `-s ${word(n.slice(1))}`)).join(" ");
  return f.value ? `${names} ${values(f.value) ?? "-x"}` : names;
}

/** The completion options for a value: -x (needs a value, no files) with candidates, or -r -F for a file. */
function values(v: ValueKind): string | undefined {
  switch (v.kind) {
    case "profile":
      return `-x -a ${fishq("(__stsctl_profiles)")}`;
    case "choices":
      return `-x -a ${fishq(v.choices.map(word).join(" "))}`;
    case "file":
      return "-r -F";
    case "command":
      return `-x -a ${fishq("(__fish_complete_command)")}`;
    case "text":
      return undefined;
  }
}
