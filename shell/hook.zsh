# awscreds prompt hook for zsh 5+: holds back and refuses partial AWS credential sets.
# Install: eval "$(awscreds hook zsh)"   (README, "Shell hooks"; `awscreds hook install` does it for you)
#
# `awscreds hook zsh` prints this file after definitions generated from the state table in
# src/states/credentialStates.ts (the messages and each state's level), followed by
# shell/hook-bash-zsh.sh, the functions zsh shares with bash. Loaded without the definitions
# it works the same, with a generic message. At a prompt it runs builtins and parameter
# expansions only: no process is started. Every function zsh or the user calls (the precmd
# hook, the guards' wrappers, awscreds_prompt, the two run at load) starts with
# `emulate -L zsh`, and the functions they call run under it, so the user's options
# (ksh_arrays, no_unset, err_exit, …) do not reach any of them.
export AWSCREDS_SHELL="zsh $$" # which shell awscreds prints for, and its process (README, "Which shell awscreds writes for")

# Internal variables are never exported (the generated definitions un-export theirs), so an
# exported `_awscreds_*` came from the environment, not from awscreds: dropped before anything
# reads it.
() {
  emulate -L zsh
  local name
  for name in ${(k)parameters[(I)_awscreds_*]}; do
    if [[ ${parameters[$name]} == *-export* ]]; then unset $name; fi
  done
}

# Levels (a test keeps them equal to the table) and defaults: assigned here whatever the
# environment holds, since they decide what the guards refuse.
typeset -g _awscreds_level_none=none
typeset -g _awscreds_level_complete_long_term=ok
typeset -g _awscreds_level_complete_temporary=ok
typeset -g _awscreds_level_complete_other_key=ok
typeset -g _awscreds_level_secret_missing=bad
typeset -g _awscreds_level_key_missing=bad
typeset -g _awscreds_level_temporary_without_token=bad
typeset -g _awscreds_level_long_term_with_token=bad
typeset -g _awscreds_level_mixed_set=bad
typeset -g _awscreds_level_security_token_mismatch=bad
typeset -g _awscreds_level_expired=bad
typeset -g _awscreds_level_expiring_soon=warn
typeset -g _awscreds_level_expiry_unknown=ok
typeset -g _awscreds_level_expiration_unreadable=warn
typeset -g _awscreds_default_guard_commands='aws sam cdk terraform tofu terragrunt pulumi eksctl copilot'
typeset -g _awscreds_default_warn_minutes=10
typeset -g _awscreds_shell=zsh

# The clock without a fork, and a look at waiting input without reading it.
zmodload zsh/datetime 2>/dev/null
zmodload zsh/zselect 2>/dev/null

# The value of variable $1 in _awscreds_value ('' when unset).
_awscreds_value_of() {
  _awscreds_value=${(P)1-}
}

# Whether variable $1 (known to be set) is exported.
_awscreds_is_exported() {
  [[ ${(tP)1} == *-export* ]]
}

# (bash before 4.4 lists its exported variables for the guards; zsh needs no list.)
_awscreds_list_exports() { :; }

_awscreds_unexport() {
  typeset -g +x $1
}

# Whether $1 matches the extended regular expression $2; its groups in _awscreds_groups.
_awscreds_match() {
  local -a match mbegin mend
  local MATCH MBEGIN MEND
  [[ $1 =~ $2 ]] || return 1
  _awscreds_groups=("${match[@]}")
}

_awscreds_now() {
  _awscreds_epoch=${EPOCHSECONDS:-0}
}

# Whether this prompt comes quickly after the previous one: less than a second between their
# _awscreds_prompt_at ($EPOCHREALTIME of zsh/datetime), or more input already waiting on the
# terminal (zselect). That is a paste of several lines (bracketed paste off) or a script
# typed ahead, whose next lines may complete the set. Sets _awscreds_quick;
# AWSCREDS_PASTE_GRACE=0 turns it off.
_awscreds_quick_prompt() {
  _awscreds_quick=0
  if [[ ${AWSCREDS_PASTE_GRACE-} == 0 ]]; then return 0; fi
  if _awscreds_between "${_awscreds_previous_at-}" "${_awscreds_prompt_at-}" && (( _awscreds_us < 1000000 )); then
    _awscreds_quick=1
  elif [[ -t 0 ]] && (( $+builtins[zselect] )) && zselect -t 0 -r 0 2>/dev/null; then
    _awscreds_quick=1
  fi
  return 0
}

# Runs from precmd: stamps the prompt, and returns at once when nothing the hook reads
# changed (_awscreds_unchanged). zsh gives every precmd function, the prompt and the next
# command the user's $? by itself; returning non-zero here would only make an err_exit
# shell exit.
_awscreds_hook() {
  emulate -L zsh
  _awscreds_previous_at=${_awscreds_prompt_at-}
  _awscreds_prompt_at=${EPOCHREALTIME-}
  _awscreds_unchanged || _awscreds_at_prompt
  return 0
}

awscreds_prompt() {
  emulate -L zsh
  print -rn -- "${AWSCREDS_PROMPT-}"
}

# Wrap the consumers, never replacing a function or alias the user already has. Modes warn
# and off at load time define no wrappers.
_awscreds_define_guards() {
  emulate -L zsh
  _awscreds_mode
  if [[ $_awscreds_current_mode == warn || $_awscreds_current_mode == off ]]; then return 0; fi
  setopt local_options extended_glob
  # Split on blanks whatever IFS the user has (emulate resets options, not IFS); zsh does not
  # glob the words of an expansion (no glob_subst under emulate), so `aws *` stays `*`.
  local name IFS=$' \t\n'
  for name in ${=${AWSCREDS_GUARD_COMMANDS-$_awscreds_default_guard_commands}}; do
    if [[ $name != [A-Za-z0-9_][A-Za-z0-9_.-]# ]]; then continue; fi
    if (( $+functions[$name] || $+aliases[$name] )); then continue; fi
    functions[$name]="emulate -L zsh; _awscreds_guard $name \"\$@\""
  done
}

# What add-zsh-hook does, without autoloading it (a search of $fpath at every shell start):
# append once to precmd_functions, so sourcing twice registers once. emulate -L makes the
# (I) subscript safe under the user's options (ksh_arrays).
_awscreds_register() {
  emulate -L zsh
  typeset -ga precmd_functions
  if (( ! ${precmd_functions[(I)_awscreds_hook]} )); then precmd_functions+=(_awscreds_hook); fi
}

# _awscreds_unchanged (hook-bash-zsh.sh) with zsh's spelling of which variables of the set
# are exported and of the clock.
_awscreds_define_fast_path_for_zsh() {
  emulate -L zsh
  _awscreds_define_fast_path '"${(t)AWS_ACCESS_KEY_ID}:${(t)AWS_SECRET_ACCESS_KEY}:${(t)AWS_SESSION_TOKEN}:${(t)AWS_SECURITY_TOKEN}"' '_awscreds_epoch=${EPOCHSECONDS-}'
}

# Then shell/hook-bash-zsh.sh, which ends by running _awscreds_define_guards, _awscreds_register
# and _awscreds_define_fast_path_for_SHELL.
