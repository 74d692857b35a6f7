# awscreds tab completion for zsh 5+.
# Install: eval "$(awscreds completion zsh)"   (in ~/.zshrc, after `autoload -Uz compinit && compinit`)
#
# `awscreds completion zsh` prints this file after arrays generated from awscreds' own command
# definitions (_awscreds_cmds__KEY, _awscreds_args__KEY, …; see
# renderCompletionDefinitions in src/shells/zsh.ts). Profile and sso-session names are read
# when needed with `awscreds completion --list profiles|sso-sessions`.
# Functions and globals are all `_awscreds*`.

# _awscreds_values [COMPADD-OPTIONS…] KIND: offer the config's profile or sso-session names
# (_arguments passes its compadd options first).
_awscreds_values() {
  local -a names
  names=(${(f)"$(command awscreds completion --list ${@[-1]} 2>/dev/null)"})
  compadd "${(@)@[1,-2]}" -a names
}

# No `emulate -L zsh` here: compsys has already set the options its functions expect
# (_comp_options), and resetting them breaks the nested `_normal` of `exec --`.
_awscreds() {
  local key='' word pending='' i=2 last=1
  local -a cmds vals
  # Walk the words before the cursor: find the command path (`hook install` → hook__install)
  # and where it ends, skipping option values, up to `--`.
  while (( i < CURRENT )); do
    word=${words[i]}
    if [[ -n $pending ]]; then
      pending=''
    elif [[ $word == -- ]]; then
      if (( ${+parameters[_awscreds_pass__$key]} )); then
        # `exec … --`: what follows is a command line of its own.
        words=("${(@)words[i+1,-1]}")
        CURRENT=$(( CURRENT - i ))
        _normal
        return
      fi
      break
    elif [[ $word == -* ]]; then
      vals=(${(P)${:-_awscreds_vals__$key}})
      [[ $word != *=* && ${vals[(Ie)$word]} -gt 0 ]] && pending=$word
    else
      cmds=(${(P)${:-_awscreds_cmds__$key}})
      cmds=(${cmds%%:*})
      if [[ ${cmds[(Ie)$word]} -gt 0 ]]; then
        key=${key:+${key}__}${word//-/_}
        last=$i
      fi
    fi
    i=$(( i + 1 ))
  done

  if [[ -z $key && -z $pending && $PREFIX != -* ]]; then
    _describe -t commands 'awscreds command' _awscreds_cmds__
    return
  fi
  # Let _arguments see the command path's last word as the command name.
  words=("${(@)words[last,-1]}")
  CURRENT=$(( CURRENT - last + 1 ))
  _arguments -s -S : "${(@P)${:-_awscreds_args__$key}}"
}

compdef _awscreds awscreds
