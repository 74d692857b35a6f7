# awscreds prompt hook for bash 3.2+ (macOS's /bin/bash) and later: holds back and refuses partial AWS credential sets.
# Install: eval "$(awscreds hook bash)"   (README, "Shell hooks"; `awscreds hook install` does it for you)
#
# `awscreds hook bash` prints this file after definitions generated from the state table in
# src/states/credentialStates.ts (the messages and each state's level), followed by
# shell/hook-bash-zsh.sh, the functions bash shares with zsh. Loaded without the definitions
# it works the same, with a generic message. At a prompt it runs builtins and parameter
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
_awscreds_shell=bash

# The value of variable $1 in _awscreds_value ('' when unset).
_awscreds_value_of() {
  _awscreds_value=${!1-}
}

# Whether variable $1 (known to be set) is exported. ${…@a} needs bash 4.4. Older bash
# cannot tell without a fork: the guards, which start a process anyway, list the exported
# variables once (_awscreds_list_exports, `export -p`) and read that list; at a prompt a set
# variable counts as what commands see, and _awscreds_release ($2=release) exports it.
if [[ ${BASH_VERSINFO[0]} -gt 4 || (${BASH_VERSINFO[0]} -eq 4 && ${BASH_VERSINFO[1]} -ge 4) ]]; then
  _awscreds_is_exported() {
    local name=$1
    [[ ${!name@a} == *x* ]]
  }
  _awscreds_list_exports() { :; }
else
  _awscreds_is_exported() {
    if [[ -z ${_awscreds_export_list-} ]]; then [[ ${2-} != release ]]; return; fi
    [[ $'\n'$_awscreds_export_list$'\n' == *$'\n'"declare -x $1="* || $'\n'$_awscreds_export_list$'\n' == *$'\n'"declare -x $1"$'\n'* ]]
  }
  _awscreds_list_exports() {
    _awscreds_export_list=$(export -p)
  }
fi

_awscreds_unexport() {
  export -n "$1"
}

# Whether $1 matches the extended regular expression $2; its groups in _awscreds_groups.
_awscreds_match() {
  [[ $1 =~ $2 ]] || return 1
  _awscreds_groups=("${BASH_REMATCH[@]:1}")
}

# The clock without a fork: $EPOCHSECONDS from bash 5, printf's %(…)T from bash 4.2. Bash
# 3.2 (macOS's /bin/bash) has neither: there the epoch is read once, by `date`, the first
# time a set with an expiry needs it, and counted on with $SECONDS (whole seconds) after.
# Digits only: before bash 5 an EPOCHSECONDS from the environment would reach arithmetic.
if [[ ${BASH_VERSINFO[0]} -ge 5 ]]; then
  _awscreds_now() {
    if _awscreds_is_number "${EPOCHSECONDS-}" 12; then _awscreds_epoch=$EPOCHSECONDS; else printf -v _awscreds_epoch '%(%s)T' -1; fi
  }
elif [[ ${BASH_VERSINFO[0]} -eq 4 && ${BASH_VERSINFO[1]} -ge 2 ]]; then
  _awscreds_now() {
    printf -v _awscreds_epoch '%(%s)T' -1
  }
else
  _awscreds_now() {
    if ! _awscreds_is_number "${_awscreds_epoch_base-}" 12; then
      local read_at=$SECONDS epoch
      epoch=$(command date +%s 2>/dev/null)
      if ! _awscreds_is_number "$epoch" 12; then _awscreds_epoch=0; return 0; fi
      _awscreds_epoch_base=$((10#$epoch - read_at))
    fi
    _awscreds_epoch=$((_awscreds_epoch_base + SECONDS))
  }
fi

# Whether this prompt comes quickly after the previous one: less than a second between
# their _awscreds_prompt_at (EPOCHREALTIME, bash 5; whole seconds of $SECONDS before), or
# more input already waiting. That is a paste of several lines (bracketed paste off) or a
# script typed ahead, whose next lines may complete the set. Sets _awscreds_quick;
# AWSCREDS_PASTE_GRACE=0 turns this off. (`read -t 0` says whether input waits from bash 4;
# bash 3.2 fails it at once, reading nothing.)
_awscreds_quick_prompt() {
  _awscreds_quick=0
  if [[ ${AWSCREDS_PASTE_GRACE-} == 0 ]]; then return 0; fi
  if _awscreds_between "${_awscreds_previous_at-}" "${_awscreds_prompt_at-}" && [[ $_awscreds_us -lt 1000000 ]]; then
    _awscreds_quick=1
  elif [[ -t 0 ]] && read -r -t 0; then
    _awscreds_quick=1
  fi
  return 0
}

# Runs from PROMPT_COMMAND: stamps the prompt (with $EPOCHREALTIME from bash 5, the whole
# seconds of $SECONDS before), and returns at once when nothing the hook reads changed
# (_awscreds_unchanged). Gives $? back to the PROMPT_COMMAND entries after it (bash itself
# restores $? for PS1 and the next command line), except under `set -e`: there a function in
# PROMPT_COMMAND that returns non-zero makes bash exit the shell.
_awscreds_stamp=SECONDS
if [[ ${BASH_VERSINFO[0]} -ge 5 ]]; then _awscreds_stamp=EPOCHREALTIME; fi
_awscreds_hook() {
  local exit_status=$?
  if [[ $- == *e* ]]; then exit_status=0; fi
  _awscreds_previous_at=${_awscreds_prompt_at-}
  _awscreds_prompt_at=${!_awscreds_stamp}
  _awscreds_unchanged || _awscreds_at_prompt
  return "$exit_status"
}

awscreds_prompt() {
  printf '%s' "${AWSCREDS_PROMPT-}"
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
    if alias -- "$name" || declare -F "$name"; then continue; fi
    eval "function $name { _awscreds_guard $name \"\$@\"; }"
  done >/dev/null 2>&1
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

# _awscreds_unchanged (hook-bash-zsh.sh) with bash's spelling of which variables of the set
# are exported (from bash 4.4; before, bash cannot tell without a fork) and of the clock.
_awscreds_define_fast_path_for_bash() {
  local attributes=unknown clock=_awscreds_now
  if [[ ${BASH_VERSINFO[0]} -gt 4 || (${BASH_VERSINFO[0]} -eq 4 && ${BASH_VERSINFO[1]} -ge 4) ]]; then
    attributes='"${AWS_ACCESS_KEY_ID+${AWS_ACCESS_KEY_ID@a}}:${AWS_SECRET_ACCESS_KEY+${AWS_SECRET_ACCESS_KEY@a}}:${AWS_SESSION_TOKEN+${AWS_SESSION_TOKEN@a}}:${AWS_SECURITY_TOKEN+${AWS_SECURITY_TOKEN@a}}"'
  fi
  if [[ ${BASH_VERSINFO[0]} -ge 5 ]]; then clock='_awscreds_epoch=${EPOCHSECONDS-}'; fi
  _awscreds_define_fast_path "$attributes" "$clock"
}

# Then shell/hook-bash-zsh.sh, which ends by running _awscreds_define_guards, _awscreds_register
# and _awscreds_define_fast_path_for_SHELL.
