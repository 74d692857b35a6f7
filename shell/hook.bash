# awscreds prompt hook for bash 4+: holds back and refuses partial AWS credential sets.
# Install: eval "$(awscreds hook bash)"   (README, "Shell hooks"; `awscreds hook install` does it for you)
#
# `awscreds hook bash` prints this file after definitions generated from the state table in
# src/states/credentialStates.ts (the messages and each state's level). Sourced on its own it
# works the same, with a generic message. At a prompt it runs builtins and parameter
# expansions only: no process is started. Functions and globals are all `_awscreds_*`, plus
# AWSCREDS_PROMPT (the prompt segment) and AWSCREDS_HELD_BACK (what strict mode holds back).
export AWSCREDS_SHELL="bash $$" # which shell awscreds prints for, and its process (README, "Which shell awscreds writes for")

# Internal variables are never exported (the generated definitions un-export theirs), so an
# exported `_awscreds_*` came from the environment, not from awscreds: dropped before anything
# reads it. Bash before 4.4 cannot tell exported variables without a fork, once, here.
_awscreds_drop_exported_internals() {
  local name
  if [[ ${BASH_VERSINFO[0]} -gt 4 || (${BASH_VERSINFO[0]} -eq 4 && ${BASH_VERSINFO[1]} -ge 4) ]]; then
    for name in "${!_awscreds_@}"; do
      if [[ ${!name@a} == *x* ]]; then unset -v "$name"; fi
    done
  else
    local IFS=$'\n'
    for name in $(compgen -e _awscreds_); do unset -v "$name"; done
  fi
}
_awscreds_drop_exported_internals

# Levels (a test keeps them equal to the table) and defaults: assigned here whatever the
# environment holds, since they reach arithmetic and decide what the guards refuse.
_awscreds_level_none=none
_awscreds_level_complete_long_term=ok
_awscreds_level_complete_temporary=ok
_awscreds_level_complete_other_key=ok
_awscreds_level_secret_missing=bad
_awscreds_level_key_missing=bad
_awscreds_level_temporary_without_token=bad
_awscreds_level_long_term_with_token=bad
_awscreds_level_mixed_set=bad
_awscreds_level_security_token_mismatch=bad
_awscreds_level_expired=bad
_awscreds_level_expiring_soon=warn
_awscreds_level_expiry_unknown=ok
_awscreds_level_expiration_unreadable=warn
_awscreds_default_guard_commands='aws sam cdk terraform tofu terragrunt pulumi eksctl copilot'
_awscreds_default_warn_minutes=10

# The clock without a fork: $EPOCHSECONDS from bash 5, printf's %(…)T from bash 4.2.
# Digits only: before bash 5 an EPOCHSECONDS from the environment would reach arithmetic.
_awscreds_now() {
  if [[ ${EPOCHSECONDS-} =~ ^[0-9]{1,12}$ ]]; then
    _awscreds_epoch=$EPOCHSECONDS
  else
    printf -v _awscreds_epoch '%(%s)T' -1
  fi
}

