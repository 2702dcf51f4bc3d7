# fish completion for stsctl, generated from its command table by
# `stsctl completion fish`: do not edit. Save it with
#   stsctl completion fish > ~/.config/fish/completions/stsctl.fish

complete -c stsctl -e
complete -c stsctl -f

function __stsctl_profiles
    command stsctl __complete profiles 2>/dev/null
end

# Subcommands of a command path ("" is stsctl itself).
function __stsctl_commands
    switch "$argv[1]"
        case ''
            printf '%s\n' plan whoami assume session-token env exec credential-process setup-profile saml shell-init unset completion add remove oidc list clear doctor mfa help
        case 'oidc'
            printf '%s\n' logout help
        case 'mfa'
            printf '%s\n' add code remove help
    end
end

# Flags of a command path that take a value: the word after them is not a command.
function __stsctl_value_flags
    switch "$argv[1]"
        case ''
            printf '%s\n' --profile
        case 'plan'
            printf '%s\n' --duration --mfa-serial --role-arn --region --endpoint-url --profile
        case 'whoami'
            printf '%s\n' --duration --region --endpoint-url --mfa-serial --token-code --profile
        case 'assume'
            printf '%s\n' --duration --region --endpoint-url --mfa-serial --token-code --role-arn --external-id --session-name --policy --policy-arn --tag --transitive-tag --source-identity --shell --profile
        case 'session-token'
            printf '%s\n' --duration --region --endpoint-url --mfa-serial --token-code --shell --profile
        case 'env'
            printf '%s\n' --duration --region --endpoint-url --mfa-serial --token-code --shell --format --profile
        case 'exec'
            printf '%s\n' --duration --region --endpoint-url --mfa-serial --token-code --role-arn --external-id --session-name --policy --policy-arn --tag --transitive-tag --source-identity --profile
        case 'credential-process'
            printf '%s\n' --region --endpoint-url --profile
        case 'setup-profile'
            printf '%s\n' --name --profile
        case 'saml'
            printf '%s\n' --assertion-file --url --role-arn --principal-arn --duration --region --endpoint-url --browser-path --timeout --shell --profile
        case 'shell-init'
            printf '%s\n' --profile
        case 'unset'
            printf '%s\n' --shell --profile
        case 'completion'
            printf '%s\n' --profile
        case 'add'
            printf '%s\n' --profile
        case 'remove'
            printf '%s\n' --profile
        case 'oidc'
            printf '%s\n' --token-file --token-process --issuer --client-id --scope --flow --role-arn --session-name --duration --region --endpoint-url --shell --profile
        case 'oidc logout'
            printf '%s\n' --issuer --client-id --profile
        case 'oidc help'
            printf '%s\n' --profile
        case 'list'
            printf '%s\n' --profile
        case 'clear'
            printf '%s\n' --profile
        case 'doctor'
            printf '%s\n' --profile
        case 'mfa'
            printf '%s\n' --profile
        case 'mfa add'
            printf '%s\n' --profile
        case 'mfa code'
            printf '%s\n' --profile
        case 'mfa remove'
            printf '%s\n' --profile
        case 'mfa help'
            printf '%s\n' --profile
        case 'help'
            printf '%s\n' --profile
    end
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

