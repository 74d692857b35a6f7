# awscreds tab completion for bash 3.2+.
# Install: eval "$(awscreds completion bash)"   (in ~/.bashrc)
#
# `awscreds completion bash` prints this file after variables generated from awscreds' own
# command definitions (_awscreds_cmds__KEY, _awscreds_opts__KEY, …; see
# renderCompletionDefinitions in src/shells/bash.ts), so the commands and options offered are
# always those of the installed version. Profile and sso-session names are read when needed
# with `awscreds completion --list profiles|sso-sessions`, so new ones appear at once.
# Functions and globals are all `_awscreds_*`.

# _awscreds_var NAME: the value of variable NAME, or nothing when it is unset (set -u safe).
_awscreds_var() {
  if [[ -n ${!1+x} ]]; then printf '%s' "${!1}"; fi
}

# _awscreds_has_word LIST WORD: whether WORD is one of the space-separated LIST.
_awscreds_has_word() {
  [[ " $1 " == *" $2 "* ]]
}

# _awscreds_reply_names CUR: COMPREPLY from the names on stdin (one per line) that start with
# CUR, quoted for the command line (names may hold spaces or quotes).
_awscreds_reply_names() {
  local name quoted
  COMPREPLY=()
  while IFS= read -r name; do
    [[ -n $name && $name == "$1"* ]] || continue
    printf -v quoted '%q' "$name"
    COMPREPLY+=("$quoted")
  done
}

# _awscreds_reply_words WORDS CUR: COMPREPLY from the space-separated WORDS that start with CUR.
_awscreds_reply_words() {
  local word
  COMPREPLY=()
  for word in $1; do
    [[ $word == "$2"* ]] && COMPREPLY+=("$word")
  done
  return 0
}

_awscreds_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]-}
  local key='' word i=1 pending=''
  # Walk the words before the cursor: find the command path (`hook install` → hook__install),
  # skipping option values, until `--`.
  while [[ $i -lt $COMP_CWORD ]]; do
    word=${COMP_WORDS[i]}
    if [[ -n $pending && $word == = ]]; then
      : # `--profile=dev`: bash splits at `=` (COMP_WORDBREAKS); the value follows
    elif [[ -n $pending ]]; then
      pending=''
    elif [[ $word == -- ]]; then
      if [[ -n $(_awscreds_var "_awscreds_pass__$key") ]]; then
        _awscreds_complete_command $((i + 1))
        return 0
      fi
    elif [[ $word == -* ]]; then
      if [[ $word != *=* ]] && _awscreds_has_word "$(_awscreds_var "_awscreds_vals__$key")" "$word"; then pending=$word; fi
    elif _awscreds_has_word "$(_awscreds_var "_awscreds_cmds__$key")" "$word"; then
      key=${key:+${key}__}${word//-/_}
    fi
    i=$((i + 1))
  done

  if [[ -n $pending ]]; then
    local option_key=${pending#-}
    option_key=${option_key#-}
    option_key=${key}__${option_key//-/_}
    local dynamic choices
    dynamic=$(_awscreds_var "_awscreds_dyn__$option_key")
    choices=$(_awscreds_var "_awscreds_choices__$option_key")
    if [[ -n $dynamic ]]; then
      _awscreds_reply_names "$cur" < <(command awscreds completion --list "$dynamic" 2>/dev/null)
    else
      _awscreds_reply_words "$choices" "$cur"
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    _awscreds_reply_words "$(_awscreds_var "_awscreds_opts__$key")" "$cur"
  else
    _awscreds_reply_words "$(_awscreds_var "_awscreds_cmds__$key") $(_awscreds_var "_awscreds_pos__$key")" "$cur"
  fi
  return 0
}

# _awscreds_complete_command INDEX: complete the command that starts at word INDEX (`exec --`),
# with bash-completion's help when it is loaded, else command names, then file names.
_awscreds_complete_command() {
  if declare -F _command_offset >/dev/null; then
    _command_offset "$1"
  elif [[ $COMP_CWORD -eq $1 ]]; then
    mapfile -t COMPREPLY < <(compgen -c -- "${COMP_WORDS[COMP_CWORD]-}")
  else
    # One file name a line, neither split at spaces nor globbed.
    mapfile -t COMPREPLY < <(compgen -f -- "${COMP_WORDS[COMP_CWORD]-}")
  fi
}

complete -F _awscreds_complete awscreds
