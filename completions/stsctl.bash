# bash completion for stsctl, generated from its command table by
# `stsctl completion bash`: do not edit. Load it from ~/.bashrc with
#   source <(stsctl completion bash)
# or save it as ~/.local/share/bash-completion/completions/stsctl

# Subcommands of a command path ("" is stsctl itself).
_stsctl_commands() {
  case $1 in
    '') echo 'plan whoami assume session-token env exec credential-process setup-profile saml shell-init unset completion add remove oidc list clear doctor mfa help' ;;
    'oidc') echo 'logout help' ;;
    'mfa') echo 'add code remove help' ;;
  esac
}

# Flags of a command path.
_stsctl_flags() {
  case $1 in
    '') echo '-V --version --profile --debug -h --help' ;;
    'plan') echo '--duration --mfa --mfa-serial --role-arn --region --endpoint-url --json -h --help --profile --debug' ;;
    'whoami') echo '--duration --region --endpoint-url --mfa --mfa-serial --token-code --no-cache --json -h --help --profile --debug' ;;
    'assume') echo '--duration --region --endpoint-url --mfa --mfa-serial --token-code --no-cache --role-arn --external-id --session-name --policy --policy-arn --tag --transitive-tag --source-identity --export --shell --json --write --force -h --help --profile --debug' ;;
    'session-token') echo '--duration --region --endpoint-url --mfa --mfa-serial --token-code --no-cache --export --shell --json --write --force -h --help --profile --debug' ;;
    'env') echo '--duration --region --endpoint-url --mfa --mfa-serial --token-code --no-cache --shell --format --unset -h --help --profile --debug' ;;
    'exec') echo '--duration --region --endpoint-url --mfa --mfa-serial --token-code --no-cache --role-arn --external-id --session-name --policy --policy-arn --tag --transitive-tag --source-identity --force -h --help --profile --debug' ;;
    'credential-process') echo '--region --endpoint-url -h --help --profile --debug' ;;
    'setup-profile') echo '--name --force --json -h --help --profile --debug' ;;
    'saml') echo '--assertion-file --browser --url --role-arn --principal-arn --duration --region --endpoint-url --browser-path --timeout --no-browser-profile --no-cache --export --shell --json --write --force -h --help --profile --debug' ;;
    'shell-init') echo '-h --help --profile --debug' ;;
    'unset') echo '--shell -h --help --profile --debug' ;;
    'completion') echo '-h --help --profile --debug' ;;
    'add') echo '--from-env --import --force --json -h --help --profile --debug' ;;
    'remove') echo '--json -h --help --profile --debug' ;;
    'oidc') echo '--token-file --token-process --issuer --client-id --scope --flow --role-arn --session-name --duration --region --endpoint-url --no-cache --export --shell --json --write --force -h --help --profile --debug' ;;
    'oidc logout') echo '--issuer --client-id -h --help --profile --debug' ;;
    'oidc help') echo '--profile --debug' ;;
    'list') echo '--json -h --help --profile --debug' ;;
    'clear') echo '--all --write --force --json -h --help --profile --debug' ;;
    'doctor') echo '--json -h --help --profile --debug' ;;
    'mfa') echo '-h --help --profile --debug' ;;
    'mfa add') echo '--json -h --help --profile --debug' ;;
    'mfa code') echo '--json -h --help --profile --debug' ;;
    'mfa remove') echo '--json -h --help --profile --debug' ;;
    'mfa help') echo '--profile --debug' ;;
    'help') echo '--profile --debug' ;;
  esac
}

# What the value of flag $2 of command path $1 is: profile, file, command, text
# or choices:a,b,c. Nothing for a flag that takes no value.
_stsctl_flag_value() {
  case $1 in
    '')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'plan')
      case $2 in
        --duration|--mfa-serial|--role-arn|--region|--endpoint-url) echo text ;;
        --profile) echo profile ;;
      esac ;;
    'whoami')
      case $2 in
        --duration|--region|--endpoint-url|--mfa-serial|--token-code) echo text ;;
        --profile) echo profile ;;
      esac ;;
    'assume')
      case $2 in
        --duration|--region|--endpoint-url|--mfa-serial|--token-code|--role-arn|--external-id|--session-name|--policy-arn|--tag|--transitive-tag|--source-identity) echo text ;;
        --policy) echo file ;;
        --shell) echo choices:bash,zsh,fish,powershell,cmd ;;
        --profile) echo profile ;;
      esac ;;
    'session-token')
      case $2 in
        --duration|--region|--endpoint-url|--mfa-serial|--token-code) echo text ;;
        --shell) echo choices:bash,zsh,fish,powershell,cmd ;;
        --profile) echo profile ;;
      esac ;;
    'env')
      case $2 in
        --duration|--region|--endpoint-url|--mfa-serial|--token-code) echo text ;;
        --shell) echo choices:bash,zsh,fish,powershell,cmd ;;
        --format) echo choices:bash,zsh,fish,powershell,cmd,dotenv,json ;;
        --profile) echo profile ;;
      esac ;;
    'exec')
      case $2 in
        --duration|--region|--endpoint-url|--mfa-serial|--token-code|--role-arn|--external-id|--session-name|--policy-arn|--tag|--transitive-tag|--source-identity) echo text ;;
        --policy) echo file ;;
        --profile) echo profile ;;
      esac ;;
    'credential-process')
      case $2 in
        --region|--endpoint-url) echo text ;;
        --profile) echo profile ;;
      esac ;;
    'setup-profile')
      case $2 in
        --name) echo text ;;
        --profile) echo profile ;;
      esac ;;
    'saml')
      case $2 in
        --assertion-file|--browser-path) echo file ;;
        --url|--role-arn|--principal-arn|--duration|--region|--endpoint-url|--timeout) echo text ;;
        --shell) echo choices:bash,zsh,fish,powershell,cmd ;;
        --profile) echo profile ;;
      esac ;;
    'shell-init')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'unset')
      case $2 in
        --shell) echo choices:bash,zsh,fish,powershell,cmd ;;
        --profile) echo profile ;;
      esac ;;
    'completion')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'add')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'remove')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'oidc')
      case $2 in
        --token-file) echo file ;;
        --token-process|--issuer|--client-id|--scope|--role-arn|--session-name|--duration|--region|--endpoint-url) echo text ;;
        --flow) echo choices:browser,device ;;
        --shell) echo choices:bash,zsh,fish,powershell,cmd ;;
        --profile) echo profile ;;
      esac ;;
    'oidc logout')
      case $2 in
        --issuer|--client-id) echo text ;;
        --profile) echo profile ;;
      esac ;;
    'oidc help')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'list')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'clear')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'doctor')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'mfa')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'mfa add')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'mfa code')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'mfa remove')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'mfa help')
      case $2 in
        --profile) echo profile ;;
      esac ;;
    'help')
      case $2 in
        --profile) echo profile ;;
      esac ;;
  esac
}