complete -c stsctl -n '__stsctl_at \'\'' -a plan -d 'show the steps stsctl would take for a profile, with durations and reasons (no network)'
complete -c stsctl -n '__stsctl_at \'\'' -a whoami -d 'show the identity a profile\'s credentials act as (GetCallerIdentity)'
complete -c stsctl -n '__stsctl_at \'\'' -a assume -d 'get a role (or MFA) session for a profile and cache it'
complete -c stsctl -n '__stsctl_at \'\'' -a session-token -d 'get an MFA session for an IAM user (GetSessionToken), up to 36h'
complete -c stsctl -n '__stsctl_at \'\'' -a env -d 'print exports for a profile\'s session (default: the current session)'
complete -c stsctl -n '__stsctl_at \'\'' -a exec -d 'run a command with a profile\'s session in its environment'
complete -c stsctl -n '__stsctl_at \'\'' -a credential-process -d 'print credentials as credential_process JSON, for AWS SDKs and the AWS CLI'
complete -c stsctl -n '__stsctl_at \'\'' -a setup-profile -d 'add a credential_process profile for PROFILE to ~/.aws/config'
complete -c stsctl -n '__stsctl_at \'\'' -a saml -d 'sign in through a SAML identity provider (browser, or a saved response) and get a role session'
complete -c stsctl -n '__stsctl_at \'\'' -a shell-init -d 'print a shell function so that `stsctl assume` and `stsctl unset` change the current shell'
complete -c stsctl -n '__stsctl_at \'\'' -a unset -d 'print commands that remove the session variables (the shell-init function runs them)'
complete -c stsctl -n '__stsctl_at \'\'' -a completion -d 'print a completion script (subcommands, flags, profile names)'
complete -c stsctl -n '__stsctl_at \'\'' -a add -d 'store an IAM user\'s long-term keys in the OS keychain instead of ~/.aws/credentials'
complete -c stsctl -n '__stsctl_at \'\'' -a remove -d 'delete a profile\'s long-term keys from the OS keychain'
complete -c stsctl -n '__stsctl_at \'\'' -a oidc -d 'exchange an OIDC token (file, command, browser or device sign-in) for a role session (AssumeRoleWithWebIdentity)'
complete -c stsctl -n '__stsctl_at \'\'' -a list -d 'list profiles with their kind and cached session'
complete -c stsctl -n '__stsctl_at \'\'' -a clear -d 'remove cached sessions (and, with --write, a credentials-file section stsctl wrote)'
complete -c stsctl -n '__stsctl_at \'\'' -a doctor -d 'check the setup: config files, profiles, credential_process lines, keychain, key agent, STS, clock, shell function'
complete -c stsctl -n '__stsctl_at \'\'' -a mfa -d 'manage TOTP seeds of virtual MFA devices in the OS keychain'
complete -c stsctl -n '__stsctl_at \'\'' -a help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'\'' -s V -l version -d 'output the version number'
complete -c stsctl -n '__stsctl_at \'\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'plan\'' -l duration -x -d 'session length: 900, 15m, 1h, 1h30m, 36h'
complete -c stsctl -n '__stsctl_at \'plan\'' -l mfa -d 'require MFA even if the profile does not'
complete -c stsctl -n '__stsctl_at \'plan\'' -l mfa-serial -x -d 'MFA device ARN or serial'
complete -c stsctl -n '__stsctl_at \'plan\'' -l role-arn -x -d 'an ad-hoc role on top of the profile'
complete -c stsctl -n '__stsctl_at \'plan\'' -l region -x -d 'STS region'
complete -c stsctl -n '__stsctl_at \'plan\'' -l endpoint-url -x -d 'STS endpoint'
complete -c stsctl -n '__stsctl_at \'plan\'' -l json -d 'print the plan as JSON'
complete -c stsctl -n '__stsctl_at \'plan\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'plan\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'plan\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'plan\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l duration -x -d 'session length: 900, 15m, 1h, 1h30m, 36h'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l region -x -d 'STS region (default: profile, AWS_REGION, us-east-1)'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l endpoint-url -x -d 'STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l mfa -d 'require MFA even if the profile does not'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l mfa-serial -x -d 'MFA device ARN or serial (default: the profile\'s mfa_serial)'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l token-code -x -d 'the current 6-digit MFA code'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l no-cache -d 'neither read nor write the session cache'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l json -d 'print the identity as JSON'
complete -c stsctl -n '__stsctl_at \'whoami\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'whoami\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'whoami\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l duration -x -d 'session length: 900, 15m, 1h, 1h30m, 36h'
complete -c stsctl -n '__stsctl_at \'assume\'' -l region -x -d 'STS region (default: profile, AWS_REGION, us-east-1)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l endpoint-url -x -d 'STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l mfa -d 'require MFA even if the profile does not'
complete -c stsctl -n '__stsctl_at \'assume\'' -l mfa-serial -x -d 'MFA device ARN or serial (default: the profile\'s mfa_serial)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l token-code -x -d 'the current 6-digit MFA code'
complete -c stsctl -n '__stsctl_at \'assume\'' -l no-cache -d 'neither read nor write the session cache'
complete -c stsctl -n '__stsctl_at \'assume\'' -l role-arn -x -d 'assume this role on top of the profile\'s credentials'
complete -c stsctl -n '__stsctl_at \'assume\'' -l external-id -x -d 'ExternalId for the role\'s trust policy'
complete -c stsctl -n '__stsctl_at \'assume\'' -l session-name -x -d 'role session name (default: role_session_name, else stsctl-<user>)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l policy -r -F -d 'session policy (a file path or inline JSON)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l policy-arn -x -d 'managed session policy ARN (repeatable)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l tag -x -d 'session tag (repeatable)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l transitive-tag -x -d 'make a tag transitive (repeatable)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l source-identity -x -d 'source identity to set on the session'
complete -c stsctl -n '__stsctl_at \'assume\'' -l export -d 'print shell exports on stdout (for eval)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l shell -x -a 'bash zsh fish powershell cmd' -d 'shell syntax for --export (default: detected)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l json -d 'print the credentials as JSON on stdout'
complete -c stsctl -n '__stsctl_at \'assume\'' -l write -d 'write the session to the credentials file as [name] (default: stsctl-<profile>)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l force -d 'with --write: replace a section stsctl did not write'
complete -c stsctl -n '__stsctl_at \'assume\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'assume\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'assume\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'assume\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l duration -x -d 'session length: 900, 15m, 1h, 1h30m, 36h'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l region -x -d 'STS region (default: profile, AWS_REGION, us-east-1)'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l endpoint-url -x -d 'STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l mfa -d 'require MFA even if the profile does not'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l mfa-serial -x -d 'MFA device ARN or serial (default: the profile\'s mfa_serial)'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l token-code -x -d 'the current 6-digit MFA code'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l no-cache -d 'neither read nor write the session cache'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l export -d 'print shell exports on stdout (for eval)'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l shell -x -a 'bash zsh fish powershell cmd' -d 'shell syntax for --export (default: detected)'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l json -d 'print the credentials as JSON on stdout'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l write -d 'write the session to the credentials file as [name] (default: stsctl-<profile>)'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l force -d 'with --write: replace a section stsctl did not write'
complete -c stsctl -n '__stsctl_at \'session-token\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'session-token\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'session-token\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'env\'' -l duration -x -d 'session length: 900, 15m, 1h, 1h30m, 36h'
complete -c stsctl -n '__stsctl_at \'env\'' -l region -x -d 'STS region (default: profile, AWS_REGION, us-east-1)'
complete -c stsctl -n '__stsctl_at \'env\'' -l endpoint-url -x -d 'STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)'
complete -c stsctl -n '__stsctl_at \'env\'' -l mfa -d 'require MFA even if the profile does not'
complete -c stsctl -n '__stsctl_at \'env\'' -l mfa-serial -x -d 'MFA device ARN or serial (default: the profile\'s mfa_serial)'
complete -c stsctl -n '__stsctl_at \'env\'' -l token-code -x -d 'the current 6-digit MFA code'
complete -c stsctl -n '__stsctl_at \'env\'' -l no-cache -d 'neither read nor write the session cache'
complete -c stsctl -n '__stsctl_at \'env\'' -l shell -x -a 'bash zsh fish powershell cmd' -d 'shell syntax (default: detected)'
complete -c stsctl -n '__stsctl_at \'env\'' -l format -x -a 'bash zsh fish powershell cmd dotenv json' -d 'output format'
complete -c stsctl -n '__stsctl_at \'env\'' -l unset -d 'print commands that remove the session variables'
complete -c stsctl -n '__stsctl_at \'env\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'env\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'env\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'env\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l duration -x -d 'session length: 900, 15m, 1h, 1h30m, 36h'
complete -c stsctl -n '__stsctl_at \'exec\'' -l region -x -d 'STS region (default: profile, AWS_REGION, us-east-1)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l endpoint-url -x -d 'STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l mfa -d 'require MFA even if the profile does not'
complete -c stsctl -n '__stsctl_at \'exec\'' -l mfa-serial -x -d 'MFA device ARN or serial (default: the profile\'s mfa_serial)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l token-code -x -d 'the current 6-digit MFA code'
complete -c stsctl -n '__stsctl_at \'exec\'' -l no-cache -d 'neither read nor write the session cache'
complete -c stsctl -n '__stsctl_at \'exec\'' -l role-arn -x -d 'assume this role on top of the profile\'s credentials'
complete -c stsctl -n '__stsctl_at \'exec\'' -l external-id -x -d 'ExternalId for the role\'s trust policy'
complete -c stsctl -n '__stsctl_at \'exec\'' -l session-name -x -d 'role session name (default: role_session_name, else stsctl-<user>)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l policy -r -F -d 'session policy (a file path or inline JSON)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l policy-arn -x -d 'managed session policy ARN (repeatable)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l tag -x -d 'session tag (repeatable)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l transitive-tag -x -d 'make a tag transitive (repeatable)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l source-identity -x -d 'source identity to set on the session'
complete -c stsctl -n '__stsctl_at \'exec\'' -l force -d 'allow running inside another stsctl exec'
complete -c stsctl -n '__stsctl_at \'exec\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'exec\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'exec\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'exec\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'exec\' 1+' -x -a '(__fish_complete_command)'
complete -c stsctl -n '__stsctl_at \'credential-process\'' -l region -x -d 'STS region'
complete -c stsctl -n '__stsctl_at \'credential-process\'' -l endpoint-url -x -d 'STS endpoint'
complete -c stsctl -n '__stsctl_at \'credential-process\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'credential-process\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'credential-process\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'credential-process\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'setup-profile\'' -l name -x -d 'name of the new profile (default: <profile>-sdk)'
complete -c stsctl -n '__stsctl_at \'setup-profile\'' -l force -d 'replace an existing profile of that name written by stsctl'
complete -c stsctl -n '__stsctl_at \'setup-profile\'' -l json -d 'print what was written as JSON on stdout'
complete -c stsctl -n '__stsctl_at \'setup-profile\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'setup-profile\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'setup-profile\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'setup-profile\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l assertion-file -r -F -d 'a saved SAMLResponse (base64 or XML); - reads it from stdin'
complete -c stsctl -n '__stsctl_at \'saml\'' -l browser -d 'sign in through a browser (the default for a profile with saml_url)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l url -x -d 'the IdP\'s sign-in URL for AWS (default: the profile\'s saml_url)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l role-arn -x -d 'the role to take among those the IdP grants (default: saml_role_arn, the only one, or a picker)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l principal-arn -x -d 'the IAM SAML provider ARN, if one role comes through several'
complete -c stsctl -n '__stsctl_at \'saml\'' -l duration -x -d 'session length (default: the IdP\'s SessionDuration, else 1h)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l region -x -d 'STS region (default: profile, AWS_REGION, us-east-1)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l endpoint-url -x -d 'STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l browser-path -r -F -d 'Chrome, Chromium or Edge executable (default: saml_browser, else one found on this machine)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l timeout -x -d 'how long to wait for the browser sign-in (default: 5m)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l no-browser-profile -d 'use a throwaway browser profile (the IdP will not remember you)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l no-cache -d 'neither read nor write the session cache'
complete -c stsctl -n '__stsctl_at \'saml\'' -l export -d 'print shell exports on stdout (for eval)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l shell -x -a 'bash zsh fish powershell cmd' -d 'shell syntax for --export (default: detected)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l json -d 'print the credentials as JSON on stdout'
complete -c stsctl -n '__stsctl_at \'saml\'' -l write -d 'write the session to the credentials file as [name] (default: stsctl-<profile>)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l force -d 'with --write: replace a section stsctl did not write'
complete -c stsctl -n '__stsctl_at \'saml\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'saml\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'saml\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'saml\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'shell-init\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'shell-init\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'shell-init\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'shell-init\' 0' -x -a 'bash zsh fish powershell'
complete -c stsctl -n '__stsctl_at \'unset\'' -l shell -x -a 'bash zsh fish powershell cmd' -d 'shell syntax (default: detected)'
complete -c stsctl -n '__stsctl_at \'unset\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'unset\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'unset\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'completion\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'completion\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'completion\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'completion\' 0' -x -a 'bash zsh fish'
complete -c stsctl -n '__stsctl_at \'add\'' -l from-env -d 'read AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment (default: ask on the terminal)'
complete -c stsctl -n '__stsctl_at \'add\'' -l import -d 'move the profile\'s keys from the credentials file into the keychain'
complete -c stsctl -n '__stsctl_at \'add\'' -l force -d 'replace keys already stored for the profile'
complete -c stsctl -n '__stsctl_at \'add\'' -l json -d 'print what was stored as JSON on stdout (never the secret)'
complete -c stsctl -n '__stsctl_at \'add\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'add\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'add\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'add\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'remove\'' -l json -d 'print what was removed as JSON on stdout'
complete -c stsctl -n '__stsctl_at \'remove\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'remove\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'remove\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'remove\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -a logout -d 'sign out of a profile\'s OpenID provider: revoke and forget the refresh token its issuer and client share'
complete -c stsctl -n '__stsctl_at \'oidc\'' -a help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l token-file -r -F -d 'a file holding the token, read on every refresh (default: AWS_WEB_IDENTITY_TOKEN_FILE when no profile is named)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l token-process -x -d 'a command that prints the token on stdout'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l issuer -x -d 'sign in at this OpenID provider (browser or device code)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l client-id -x -d 'the OIDC client id registered for stsctl at the issuer'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l scope -x -d 'scope to request (repeatable; openid is always included; add offline_access to stay signed in)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l flow -x -a 'browser device' -d 'interactive sign-in: browser (loopback redirect) or device (code to enter elsewhere)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l role-arn -x -d 'the role to assume (default: AWS_ROLE_ARN)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l session-name -x -d 'role session name (default: AWS_ROLE_SESSION_NAME, else the token\'s email or sub)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l duration -x -d 'session length: 15m to the role\'s maximum (default 1h)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l region -x -d 'STS region (default: profile, AWS_REGION, us-east-1)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l endpoint-url -x -d 'STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, profile endpoint_url)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l no-cache -d 'neither read nor write the session cache'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l export -d 'print shell exports on stdout (for eval)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l shell -x -a 'bash zsh fish powershell cmd' -d 'shell syntax for --export (default: detected)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l json -d 'print the credentials as JSON on stdout'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l write -d 'write the session to the credentials file as [name] (default: stsctl-<profile>)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l force -d 'with --write: replace a section stsctl did not write'
complete -c stsctl -n '__stsctl_at \'oidc\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'oidc\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'oidc\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'oidc logout\'' -l issuer -x -d 'sign out of this issuer instead of a profile\'s'
complete -c stsctl -n '__stsctl_at \'oidc logout\'' -l client-id -x -d 'with --issuer: the client signed in with (default: every client id the config names for it)'
complete -c stsctl -n '__stsctl_at \'oidc logout\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'oidc logout\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'oidc logout\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'oidc logout\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'oidc help\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'oidc help\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'oidc help\' 0' -x -a 'logout'
complete -c stsctl -n '__stsctl_at \'list\'' -l json -d 'print as JSON'
complete -c stsctl -n '__stsctl_at \'list\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'list\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'list\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'clear\'' -l all -d 'remove every cached session'
complete -c stsctl -n '__stsctl_at \'clear\'' -l write -d 'also remove section [name] (default: stsctl-<profile>) from the credentials file'
complete -c stsctl -n '__stsctl_at \'clear\'' -l force -d 'with --write: remove the section even if stsctl did not write it'
complete -c stsctl -n '__stsctl_at \'clear\'' -l json -d 'print what was removed as JSON on stdout'
complete -c stsctl -n '__stsctl_at \'clear\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'clear\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'clear\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'clear\' 0' -x -a '(__stsctl_profiles)'
complete -c stsctl -n '__stsctl_at \'doctor\'' -l json -d 'print the checks as JSON on stdout'
complete -c stsctl -n '__stsctl_at \'doctor\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'doctor\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'doctor\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'mfa\'' -a add -d 'store a device\'s TOTP seed (base32 or otpauth:// URI, read from stdin or a hidden prompt)'
complete -c stsctl -n '__stsctl_at \'mfa\'' -a code -d 'print the current code of a stored device'
complete -c stsctl -n '__stsctl_at \'mfa\'' -a remove -d 'delete a stored seed'
complete -c stsctl -n '__stsctl_at \'mfa\'' -a help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'mfa\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'mfa\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'mfa\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'mfa add\'' -l json -d 'print what was stored as JSON on stdout (never the seed)'
complete -c stsctl -n '__stsctl_at \'mfa add\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'mfa add\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'mfa add\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'mfa code\'' -l json -d 'print the code and until when it is valid as JSON'
complete -c stsctl -n '__stsctl_at \'mfa code\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'mfa code\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'mfa code\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'mfa remove\'' -l json -d 'print what was removed as JSON on stdout'
complete -c stsctl -n '__stsctl_at \'mfa remove\'' -s h -l help -d 'display help for command'
complete -c stsctl -n '__stsctl_at \'mfa remove\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'mfa remove\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'mfa help\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'mfa help\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'mfa help\' 0' -x -a 'add code remove'
complete -c stsctl -n '__stsctl_at \'help\'' -l profile -x -a '(__stsctl_profiles)' -d 'profile to use (default: the session in use, AWS_PROFILE, AWS_DEFAULT_PROFILE, then default)'
complete -c stsctl -n '__stsctl_at \'help\'' -l debug -d 'log what stsctl does to stderr (secrets redacted)'
complete -c stsctl -n '__stsctl_at \'help\' 0' -x -a 'plan whoami assume session-token env exec credential-process setup-profile saml shell-init unset completion add remove oidc list clear doctor mfa'
