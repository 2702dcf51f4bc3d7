// The `stsctl` function for fish (`stsctl shell-init fish`): the same contract
// as the bash/zsh one (see wrapperPosix.ts) in fish syntax.

import { fishq } from "./quote.js";

export function fishFunction(bin: string): string {
  return `# stsctl shell integration for fish. In ~/.config/fish/config.fish:
#   stsctl shell-init fish | source
# Then \`stsctl assume PROFILE\` exports the session into this shell,
# \`stsctl unset\` (or \`stsctl env --unset\`) removes it, and every other
# command runs as it is. \`command stsctl ...\` bypasses this function.
function stsctl --description 'stsctl, able to change this shell (stsctl shell-init fish)'
    set -l bin ${fishq(bin)}
    # Help and version go to stdout: show them, never evaluate them.
    if not contains -- "$argv[1]" assume unset env
        or contains -- -h $argv; or contains -- --help $argv
        or contains -- -V $argv; or contains -- --version $argv
        command $bin $argv
        return
    end
    # Without --unset, env prints exports for the caller, in fish syntax (a --shell
    # or --format of the caller's comes later and wins).
    if test "$argv[1]" = env; and not contains -- --unset $argv
        command $bin env --shell fish $argv[2..]
        return
    end
    set -l out
    switch $argv[1]
        case assume
            # Check the arguments and learn the profile before anything runs.
            set -l profile (command $bin __complete assume-profile $argv[2..]); or return
            set out (command $bin assume --export --shell fish $argv[2..]); or return
            string join \\n -- $out | source
            set -gx STSCTL_PROFILE $profile
        case env
            set out (command $bin unset --shell fish); or return
            string join \\n -- $out | source
        case unset
            set out (command $bin unset $argv[2..] --shell fish); or return
            string join \\n -- $out | source
    end
    # \`set -e\` of a variable that was not set reports 4; the binary succeeded.
    return 0
end
`;
}
