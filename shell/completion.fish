# awscreds tab completion for fish 3+.
# Install: awscreds completion fish > ~/.config/fish/completions/awscreds.fish
#      or: awscreds completion fish | source   (in ~/.config/fish/config.fish)
#
# `awscreds completion fish` prints this file after `complete` lines and variables generated
# from awscreds' own command definitions (renderCompletionDefinitions in src/shells/fish.ts).
# Profile and sso-session names are read when needed with `awscreds completion --list …`.
# Functions and globals are all `__awscreds_*`.

# No file names unless a rule below offers them (`exec --` does).
complete -c awscreds -f

# __awscreds_path: prints the command path of the words before the cursor ("" at the top,
# "hook__install"), skipping option values; prints "--" when a pass-through `--` was seen.
function __awscreds_path
    set -l words (commandline -opc)
    set -e words[1]
    set -l key ''
    set -l pending 0
    for word in $words
        if test $pending = 1
            set pending 0
        else if test "$word" = --
            set -l pass __awscreds_pass__$key
            if set -q $pass
                echo -- --
                return
            end
        else if string match -q -- '-*' $word
            set -l vals __awscreds_vals__$key
            if not string match -q -- '*=*' $word; and contains -- $word $$vals
                set pending 1
            end
        else
            set -l cmds __awscreds_cmds__$key
            if contains -- $word $$cmds
                if test -n "$key"
                    set key {$key}__(string replace -a -- - _ $word)
                else
                    set key (string replace -a -- - _ $word)
                end
            end
        end
    end
    echo -- $key
end

# __awscreds_at WORDS…: whether the cursor is right after the command path WORDS (none: the top).
function __awscreds_at
    set -l want (string join __ -- (string replace -a -- - _ $argv))
    test (__awscreds_path) = "$want"
end

# __awscreds_list KIND: the config's profile or sso-session names, each described by its kind.
function __awscreds_list
    set -l label (string replace -r -- 's$' '' $argv[1])
    for name in (command awscreds completion --list $argv[1] 2>/dev/null)
        printf '%s\t%s\n' $name $label
    end
end

# After `exec … --`: complete the command that follows as fish would on its own.
function __awscreds_after_pass
    test (__awscreds_path) = --
end

function __awscreds_complete_command
    set -l words (commandline -opc) (commandline -ct)
    set -l start (contains -i -- -- $words)
    __fish_complete_subcommand --commandline $words[(math $start + 1)..-1]
end

complete -c awscreds -n __awscreds_after_pass -F -a '(__awscreds_complete_command)'
