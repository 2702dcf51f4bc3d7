// bash completion script, rendered from the completion model. The table is
// baked into small `case` functions; profile names are asked of stsctl at
// completion time (`stsctl __complete profiles`), so they follow the config.

import { allCommands, type CommandSpec } from "./model.js";
import { kindWord, sq, word } from "./quote.js";

export function bashCompletion(spec: CommandSpec): string {
  const cmds = allCommands(spec);
  const key = (c: CommandSpec) => sq(c.path.map(word).join(" "));
  const arms = (rows: string[]) => rows.map((r) => `    ${r}\n`).join("");
  const withSubs = cmds.filter((c) => c.subcommands.length > 0);
  const withValues = cmds.filter((c) => c.flags.some((f) => f.value));
  const withArgs = cmds.filter((c) => c.args.length > 0);

  return `# bash completion for stsctl, generated from its command table by
# \`stsctl completion bash\`: do not edit. Load it from ~/.bashrc with
#   source <(stsctl completion bash)
# or save it as ~/.local/share/bash-completion/completions/stsctl

# Subcommands of a command path ("" is stsctl itself).
_stsctl_commands() {
  case $1 in
${arms(withSubs.map((c) => `${key(c)}) echo ${sq(c.subcommands.map((s) => word(s.name)).join(" "))} ;;`))}  esac
}

# Flags of a command path.
_stsctl_flags() {
  case $1 in
${arms(cmds.map((c) => `${key(c)}) echo ${sq(c.flags.flatMap((f) => f.names.map(word)).join(" "))} ;;`))}  esac
}

# What the value of flag $2 of command path $1 is: profile, file, command, text
# or choices:a,b,c. Nothing for a flag that takes no value.
_stsctl_flag_value() {
  case $1 in
${arms(withValues.map((c) => `${key(c)})\n      case $2 in\n${valueArms(c)}      esac ;;`))}  esac
}

# What the positional arguments of a command path are, in order; "..." ends a variadic one.
_stsctl_args() {
  case $1 in
${arms(withArgs.map((c) => `${key(c)}) echo ${sq(c.args.map((a) => kindWord(a.value) + (a.variadic ? "..." : "")).join(" "))} ;;`))}  esac
}

_stsctl_profiles() {
  command stsctl __complete profiles 2>/dev/null
}

# Adds to COMPREPLY each line of stdin that starts with $cur (no word
# expansion: a profile name is offered exactly as it is).
_stsctl_add() {
  local w
  while IFS= read -r w; do
    [[ $w == "$cur"* ]] && COMPREPLY+=("$w")
  done
  return 0
}

_stsctl_words() {
  local -a w
  read -ra w <<<"$1"
  printf '%s\\n' "\${w[@]}"
}

_stsctl_value() {
  case $1 in
    profile) _stsctl_add < <(_stsctl_profiles) ;;
    choices:*) _stsctl_add < <(_stsctl_words "\${1#choices:}" | tr , '\\n') ;;
    file) compopt -o filenames 2>/dev/null; _stsctl_add < <(compgen -f -- "$cur") ;;
    command) _stsctl_add < <(compgen -c -- "$cur") ;;
  esac
}

_stsctl() {
  local cur=\${COMP_WORDS[COMP_CWORD]} path= w kind pos=0 i=1 j endopts=
  local -a args
  COMPREPLY=()
  # Walk the words before the cursor: subcommands, flags and their values, positionals.
  while ((i < COMP_CWORD)); do
    w=\${COMP_WORDS[i]}
    if [[ -z $endopts && $w == -- ]]; then
      endopts=1
    elif [[ -z $endopts && $w == -* ]]; then
      kind=$(_stsctl_flag_value "$path" "$w")
      if [[ -n $kind ]]; then
        # The value is the next word; bash splits --flag=value into --flag, =, value.
        j=$((i + 1))
        [[ \${COMP_WORDS[j]-} == = ]] && j=$((j + 1))
        if ((j >= COMP_CWORD)); then
          [[ $cur == = ]] && cur=
          _stsctl_value "$kind"
          return 0
        fi
        i=$j
      fi
    elif ((pos == 0)) && [[ " $(_stsctl_commands "$path") " == *" $w "* ]]; then
      path=\${path:+$path }$w
    else
      pos=$((pos + 1))
    fi
    i=$((i + 1))
  done

  if [[ -z $endopts && $cur == -* ]]; then
    _stsctl_add < <(_stsctl_words "$(_stsctl_flags "$path")")
  else
    # A command may have both subcommands and arguments (\`oidc logout\`, \`oidc PROFILE\`).
    ((pos == 0)) && _stsctl_add < <(_stsctl_words "$(_stsctl_commands "$path")")
    read -ra args <<<"$(_stsctl_args "$path")"
    kind=\${args[pos]-}
    if [[ -z $kind ]] && ((\${#args[@]})) && [[ \${args[\${#args[@]}-1]} == *... ]]; then kind=\${args[\${#args[@]}-1]}; fi
    _stsctl_value "\${kind%...}"
  fi
  return 0
}

complete -F _stsctl stsctl
`;
}

function valueArms(c: CommandSpec): string {
  const byKind = new Map<string, string[]>();
  for (const f of c.flags) {
    if (!f.value) continue;
    const k = kindWord(f.value);
    byKind.set(k, [...(byKind.get(k) ?? []), ...f.names.map(word)]);
  }
  return [...byKind].map(([k, names]) => `        ${names.join("|")}) echo ${k} ;;\n`).join("");
}
