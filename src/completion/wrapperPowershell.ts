// The `stsctl` function for PowerShell (`stsctl shell-init powershell`): the
// same contract as the bash/zsh one (see wrapperPosix.ts). Node is started
// explicitly because Windows does not run the script's #! line. The exports
// stsctl prints for PowerShell are one printable-ASCII line per variable.

/** PowerShell verbatim string: nothing but ' is special, and it doubles. */
const psq = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function powershellFunction(node: string, bin: string): string {
  return `# stsctl shell integration for PowerShell. In $PROFILE:
#   Invoke-Expression (& stsctl shell-init powershell | Out-String)
# Then \`stsctl assume PROFILE\` exports the session into this shell,
# \`stsctl unset\` (or \`stsctl env --unset\`) removes it, and every other
# command runs as it is.
function stsctl {
    $node = ${psq(node)}
    $bin = ${psq(bin)}
    $sub = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
    $rest = @($args | Select-Object -Skip 1)
    # Help and version go to stdout: show them, never evaluate them.
    $shown = @($args | Where-Object { $_ -in @('-h', '--help', '-V', '--version') }).Count -gt 0
    if ($shown -or $sub -notin @('assume', 'unset', 'env')) {
        & $node $bin @args
        return
    }
    # Without --unset, env prints exports for the caller, in PowerShell syntax (a
    # --shell or --format of the caller's comes later and wins).
    if ($sub -eq 'env' -and $args -notcontains '--unset') {
        & $node $bin env --shell powershell @rest
        return
    }
    if ($sub -eq 'assume') {
        # Check the arguments and learn the profile before anything runs.
        $profileName = & $node $bin __complete assume-profile @rest
        if ($LASTEXITCODE -ne 0) { return }
        $out = & $node $bin assume --export --shell powershell @rest
        if ($LASTEXITCODE -ne 0) { return }
        Invoke-Expression (@($out) -join [Environment]::NewLine)
        $Env:STSCTL_PROFILE = [string]$profileName
    } else {
        $unsetArgs = if ($sub -eq 'unset') { $rest } else { @() }
        $out = & $node $bin unset @unsetArgs --shell powershell
        if ($LASTEXITCODE -ne 0) { return }
        Invoke-Expression (@($out) -join [Environment]::NewLine)
    }
}
`;
}