# AWS_CREDENTIAL_EXPIRATION as epoch seconds in _awscreds_iso_epoch; returns 1 for a value
# that is not one of the ISO 8601 forms parseCredentialExpiration.ts reads (`Z`, `+HH:MM`,
# `+HHMM`, fractional seconds dropped), with the same days_from_civil arithmetic.
_awscreds_parse_iso() {
  _awscreds_iso_epoch=''
  local pattern='^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?(Z|([+-])([0-9]{2}):?([0-9]{2}))$'
  if [[ ! $1 =~ $pattern ]]; then return 1; fi
  local -i year=10#${BASH_REMATCH[1]} month=10#${BASH_REMATCH[2]} day=10#${BASH_REMATCH[3]}
  local -i hour=10#${BASH_REMATCH[4]} minute=10#${BASH_REMATCH[5]} second=10#${BASH_REMATCH[6]} offset=0
  if [[ $month -lt 1 || $month -gt 12 || $day -lt 1 || $day -gt 31 || $hour -gt 23 || $minute -gt 59 || $second -gt 59 ]]; then return 1; fi
  if [[ ${BASH_REMATCH[8]} != Z ]]; then
    local -i offset_hours=10#${BASH_REMATCH[10]} offset_minutes=10#${BASH_REMATCH[11]}
    if [[ $offset_hours -gt 23 || $offset_minutes -gt 59 ]]; then return 1; fi
    offset=$((offset_hours * 3600 + offset_minutes * 60))
    if [[ ${BASH_REMATCH[9]} == - ]]; then offset=$((-offset)); fi
  fi
  if [[ $month -le 2 ]]; then year=$((year - 1)); month=$((month + 9)); else month=$((month - 3)); fi
  local -i era=$(((year >= 0 ? year : year - 399) / 400))
  local -i year_of_era=$((year - era * 400))
  local -i days=$((era * 146097 + year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + (153 * month + 2) / 5 + day - 1 - 719468))
  _awscreds_iso_epoch=$((days * 86400 + hour * 3600 + minute * 60 + second - offset))
  return 0
}

# Whether variable $1 (known to be set) is exported. ${…@a} needs bash 4.4; older bash
# cannot tell without a fork, so there the shell's value counts as what commands see.
if [[ ${BASH_VERSINFO[0]} -gt 4 || (${BASH_VERSINFO[0]} -eq 4 && ${BASH_VERSINFO[1]} -ge 4) ]]; then
  _awscreds_is_exported() {
    local name=$1
    [[ ${!name@a} == *x* ]]
  }
else
  _awscreds_is_exported() { return 0; }
fi

