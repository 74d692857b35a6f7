# The part of the awscreds prompt hook that bash and zsh share. `awscreds hook bash|zsh` (and
# the hook file `awscreds hook install` writes) is shell/hook.bash or shell/hook.zsh, then this
# file (src/hooks/hookScript.ts): one file, sourced once. The shell's own file defines what the
# two spell differently: _awscreds_value_of, _awscreds_is_exported, _awscreds_unexport,
# _awscreds_match, _awscreds_now, _awscreds_quick_prompt, the functions the shell calls
# (_awscreds_hook, awscreds_prompt, the guards' wrappers) and the two run at the end.
#
# Written in what bash 3.2 and zsh 5 read alike: expansions quoted, positional parameters rather
# than array subscripts (bash counts from 0, zsh from 1), no options set. In zsh these functions
# run under the `emulate -L zsh` of the function the shell called, so the user's options do not
# reach them.

# Whether $1 is 1 to $2 digits: a number arithmetic may read (anything else there runs code).
_awscreds_is_number() {
  [[ -n $1 && $1 != *[!0123456789]* && ${#1} -le $2 ]]
}

# AWS_CREDENTIAL_EXPIRATION as epoch seconds in _awscreds_iso_epoch; returns 1 for a value
# that is not one of the ISO 8601 forms parseCredentialExpiration.ts reads (`Z`, `+HH:MM`,
# `+HHMM`, fractional seconds dropped), with the same days_from_civil arithmetic.
_awscreds_parse_iso() {
  _awscreds_iso_epoch=''
  if ! _awscreds_match "$1" '^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?(Z|([+-])([0-9]{2}):?([0-9]{2}))$'; then return 1; fi
  # $1 to $6 year to second, $7 the fraction, $8 the zone: Z, or the offset with its sign $9,
  # hours ${10} and minutes ${11}.
  set -- "${_awscreds_groups[@]}"
  local -i year=10#$1 month=10#$2 day=10#$3
  local -i hour=10#$4 minute=10#$5 second=10#$6 offset=0
  if [[ $month -lt 1 || $month -gt 12 || $day -lt 1 || $day -gt 31 || $hour -gt 23 || $minute -gt 59 || $second -gt 59 ]]; then return 1; fi
  if [[ $8 != Z ]]; then
    local -i offset_hours=10#${10} offset_minutes=10#${11}
    if [[ $offset_hours -gt 23 || $offset_minutes -gt 59 ]]; then return 1; fi
    offset=$((offset_hours * 3600 + offset_minutes * 60))
    if [[ $9 == - ]]; then offset=$((-offset)); fi
  fi
  if [[ $month -le 2 ]]; then year=$((year - 1)); month=$((month + 9)); else month=$((month - 3)); fi
  local -i era=$(((year >= 0 ? year : year - 399) / 400))
  local -i year_of_era=$((year - era * 400))
  local -i days=$((era * 146097 + year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + (153 * month + 2) / 5 + day - 1 - 719468))
  _awscreds_iso_epoch=$((days * 86400 + hour * 3600 + minute * 60 + second - offset))
  return 0
}

# The classifier: the same steps, in the same order, as classifyCredentials.ts (test/hooks
# proves they agree). Arguments: key secret token security_token expires_at bookkept_key
# bookkept_fingerprint profile now warn_minutes credential_expiration. Sets _awscreds_state,
# _awscreds_minutes, _awscreds_profile.
_awscreds_classify() {
  local key=$1 secret=$2 token=$3 security=$4 expires=$5 bk_key=$6 bk_fp=$7 profile=$8 now=$9 warn=${10} standard=${11}
  _awscreds_minutes=''
  _awscreds_profile=''
  _awscreds_expires_at=''
  if [[ -z $key && -z $secret && -z $token && -z $security ]]; then _awscreds_state=none; return 0; fi
  if [[ -z $key ]]; then _awscreds_state=key_missing; return 0; fi
  if [[ -z $secret ]]; then _awscreds_state=secret_missing; return 0; fi
  if [[ -n $security && $security != "$token" ]]; then _awscreds_state=security_token_mismatch; return 0; fi
  if [[ $key == ASIA* && -z $token ]]; then _awscreds_state=temporary_without_token; return 0; fi
  if [[ $key == AKIA* && -n $token ]]; then _awscreds_state=long_term_with_token; return 0; fi
  # tokenFingerprint(): length and last 8 characters (the whole token when shorter).
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
    if _awscreds_is_number "$expires" 12; then expires_at=$((10#$expires)); fi
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
  if ! _awscreds_is_number "$now" 12; then now=0; fi
  _awscreds_expires_at=$expires_at
  local left=$((expires_at - 10#$now))
  if [[ $left -le 0 ]]; then
    _awscreds_state=expired
    _awscreds_minutes=$(((-left) / 60))
    return 0
  fi
  if ! _awscreds_is_number "$warn" 4; then warn=$_awscreds_default_warn_minutes; fi
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
  # The four values, in the order of the names below (no indirection at every prompt).
  set -- "${AWS_ACCESS_KEY_ID-}" "${AWS_SECRET_ACCESS_KEY-}" "${AWS_SESSION_TOKEN-}" "${AWS_SECURITY_TOKEN-}"
  for name in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN; do
    value=$1
    shift
    if [[ -n $value && $mode != strict ]] && ! _awscreds_is_exported "$name"; then
      _awscreds_unexported+=" $name"
      value=''
    fi
    values+=("$value")
  done
  _awscreds_epoch=0
  if [[ -n ${AWSCREDS_EXPIRES_AT-} || -n ${AWS_CREDENTIAL_EXPIRATION-} ]]; then _awscreds_now; fi
  _awscreds_classify "${values[@]}" "${AWSCREDS_EXPIRES_AT-}" \
    "${AWSCREDS_KEY_ID-}" "${AWSCREDS_TOKEN_FP-}" "${AWSCREDS_PROFILE-}" "$_awscreds_epoch" "${AWSCREDS_WARN_MINUTES-}" "${AWS_CREDENTIAL_EXPIRATION-}"
  _awscreds_unexported=${_awscreds_unexported# }
  _awscreds_value_of "_awscreds_level_$_awscreds_state"
  _awscreds_level=${_awscreds_value:-bad}
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
  local prefix=$1 minutes_tag='{minutes}' profile_tag='{profile}' variables_tag='{variables}'
  _awscreds_value_of "_awscreds_msg_$_awscreds_state"
  local text=$_awscreds_value
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
  local name held='' lengths=''
  for name in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN; do
    _awscreds_value_of "$name"
    if [[ -n $_awscreds_value ]]; then
      _awscreds_unexport "$name"
      held+=" $name"
      lengths+=" $name:${#_awscreds_value}"
    fi
  done
  _awscreds_held=${held# }
  export AWSCREDS_HELD_BACK="$_awscreds_state$lengths"
}

# strict: export the set again once it is complete. $1=quiet skips the message.
_awscreds_release() {
  local name exported=''
  for name in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN; do
    _awscreds_value_of "$name"
    if [[ -n $_awscreds_value ]]; then
      # Already exported ones are left alone: re-exporting a `VAR=x cmd` prefix variable
      # from inside a function would keep it in the shell after the command.
      if ! _awscreds_is_exported "$name" release; then export "$name"; fi
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

# The prompt segment, kept current in AWSCREDS_PROMPT (exported so starship can show it; in a
# zsh PROMPT it needs `setopt prompt_subst`).
_awscreds_update_prompt() {
  local segment='' shown=${_awscreds_profile:-env}
  # Users put the segment in PS1 (expanded with promptvars), zsh PROMPT (prompt_subst, then
  # %-escapes) and starship: a name from ~/.aws/config keeps only characters none of them
  # interprets; any other ($, `, %, \, quotes, control bytes, non-ASCII) shows as `?`.
  shown=${shown//[^A-Za-z0-9 _.@+=,\/:-]/?}
  case $_awscreds_level in
    (ok | warn)
      segment="aws:${shown}${_awscreds_minutes:+ ${_awscreds_minutes}m}"
      if [[ $_awscreds_state == expiry_unknown || $_awscreds_state == expiration_unreadable ]]; then segment="aws:${shown} ?m"; fi
      ;;
    (bad)
      if [[ $_awscreds_state == expired ]]; then segment="aws:${shown} EXPIRED"; else segment="!AWS:${_awscreds_state}!"; fi
      ;;
  esac
  export AWSCREDS_PROMPT="$segment"
}

_awscreds_mode() {
  _awscreds_current_mode=${AWSCREDS_HOOK_MODE:-strict}
  case $_awscreds_current_mode in
    (strict | guard | warn | off) ;;
    (*) _awscreds_current_mode=strict ;;
  esac
}

# The microseconds from prompt stamp $1 to stamp $2 (whole seconds, or seconds and a
# fraction after `.` or `,` (zsh prints ten digits), as _awscreds_hook records them) in _awscreds_us; returns 1 when
# either is not such a stamp.
_awscreds_between() {
  _awscreds_stamp_us "$1" || return 1
  local from=$_awscreds_us
  _awscreds_stamp_us "$2" || return 1
  _awscreds_us=$((_awscreds_us - from))
}

_awscreds_stamp_us() {
  local seconds=${1%%[.,]*} fraction=''
  _awscreds_us=''
  if [[ $seconds != "$1" ]]; then fraction=${1#*[.,]}; fi
  _awscreds_is_number "$seconds" 12 || return 1
  if [[ -n $fraction ]] && ! _awscreds_is_number "$fraction" 20; then return 1; fi
  fraction="${fraction}000000"
  _awscreds_us=$((10#$seconds * 1000000 + 10#${fraction:0:6}))
}

# Defines _awscreds_unchanged: whether nothing the hook reads has changed since the last
# prompt that settled (said what needed saying, held nothing back for the rest of a paste):
# the mode, the set and its bookkeeping, what strict mode holds back, the prompt segment,
# which of the set are exported ($1: the shell's expansion of that, `unknown` where it cannot
# tell), and the clock ($2: the shell's read of it into _awscreds_epoch) has not reached the
# second at which the minutes left, and with them the state, change. And
# _awscreds_remember_values, which keeps what it compares with. Both are written out from the
# one list below with $1 and $2 inlined, so a prompt where nothing changed costs one call
# and one test.
_awscreds_define_fast_path() {
  local name compare='' remember=''
  for name in AWSCREDS_HOOK_MODE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWSCREDS_EXPIRES_AT AWSCREDS_KEY_ID AWSCREDS_TOKEN_FP AWSCREDS_PROFILE AWSCREDS_WARN_MINUTES AWS_CREDENTIAL_EXPIRATION AWSCREDS_HELD_BACK AWSCREDS_PROMPT; do
    compare="$compare && \${$name-} == \"\$_awscreds_seen_$name\""
    remember="$remember _awscreds_seen_$name=\${$name-};"
  done
  eval "_awscreds_unchanged() {
    [[ -n \${_awscreds_seen-} && $1 == \"\$_awscreds_seen_attributes\"$compare ]] || return 1
    if [[ -z \$_awscreds_until ]]; then return 0; fi
    $2
    [[ -n \$_awscreds_epoch && \$_awscreds_epoch != *[!0123456789]* && \$_awscreds_epoch -lt \$_awscreds_until ]]
  }
  _awscreds_remember_values() { _awscreds_seen_attributes=$1;$remember }"
}

# After a prompt that settled: what _awscreds_unchanged compares with, and the second at which
# the minutes left change (ceil(left / 60) before the expiry, floor(-left / 60) after it).
# Where the shell cannot tell exported variables (bash before 4.4), a set strict mode holds
# back is looked at again at every prompt, as the user may export it again by hand.
_awscreds_remember() {
  _awscreds_seen=''
  _awscreds_remember_values
  if [[ -n ${_awscreds_held-} && $_awscreds_seen_attributes == unknown ]]; then return 0; fi
  _awscreds_until=''
  if [[ -n ${_awscreds_expires_at-} && -n $_awscreds_minutes ]]; then
    if [[ $((_awscreds_expires_at - 10#$_awscreds_epoch)) -gt 0 ]]; then
      _awscreds_until=$((_awscreds_expires_at - (_awscreds_minutes - 1) * 60))
    else
      _awscreds_until=$((_awscreds_expires_at + (_awscreds_minutes + 1) * 60))
    fi
  fi
  _awscreds_seen=1
}

# What _awscreds_hook does at each prompt: judge the set, hold it back or export it again
# (strict), update the prompt segment, and say a state that needs saying.
_awscreds_at_prompt() {
  _awscreds_mode
  if [[ $_awscreds_current_mode == off ]]; then
    unset AWSCREDS_PROMPT
    _awscreds_expires_at=''
    _awscreds_remember
    return 0
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
      _awscreds_seen=''
      return 0
    fi
    _awscreds_last_reported=$reported
    if [[ $_awscreds_level == bad || $_awscreds_level == warn ]]; then
      _awscreds_report "$prefix"
      if [[ -n $prefix ]]; then _awscreds_said_held=1; fi
    fi
  fi
  _awscreds_remember
  return 0
}

# Whether a list of the generated pass-through rule (_awscreds_pass_RULE_PART) holds word $3.
# A word with a blank in it is in none: the lists are blank-separated.
_awscreds_in_list() {
  _awscreds_value_of "_awscreds_pass_$1_$2"
  [[ -n $3 && $3 != *[[:space:]]* && " $_awscreds_value " == *" $3 "* ]]
}

# Whether `$1 ARGS` never signs a request with the environment's keys (aws --version,
# aws sso login, aws --profile X …, terraform -version): then the guard does not judge the
# set. The same steps as guardPassesThrough (src/states/guardPassThrough.ts), over
# GUARD_PASS_THROUGH's lists, generated into _awscreds_pass_{aws,other}_*; without them
# nothing passes.
_awscreds_passes() {
  local rule=other
  if [[ $1 == aws ]]; then rule=aws; fi
  shift
  if [[ $# -eq 0 ]]; then return 0; fi
  if _awscreds_in_list "$rule" last "${@: -1}"; then return 0; fi
  local word skip=0 count=0 first='' second=''
  for word in "$@"; do
    if [[ $skip == 1 ]]; then skip=0; continue; fi
    if _awscreds_in_list "$rule" anywhere "$word"; then return 0; fi
    if [[ $word == -* ]]; then
      if _awscreds_in_list "$rule" profile "${word%%=*}"; then return 0; fi
      if [[ $word != *=* ]] && _awscreds_in_list "$rule" values "$word"; then skip=1; fi
      continue
    fi
    if [[ $count == 0 ]]; then first=$word; count=1; elif [[ $count == 1 ]]; then second=$word; count=2; fi
  done
  if [[ $count != 0 ]] && _awscreds_in_list "$rule" first "$first"; then return 0; fi
  [[ $count == 2 && $first != *:* ]] && _awscreds_in_list "$rule" pairs "$first:$second"
}

# Before a command that consumes credentials: let through an invocation that signs nothing
# with the set, refuse a bad set (naming the fix and `command NAME …`), refresh an expiring
# one when asked to, and in strict mode export a set that became complete since the last prompt.
_awscreds_guard() {
  local guarded_command=$1
  shift
  _awscreds_mode
  if [[ $_awscreds_current_mode == strict || $_awscreds_current_mode == guard ]] && ! _awscreds_passes "$guarded_command" "$@"; then
    _awscreds_list_exports
    _awscreds_evaluate "$_awscreds_current_mode"
    if [[ ${AWSCREDS_AUTO_REFRESH-} == 1 && -n $_awscreds_profile && ($_awscreds_state == expired || $_awscreds_state == expiring_soon) ]]; then
      local block
      if block=$(command awscreds export --profile="$_awscreds_profile" --shell "$_awscreds_shell") && eval "$block"; then
        _awscreds_list_exports
        _awscreds_evaluate "$_awscreds_current_mode"
      fi
    fi
    if [[ $_awscreds_level == bad ]]; then
      local refused=${_awscreds_msg_refused:-'{command} not started; to run it anyway: command {command}'} command_tag='{command}'
      _awscreds_report ''
      _awscreds_say bad "awscreds: ${refused//"$command_tag"/$guarded_command}"
      _awscreds_export_list=''
      return 1
    fi
    if [[ $_awscreds_current_mode == strict ]]; then _awscreds_release quiet; fi
    _awscreds_export_list=''
  fi
  command "$guarded_command" "$@"
}

_awscreds_define_guards
_awscreds_register
"_awscreds_define_fast_path_for_$_awscreds_shell"
