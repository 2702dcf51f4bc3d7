// zsh completion script (for compsys), rendered from the completion model:
// one `_arguments` function per command, subcommands dispatched as git's are.

import { allCommands, type ArgSpec, type CommandSpec, type FlagSpec, type ValueKind } from "./model.js";
import { sq, word } from "./quote.js";

export function zshCompletion(spec: CommandSpec): string {
  const cmds = allCommands(spec);
  const names = new Set<string>();
  for (const c of cmds) {
    const n = fnName(c);
    if (names.has(n)) throw new Error(`completion generator: two commands map to the zsh function ${n}`);
    names.add(n);
  }
  return `#compdef stsctl
# zsh completion for stsctl, generated from its command table by
# \`stsctl completion zsh\`: do not edit. Save it as _stsctl in a directory of
# $fpath before compinit runs, or after compinit load it with
#   source <(stsctl completion zsh)

_stsctl_profiles() {
  local -a profiles
  profiles=(\${(f)"$(command stsctl __complete profiles 2>/dev/null)"})
  _wanted profiles expl profile compadd -a profiles
}
${cmds.map(commandFunction).join("")}
# Autoloaded from $fpath this file is the body of _stsctl: complete now.
# Sourced, it registers the function for later.
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _stsctl "$@"
else
  compdef _stsctl stsctl
fi
`;
}

const fnName = (c: CommandSpec) => ["_stsctl", ...c.path.map((p) => word(p).replace(/[^A-Za-z0-9]/g, "_"))].join("_");

function commandFunction(c: CommandSpec): string {
  const specs = c.flags.flatMap(flagSpecs);
  if (c.subcommands.length === 0) {
    const args = c.args.map(argSpec);
    return `\n${fnName(c)}() {\n  _arguments -s -S \\\n${lines([...specs, ...args])}\n}\n`;
  }
  const described = c.subcommands.map((s) => `    ${sq(`${word(s.name)}:${s.description}`)}`).join("\n");
  const dispatch = c.subcommands.map((s) => `        ${word(s.name)}) ${fnName(s)} ;;`).join("\n");
  // A command may have both subcommands and a first argument (`oidc logout`, `oidc PROFILE`): offer both.
  const first = c.args[0]?.value.kind;
  const alsoFirst = first === "profile" ? "\n      _stsctl_profiles" : first === "file" ? "\n      _files" : "";
  return `
${fnName(c)}() {
  local curcontext="$curcontext" state state_descr line ret=1
  typeset -A opt_args
  _arguments -C \\
${lines([...specs, sq(": :->command"), sq("*:: :->arg")])} && return
  case $state in
    command)
      local -a commands
      commands=(
${described}
      )
      _describe -t commands ${sq(`stsctl${c.path.map((p) => ` ${p}`).join("")} command`)} commands${alsoFirst} ;;
    arg)
      curcontext="\${curcontext%:*:*}:stsctl-$words[1]:"
      case $words[1] in
${dispatch}
      esac ;;
  esac
}
`;
}

const lines = (specs: string[]) => specs.map((s) => `    ${s}`).join(" \\\n");

/** One spec per spelling; spellings of one flag exclude each other. */
function flagSpecs(f: FlagSpec): string[] {
  const exclude = f.names.length > 1 ? `(${f.names.map(word).join(" ")})` : "";
  const repeat = f.repeatable ? "*" : "";
  const help = `[${bracketText(f.description)}]`;
  const value = f.value ? `:${valueMessage(f)}:${action(f.value)}` : "";
  return f.names.map((n) => sq(`${exclude}${repeat}${word(n)}${f.value && n.startsWith("--") ? "=" : ""}${help}${value}`));
}

function argSpec(a: ArgSpec): string {
  const colons = a.variadic ? (a.required ? "*:" : "*::") : a.required ? ":" : "::";
  return sq(`${colons}${word(a.name)}:${action(a.value)}`);
}

function action(v: ValueKind): string {
  switch (v.kind) {
    case "profile":
      return "_stsctl_profiles";
    case "choices":
      return `(${v.choices.map(word).join(" ")})`;
    case "file":
      return "_files";
    case "command":
      return "_normal";
    case "text":
      return " ";
  }
}

const valueMessage = (f: FlagSpec) => (f.names.at(-1) ?? "value").replace(/^-+/, "");

// Inside _arguments' [explanation], a backslash escapes the next character.
const bracketText = (s: string) => s.replace(/[\\[\]]/g, "\\$&");