# What the positional arguments of a command path are, in order; "..." ends a variadic one.
_stsctl_args() {
  case $1 in
    'plan') echo 'profile' ;;
    'whoami') echo 'profile' ;;
    'assume') echo 'profile' ;;
    'session-token') echo 'profile' ;;
    'env') echo 'profile' ;;
    'exec') echo 'profile command...' ;;
    'credential-process') echo 'profile' ;;
    'setup-profile') echo 'profile' ;;
    'saml') echo 'profile' ;;
    'shell-init') echo 'choices:bash,zsh,fish,powershell' ;;
    'completion') echo 'choices:bash,zsh,fish' ;;
    'add') echo 'profile' ;;
    'remove') echo 'profile' ;;
    'oidc') echo 'profile' ;;
    'oidc logout') echo 'profile' ;;
    'oidc help') echo 'choices:logout' ;;
    'clear') echo 'profile' ;;
    'mfa add') echo 'text' ;;
    'mfa code') echo 'text' ;;
    'mfa remove') echo 'text' ;;
    'mfa help') echo 'choices:add,code,remove' ;;
    'help') echo 'choices:plan,whoami,assume,session-token,env,exec,credential-process,setup-profile,saml,shell-init,unset,completion,add,remove,oidc,list,clear,doctor,mfa' ;;
  esac
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
  printf '%s\n' "${w[@]}"
}

_stsctl_value() {
  case $1 in
    profile) _stsctl_add < <(_stsctl_profiles) ;;
    choices:*) _stsctl_add < <(_stsctl_words "${1#choices:}" | tr , '\n') ;;
    file) compopt -o filenames 2>/dev/null; _stsctl_add < <(compgen -f -- "$cur") ;;
    command) _stsctl_add < <(compgen -c -- "$cur") ;;
  esac
}

_stsctl() {
  local cur=${COMP_WORDS[COMP_CWORD]} path= w kind pos=0 i=1 j endopts=
  local -a args
  COMPREPLY=()
  # Walk the words before the cursor: subcommands, flags and their values, positionals.
  while ((i < COMP_CWORD)); do
    w=${COMP_WORDS[i]}
    if [[ -z $endopts && $w == -- ]]; then
      endopts=1
    elif [[ -z $endopts && $w == -* ]]; then
      kind=$(_stsctl_flag_value "$path" "$w")
      if [[ -n $kind ]]; then
        # The value is the next word; bash splits --flag=value into --flag, =, value.
        j=$((i + 1))
        [[ ${COMP_WORDS[j]-} == = ]] && j=$((j + 1))
        if ((j >= COMP_CWORD)); then
          [[ $cur == = ]] && cur=
          _stsctl_value "$kind"
          return 0
        fi
        i=$j
      fi
    elif ((pos == 0)) && [[ " $(_stsctl_commands "$path") " == *" $w "* ]]; then
      path=${path:+$path }$w
    else
      pos=$((pos + 1))
    fi
    i=$((i + 1))
  done

  if [[ -z $endopts && $cur == -* ]]; then
    _stsctl_add < <(_stsctl_words "$(_stsctl_flags "$path")")
  else
    # A command may have both subcommands and arguments (`oidc logout`, `oidc PROFILE`).
    ((pos == 0)) && _stsctl_add < <(_stsctl_words "$(_stsctl_commands "$path")")
    read -ra args <<<"$(_stsctl_args "$path")"
    kind=${args[pos]-}
    if [[ -z $kind ]] && ((${#args[@]})) && [[ ${args[${#args[@]}-1]} == *... ]]; then kind=${args[${#args[@]}-1]}; fi
    _stsctl_value "${kind%...}"
  fi
  return 0
}

complete -F _stsctl stsctl
