# awscreds prompt hook for bash 4+: holds back and refuses partial AWS credential sets.
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

_awscreds_unexport() {
  export -n "$1"
}

# Whether $1 matches the extended regular expression $2; its groups in _awscreds_groups.
_awscreds_match() {
  [[ $1 =~ $2 ]] || return 1
  _awscreds_groups=("${BASH_REMATCH[@]:1}")
}

# The clock without a fork: $EPOCHSECONDS from bash 5, printf's %(…)T from bash 4.2.
# Digits only: before bash 5 an EPOCHSECONDS from the environment would reach arithmetic.
_awscreds_now() {
  if _awscreds_is_number "${EPOCHSECONDS-}" 12; then
    _awscreds_epoch=$EPOCHSECONDS
  else
    printf -v _awscreds_epoch '%(%s)T' -1
  fi
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
  if _awscreds_is_number "$previous" 18 && [[ $((now - previous)) -lt 1000000 ]]; then
    _awscreds_quick=1
  elif [[ -t 0 ]] && read -r -t 0; then
    _awscreds_quick=1
  fi
  return 0
}

# Runs from PROMPT_COMMAND. Gives $? back to the PROMPT_COMMAND entries after it (bash
# itself restores $? for PS1 and the next command line), except under `set -e`: there a
# function in PROMPT_COMMAND that returns non-zero makes bash exit the shell.
_awscreds_hook() {
  local exit_status=$?
  if [[ $- == *e* ]]; then exit_status=0; fi
  _awscreds_at_prompt
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

# Then shell/hook-bash-zsh.sh, which ends by running _awscreds_define_guards and _awscreds_register.
