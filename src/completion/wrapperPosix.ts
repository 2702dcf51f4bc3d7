// The `stsctl` shell function for bash and zsh (`stsctl shell-init bash|zsh`).
// A child process cannot change its parent shell's variables, so for the
// commands that should (assume, unset, env --unset) the function runs the
// binary, captures its stdout (the MFA prompt goes to /dev/tty, messages to
// stderr, so both still reach the terminal) and evaluates it only when the
// binary succeeded. Everything else runs unchanged, keeping its exit status.

import { sq } from "./quote.js";

export function posixFunction(shell: "bash" | "zsh", bin: string): string {
  const rc = shell === "zsh" ? "~/.zshrc" : "~/.bashrc";
  return `# stsctl shell integration for ${shell}. In ${rc}:
#   eval "$(stsctl shell-init ${shell})"
# Then \`stsctl assume PROFILE\` exports the session into this shell,
# \`stsctl unset\` (or \`stsctl env --unset\`) removes it, and every other
# command runs as it is. \`command stsctl ...\` bypasses this function.
stsctl() {
  local __stsctl_bin=${sq(bin)} __stsctl_arg __stsctl_out __stsctl_profile __stsctl_unset=
  case "\${1-}" in
    assume | unset | env) ;;
    *) "$__stsctl_bin" "$@"; return ;;
  esac
  # Help and version go to stdout: show them, never evaluate them.
  for __stsctl_arg in "$@"; do
    case "$__stsctl_arg" in
      -h | --help | -V | --version) "$__stsctl_bin" "$@"; return ;;
      --unset) __stsctl_unset=1 ;;
    esac
  done
  case "$1" in
    assume)
      shift
      # Check the arguments and learn the profile before anything runs.
      __stsctl_profile=$("$__stsctl_bin" __complete assume-profile "$@") || return
      __stsctl_out=$("$__stsctl_bin" assume --export --shell ${shell} "$@") || return
      eval "$__stsctl_out" && export STSCTL_PROFILE="$__stsctl_profile"
      ;;
    env)
      # Without --unset, env prints exports for the caller: pass it through, in this
      # shell's syntax (a --shell or --format of the caller's comes later and wins).
      if [ -z "$__stsctl_unset" ]; then
        shift
        "$__stsctl_bin" env --shell ${shell} "$@"
        return
      fi
      __stsctl_out=$("$__stsctl_bin" unset --shell ${shell}) || return
      eval "$__stsctl_out"
      ;;
    unset)
      shift
      __stsctl_out=$("$__stsctl_bin" unset "$@" --shell ${shell}) || return
      eval "$__stsctl_out"
      ;;
  esac
}
`;
}