# The classifier: the same steps, in the same order, as classifyCredentials.ts (test/hooks
# proves they agree). Arguments: key secret token security_token expires_at bookkept_key
# bookkept_fingerprint profile now warn_minutes credential_expiration. Sets _awscreds_state,
# _awscreds_minutes, _awscreds_profile.
_awscreds_classify() {
  local key=$1 secret=$2 token=$3 security=$4 expires=$5 bk_key=$6 bk_fp=$7 profile=$8 now=$9 warn=${10} standard=${11}
  _awscreds_minutes=''
  _awscreds_profile=''
  if [[ -z $key && -z $secret && -z $token && -z $security ]]; then _awscreds_state=none; return 0; fi
  if [[ -z $key ]]; then _awscreds_state=key_missing; return 0; fi
  if [[ -z $secret ]]; then _awscreds_state=secret_missing; return 0; fi
  if [[ -n $security && $security != "$token" ]]; then _awscreds_state=security_token_mismatch; return 0; fi
  if [[ $key == ASIA* && -z $token ]]; then _awscreds_state=temporary_without_token; return 0; fi
  if [[ $key == AKIA* && -n $token ]]; then _awscreds_state=long_term_with_token; return 0; fi
  # tokenFingerprint(): length and last 8 characters (${t: -8} is empty for shorter tokens).
  local fingerprint=''
  if [[ -n $token ]]; then
    if [[ ${#token} -lt 8 ]]; then fingerprint="${#token}:$token"; else fingerprint="${#token}:${token: -8}"; fi
  fi
  local key_matches=0
  if [[ -n $bk_key && $bk_key == "$key" ]]; then key_matches=1; fi
  if [[ $key_matches == 1 && $fingerprint != "$bk_fp" ]]; then _awscreds_state=mixed_set; return 0; fi
  if [[ $key_matches == 0 && -n $bk_fp && $bk_fp == "$fingerprint" ]]; then _awscreds_state=mixed_set; return 0; fi
  local complete=complete_other_key
  if [[ $key == ASIA* ]]; then complete=complete_temporary; elif [[ $key == AKIA* ]]; then complete=complete_long_term; fi
  _awscreds_state=$complete
  # The expiry: the bookkeeping when it is for this key, else AWS_CREDENTIAL_EXPIRATION.
  local expires_at=''
  if [[ $key_matches == 1 ]]; then
    _awscreds_profile=$profile
    if [[ $expires =~ ^[0-9]{1,12}$ ]]; then expires_at=$((10#$expires)); fi
  fi
  if [[ -z $expires_at && -n $standard ]] && _awscreds_parse_iso "$standard"; then expires_at=$_awscreds_iso_epoch; fi
  if [[ -z $expires_at ]]; then
    if [[ -n $standard ]]; then
      _awscreds_state=expiration_unreadable
    elif [[ $complete == complete_temporary ]]; then
      _awscreds_state=expiry_unknown
    fi
    return 0
  fi
  if [[ ! $now =~ ^[0-9]{1,12}$ ]]; then now=0; fi
  local left=$((expires_at - 10#$now))
  if [[ $left -le 0 ]]; then
    _awscreds_state=expired
    _awscreds_minutes=$(((-left) / 60))
    return 0
  fi
  if [[ ! $warn =~ ^[0-9]{1,4}$ ]]; then warn=$_awscreds_default_warn_minutes; fi
  _awscreds_minutes=$(((left + 59) / 60))
  if [[ $left -le $((10#$warn * 60)) ]]; then _awscreds_state=expiring_soon; fi
  return 0
}

# Classifies what commands would see: in strict mode the shell's values (held-back ones
# included, since strict exports them again once complete), otherwise the exported values
# only. Unexported names are collected in _awscreds_unexported for the hint.
_awscreds_evaluate() {
  local mode=$1 name value
  local -a values=()
  _awscreds_unexported=''
  for name in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN; do
    value=${!name-}
    if [[ -n $value && $mode != strict ]] && ! _awscreds_is_exported "$name"; then
      _awscreds_unexported+=" $name"
      value=''
    fi
    values+=("$value")
  done
  _awscreds_epoch=0
  if [[ -n ${AWSCREDS_EXPIRES_AT-} || -n ${AWS_CREDENTIAL_EXPIRATION-} ]]; then _awscreds_now; fi
  _awscreds_classify "${values[0]}" "${values[1]}" "${values[2]}" "${values[3]}" "${AWSCREDS_EXPIRES_AT-}" \
    "${AWSCREDS_KEY_ID-}" "${AWSCREDS_TOKEN_FP-}" "${AWSCREDS_PROFILE-}" "$_awscreds_epoch" "${AWSCREDS_WARN_MINUTES-}" "${AWS_CREDENTIAL_EXPIRATION-}"
  _awscreds_unexported=${_awscreds_unexported# }
  local level_name=_awscreds_level_$_awscreds_state
  _awscreds_level=${!level_name-bad}
}

# One line on stderr; colour only on a terminal and never with NO_COLOR.
_awscreds_say() {
  local level=$1 text=$2
  if [[ -t 2 && -z ${NO_COLOR-} ]]; then
    if [[ $level == bad ]]; then text=$'\e[31m'"$text"$'\e[0m'; elif [[ $level == warn ]]; then text=$'\e[33m'"$text"$'\e[0m'; fi
  fi
  printf '%s\n' "$text" >&2
}

# The state's one line (what is wrong; run: the fix) with its placeholders filled, after an
# optional prefix; then, for a bad set with variables not exported, a line naming them.
_awscreds_report() {
  local prefix=$1 message_name=_awscreds_msg_$_awscreds_state minutes_tag='{minutes}' profile_tag='{profile}' variables_tag='{variables}'
  local text=${!message_name-}
  if [[ -z $text ]]; then text="AWS credentials in state $_awscreds_state; run: awscreds check"; fi
  # The profile name is shown with only characters that no prompt or terminal interprets.
  local shown=${_awscreds_profile:-default}
  shown=${shown//[^A-Za-z0-9 _.@+=,\/:-]/?}
  text=${text//"$minutes_tag"/${_awscreds_minutes:-?}}
  text=${text//"$profile_tag"/$shown}
  _awscreds_say "$_awscreds_level" "awscreds: ${prefix:+$prefix }$text"
  if [[ -n $_awscreds_unexported && $_awscreds_level == bad ]]; then
    local hint=${_awscreds_msg_not_exported:-'not exported: {variables}'}
    _awscreds_say "$_awscreds_level" "awscreds: ${hint//"$variables_tag"/$_awscreds_unexported}"
  fi
}

# strict: hide a partial set from child processes, keeping its values in the shell.
# AWSCREDS_HELD_BACK tells `awscreds check` the state and each name with its value's length
# (NAME:LENGTH), never a value.
_awscreds_hold_back() {
  local name value held='' lengths=''
  for name in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN; do
    value=${!name-}
    if [[ -n $value ]]; then
      export -n "$name"
      held+=" $name"
      lengths+=" $name:${#value}"
    fi
  done
  _awscreds_held=${held# }
  export AWSCREDS_HELD_BACK="$_awscreds_state$lengths"
}

# strict: export the set again once it is complete. $1=quiet skips the message.
_awscreds_release() {
  local name exported=''
  for name in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN; do
    if [[ -n ${!name-} ]]; then
      # Already exported ones are left alone: re-exporting a `VAR=x cmd` prefix variable
      # from inside a function would keep it in the shell after the command.
      if ! _awscreds_is_exported "$name"; then export "$name"; fi
      exported+=" $name"
    fi
  done
  # Said only when the held-back set was said: a set completed within one paste says nothing.
  if [[ -n ${_awscreds_held-} && -n ${_awscreds_said_held-} && $_awscreds_level != none && ${1-} != quiet ]]; then
    local text=${_awscreds_msg_released:-'{variables} exported again.'} variables_tag='{variables}'
    _awscreds_say ok "awscreds: ${text//"$variables_tag"/${exported# }}"
  fi
  _awscreds_held=''
  _awscreds_said_held=''
  unset AWSCREDS_HELD_BACK
}

# The prompt segment, kept current in AWSCREDS_PROMPT (exported so starship can show it).
_awscreds_update_prompt() {
  local segment='' shown=${_awscreds_profile:-env}
  # Users put the segment in PS1 (expanded with promptvars), zsh PROMPT (prompt_subst, then
  # %-escapes) and starship: a name from ~/.aws/config keeps only characters none of them
  # interprets; any other ($, `, %, \, quotes, control bytes, non-ASCII) shows as `?`.
  shown=${shown//[^A-Za-z0-9 _.@+=,\/:-]/?}
  case $_awscreds_level in
    ok | warn)
      segment="aws:${shown}${_awscreds_minutes:+ ${_awscreds_minutes}m}"
      if [[ $_awscreds_state == expiry_unknown || $_awscreds_state == expiration_unreadable ]]; then segment="aws:${shown} ?m"; fi
      ;;
    bad)
      if [[ $_awscreds_state == expired ]]; then segment="aws:${shown} EXPIRED"; else segment="!AWS:${_awscreds_state}!"; fi
      ;;
  esac
  export AWSCREDS_PROMPT="$segment"
}

awscreds_prompt() {
  printf '%s' "${AWSCREDS_PROMPT-}"
}

_awscreds_mode() {
  _awscreds_current_mode=${AWSCREDS_HOOK_MODE:-strict}
  case $_awscreds_current_mode in
    strict | guard | warn | off) ;;
    *) _awscreds_current_mode=strict ;;
  esac
}

# Runs from PROMPT_COMMAND. Gives $? back to the PROMPT_COMMAND entries after it (bash
# itself restores $? for PS1 and the next command line), except under `set -e`: there a
# function in PROMPT_COMMAND that returns non-zero makes bash exit the shell.
_awscreds_hook() {
  local exit_status=$?
  if [[ $- == *e* ]]; then exit_status=0; fi
  _awscreds_mode
  if [[ $_awscreds_current_mode == off ]]; then
    unset AWSCREDS_PROMPT
    return "$exit_status"
  fi
  _awscreds_evaluate "$_awscreds_current_mode"
  local prefix=''
  if [[ $_awscreds_current_mode == strict ]]; then
    if [[ $_awscreds_level == bad && $_awscreds_state != expired ]]; then
      _awscreds_hold_back
      prefix=${_awscreds_msg_held_back-}
    elif [[ -n ${_awscreds_held-} || -n ${AWSCREDS_HELD_BACK-} ]]; then
      _awscreds_release
    fi
  fi
  _awscreds_update_prompt
  # Say it once per change of state, not at every prompt; a partial set that may still be
  # completed by the rest of a paste is said at the first prompt that is not quick.
  local reported="$_awscreds_current_mode:$_awscreds_state"
  _awscreds_quick_prompt
  if [[ $reported != "${_awscreds_last_reported-}" ]]; then
    if [[ $_awscreds_level == bad && $_awscreds_state != expired && $_awscreds_quick == 1 ]]; then
      return "$exit_status"
    fi
    _awscreds_last_reported=$reported
    if [[ $_awscreds_level == bad || $_awscreds_level == warn ]]; then
      _awscreds_report "$prefix"
      if [[ -n $prefix ]]; then _awscreds_said_held=1; fi
    fi
  fi
  return "$exit_status"
}

# Whether this prompt comes quickly after the previous one: less than a second since it
# (EPOCHREALTIME, bash 5; whole seconds before), or more input already waiting. That is a
# paste of several lines (bracketed paste off) or a script typed ahead, whose next lines
# may complete the set. Sets _awscreds_quick; AWSCREDS_PASTE_GRACE=0 turns this off.
_awscreds_quick_prompt() {
  local now previous=${_awscreds_prompt_us-}
  if [[ ${EPOCHREALTIME-} =~ ^([0-9]{1,12})[.,]([0-9]{6})$ ]]; then
    now=$((10#${BASH_REMATCH[1]} * 1000000 + 10#${BASH_REMATCH[2]}))
  else
    _awscreds_now
    now=$((10#$_awscreds_epoch * 1000000))
  fi
  _awscreds_prompt_us=$now
  _awscreds_quick=0
  if [[ ${AWSCREDS_PASTE_GRACE-} == 0 ]]; then return 0; fi
  if [[ $previous =~ ^[0-9]{1,18}$ && $((now - previous)) -lt 1000000 ]]; then
    _awscreds_quick=1
  elif [[ -t 0 ]] && read -r -t 0; then
    _awscreds_quick=1
  fi
  return 0
}

# Whether a list of the generated pass-through rule (_awscreds_pass_RULE_PART) holds word $3.
# A word with a blank in it is in none: the lists are blank-separated.
_awscreds_in_list() {
  local name=_awscreds_pass_$1_$2
  [[ -n $3 && $3 != *[[:space:]]* && " ${!name-} " == *" $3 "* ]]
}

# Whether `$1 ARGS` never signs a request with the environment's keys (aws --version,
# aws sso login, aws --profile X …, terraform -version): then the guard does not judge the
# set. The same steps as guardPassesThrough.ts, over GUARD_PASS_THROUGH's lists, generated
# into _awscreds_pass_{aws,other}_*; without them nothing passes.
_awscreds_passes() {
  local rule=other
  if [[ $1 == aws ]]; then rule=aws; fi
  shift
  if [[ $# -eq 0 ]]; then return 0; fi
  if _awscreds_in_list $rule last "${!#}"; then return 0; fi
  local word skip=0 count=0 first='' second=''
  for word in "$@"; do
    if [[ $skip == 1 ]]; then skip=0; continue; fi
    if _awscreds_in_list $rule anywhere "$word"; then return 0; fi
    if [[ $word == -* ]]; then
      if _awscreds_in_list $rule profile "${word%%=*}"; then return 0; fi
      if [[ $word != *=* ]] && _awscreds_in_list $rule values "$word"; then skip=1; fi
      continue
    fi
    if [[ $count == 0 ]]; then first=$word; count=1; elif [[ $count == 1 ]]; then second=$word; count=2; fi
  done
  if [[ $count != 0 ]] && _awscreds_in_list $rule first "$first"; then return 0; fi
  [[ $count == 2 && $first != *:* ]] && _awscreds_in_list $rule pairs "$first:$second"
}

# Before a command that consumes credentials: let through an invocation that signs nothing
# with the set, refuse a bad set (naming the fix and `command NAME …`), refresh an expiring
# one when asked to, and in strict mode export a set that became complete since the last prompt.
_awscreds_guard() {
  local guarded_command=$1
  shift
  _awscreds_mode
  if [[ ($_awscreds_current_mode == strict || $_awscreds_current_mode == guard) ]] && ! _awscreds_passes "$guarded_command" "$@"; then
    _awscreds_evaluate "$_awscreds_current_mode"
    if [[ ${AWSCREDS_AUTO_REFRESH-} == 1 && -n $_awscreds_profile && ($_awscreds_state == expired || $_awscreds_state == expiring_soon) ]]; then
      local block
      if block=$(command awscreds export --profile="$_awscreds_profile" --shell bash) && eval "$block"; then
        _awscreds_evaluate "$_awscreds_current_mode"
      fi
    fi
    if [[ $_awscreds_level == bad ]]; then
      local refused=${_awscreds_msg_refused:-'{command} not started; to run it anyway: command {command}'} command_tag='{command}'
      _awscreds_report ''
      _awscreds_say bad "awscreds: ${refused//"$command_tag"/$guarded_command}"
      return 1
    fi
    if [[ $_awscreds_current_mode == strict ]]; then _awscreds_release quiet; fi
  fi
  command "$guarded_command" "$@"
}

# Wrap the consumers, never replacing a function or alias the user already has. Modes warn
# and off at load time define no wrappers.
_awscreds_define_guards() {
  _awscreds_mode
  if [[ $_awscreds_current_mode == warn || $_awscreds_current_mode == off ]]; then return 0; fi
  # Split on blanks by hand: an unquoted expansion would also glob (`aws *` naming the files
  # here) and split on whatever IFS the user has. Patterns rather than a regex (compiled per
  # name) and one redirection for the loop: this runs at every shell start.
  local name rest=${AWSCREDS_GUARD_COMMANDS-$_awscreds_default_guard_commands}
  while :; do
    rest=${rest#"${rest%%[![:space:]]*}"}
    if [[ -z $rest ]]; then break; fi
    name=${rest%%[[:space:]]*}
    rest=${rest#"$name"}
    if [[ -n ${name//[A-Za-z0-9_.-]/} || $name == [.-]* ]]; then continue; fi
    if [[ -n ${BASH_ALIASES[$name]+set} ]] || declare -F "$name"; then continue; fi
    eval "function $name { _awscreds_guard $name \"\$@\"; }"
  done >/dev/null
}

# PROMPT_COMMAND is a string, or from bash 5.1 an array: add the hook once, as an exact
# element or `;`-separated segment, keeping everything already there.
_awscreds_register() {
  local entry
  if [[ ${BASH_VERSINFO[0]} -gt 5 || (${BASH_VERSINFO[0]} -eq 5 && ${BASH_VERSINFO[1]} -ge 1) ]] && [[ ${PROMPT_COMMAND+${PROMPT_COMMAND@a}} == *a* ]]; then
    for entry in ${PROMPT_COMMAND[@]+"${PROMPT_COMMAND[@]}"}; do
      if [[ $entry == _awscreds_hook ]]; then return 0; fi
    done
    PROMPT_COMMAND+=(_awscreds_hook)
    return 0
  fi
  local current=${PROMPT_COMMAND-} rest segment
  rest=$current
  while [[ -n $rest ]]; do
    segment=${rest%%[;$'\n']*}
    if [[ $segment == "$rest" ]]; then rest=''; else rest=${rest#*[;$'\n']}; fi
    segment=${segment#"${segment%%[![:space:]]*}"}
    segment=${segment%"${segment##*[![:space:]]}"}
    if [[ $segment == _awscreds_hook ]]; then return 0; fi
  done
  current=${current%"${current##*[![:space:];]}"}
  PROMPT_COMMAND="${current:+$current;}_awscreds_hook"
}

_awscreds_define_guards
_awscreds_register
