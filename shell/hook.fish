# awscreds prompt hook for fish 3.1+: holds back and refuses partial AWS credential sets.
# Install: awscreds hook fish | source   (README, "Shell hooks"; `awscreds hook install` does it for you)
#
# `awscreds hook fish` prints this file after definitions generated from the state table in
# src/states/credentialStates.ts (the messages and each state's level). Sourced on its own it
# works the same, with a generic message. At a prompt it runs builtins and functions only:
# no process is started (see _awscreds_now for the one exception, on fish before 3.6).
# Loading it runs no process and no command substitution or pipeline either (each starts a
# thread and a pipe, up to milliseconds at start): bench/shellStart.mjs measures that.
set -gx AWSCREDS_SHELL "fish $fish_pid" # which shell awscreds prints for, and its process (README, "Which shell awscreds writes for")

# Runs before each prompt. fish restores $status around event handlers by itself. When
# nothing it reads has changed since the last prompt that settled (said what needed saying,
# held nothing back for a paste): no watched variable was set or erased since then
# (_awscreds_mark_change below: the mode, the set and its bookkeeping, which of them are
# exported, what strict mode holds back, the prompt segment), and the clock has not reached
# the second at which the minutes left change, it returns after that one test and a clock
# read. (Its stamp for the paste grace is then left as it was: a paste whose first line
# follows such a prompt is said at once, as fish always did.) It comes first in this file:
# fish 3.6 counts the lines from the top of the file the function was defined in at each call
# (28 µs more for a function 500 lines down).
function _awscreds_hook --on-event fish_prompt
    if test -z "$_awscreds_changed" -a -n "$_awscreds_seen"
        if test -n "$_awscreds_until_up"
            # Whole seconds since boot, read from a file: no thread, unlike the clock below.
            read -l -d . up fraction </proc/uptime
            and test "$up" -lt $_awscreds_until_up
            and return 0
        else if test -z "$_awscreds_until"
            return 0
        else
            # The age of / and its mtime in one command substitution (each costs a thread).
            set -l root (path mtime --relative -- /; path mtime -- /)
            and test "$root[1]" -lt "$_awscreds_until_age" -a "$root[2]" = "$_awscreds_root_mtime"
            and return 0
        end
    end
    set -e _awscreds_seen
    _awscreds_mode
    if test $_awscreds_current_mode = off
        set -e AWSCREDS_PROMPT
        set -g _awscreds_expires_at ''
        _awscreds_remember
        return 0
    end
    _awscreds_evaluate $_awscreds_current_mode
    set -l prefix ''
    if test $_awscreds_current_mode = strict
        if test $_awscreds_level = bad -a $_awscreds_state != expired
            _awscreds_hold_back
            set prefix "$_awscreds_msg_held_back"
        else if test -n "$_awscreds_held" -o -n "$AWSCREDS_HELD_BACK"
            _awscreds_release
        end
    end
    _awscreds_update_prompt
    # Say it once per change of state, not at every prompt; a partial set that may still be
    # completed by the rest of a paste is said at the first prompt that is not quick.
    set -l reported "$_awscreds_current_mode:$_awscreds_state"
    _awscreds_quick_prompt
    if test "$reported" != "$_awscreds_last_reported"
        if test $_awscreds_level = bad -a $_awscreds_state != expired -a $_awscreds_quick = 1
            return 0
        end
        set -g _awscreds_last_reported $reported
        if contains -- $_awscreds_level bad warn
            _awscreds_report $prefix
            test -n "$prefix"; and set -g _awscreds_said_held 1
        end
    end
    _awscreds_remember
    return 0
end


# Marks a change of any variable the hook reads at a prompt. fish fires it at every `set` or
# `set -e` of one, in any scope, by `read` and `for` too, and for a change of its export flag;
# the hook's own changes are marked as well, and _awscreds_remember clears the mark when a
# prompt settles. In an interactive fish, expanding the 13 values to compare them cost more than
# the rest of a settled prompt (about 45 µs of 95, fish 3.6).
function _awscreds_mark_change --on-variable AWSCREDS_HOOK_MODE --on-variable AWS_ACCESS_KEY_ID --on-variable AWS_SECRET_ACCESS_KEY --on-variable AWS_SESSION_TOKEN --on-variable AWS_SECURITY_TOKEN --on-variable AWSCREDS_EXPIRES_AT --on-variable AWSCREDS_KEY_ID --on-variable AWSCREDS_TOKEN_FP --on-variable AWSCREDS_PROFILE --on-variable AWSCREDS_WARN_MINUTES --on-variable AWS_CREDENTIAL_EXPIRATION --on-variable AWSCREDS_HELD_BACK --on-variable AWSCREDS_PROMPT
    set -g _awscreds_changed 1
end

# Internal variables are never exported, so an exported `_awscreds_*` came from the
# environment, not from awscreds, and must not decide anything: the generated definitions and
# the levels and defaults below are assigned unexported (`set -gu`) whatever it holds, and the
# state kept between prompts is erased here when exported (a test keeps this list complete).
set -l __awscreds_name
for __awscreds_name in _awscreds_changed _awscreds_current_mode _awscreds_expires_at _awscreds_held _awscreds_last_reported _awscreds_level _awscreds_minutes _awscreds_now_seen _awscreds_profile _awscreds_prompt_s _awscreds_quick _awscreds_root_mtime _awscreds_said_held _awscreds_seen _awscreds_state _awscreds_unexported _awscreds_until _awscreds_until_age _awscreds_until_up
    set -qx $__awscreds_name; and set -eg $__awscreds_name
end
# Sourced without the generated definitions, messages and pass-through lists could come from
# the environment too: then every exported `_awscreds_*` is dropped (names listed by a command
# substitution, which only this case pays for).
if not set -qu _awscreds_msg_none
    for __awscreds_name in (set --names --export | string match -- '_awscreds_*')
        set -eg $__awscreds_name
    end
end

# Levels (a test keeps them equal to the table) and defaults: assigned here whatever the
# environment holds, since they decide what the guards refuse.
set -gu _awscreds_level_none none
set -gu _awscreds_level_complete_long_term ok
set -gu _awscreds_level_complete_temporary ok
set -gu _awscreds_level_complete_other_key ok
set -gu _awscreds_level_secret_missing bad
set -gu _awscreds_level_key_missing bad
set -gu _awscreds_level_temporary_without_token bad
set -gu _awscreds_level_long_term_with_token bad
set -gu _awscreds_level_mixed_set bad
set -gu _awscreds_level_security_token_mismatch bad
set -gu _awscreds_level_expired bad
set -gu _awscreds_level_expiring_soon warn
set -gu _awscreds_level_expiry_unknown ok
set -gu _awscreds_level_expiration_unreadable warn
set -gu _awscreds_default_guard_commands aws sam cdk terraform tofu terragrunt pulumi eksctl copilot
set -gu _awscreds_default_warn_minutes 10

# fish 3.x has no clock builtin. From fish 3.6, `path mtime --relative F` is "now minus the
# mtime of F", so mtime + relative is the current time in epoch seconds, from two builtin
# calls (_awscreds_clock is `path`). Older fish (3.5 has `path`, but no `path mtime`) forks
# `date +%s`, and only while AWSCREDS_EXPIRES_AT or AWS_CREDENTIAL_EXPIRATION is set.
# `switch` on $version: no command substitution at shell start.
set -gu _awscreds_clock path
switch $version
    case 2.\* 3.0.\* 3.1.\* 3.2.\* 3.3.\* 3.4.\* 3.5.\*
        set -gu _awscreds_clock date
end
if test $_awscreds_clock = path
    function _awscreds_now
        set -l modified (path mtime -- /)
        set -l age (path mtime --relative -- /)
        math "$modified + $age"
    end
else
    function _awscreds_now
        command date +%s
    end
end

# AWS_CREDENTIAL_EXPIRATION as epoch seconds, printed; returns 1 for a value that is not one
# of the ISO 8601 forms parseCredentialExpiration.ts reads (`Z`, `+HH:MM`, `+HHMM`,
# fractional seconds dropped), with the same days_from_civil arithmetic in `math` (exact for
# these integers). No optional capture groups: fish leaves unmatched ones out of the list.
# `\z`, not `$`: PCRE's `$` also matches before a final newline.
function _awscreds_parse_iso --argument-names value
    set -l parts (string match -r '^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]{1,9})?(Z|[+-][0-9]{2}:?[0-9]{2})\z' -- $value)
    or return 1
    set -l year (math $parts[2])
    set -l month (math $parts[3])
    set -l day (math $parts[4])
    set -l hour (math $parts[5])
    set -l minute (math $parts[6])
    set -l second (math $parts[7])
    if test $month -lt 1 -o $month -gt 12 -o $day -lt 1 -o $day -gt 31 -o $hour -gt 23 -o $minute -gt 59 -o $second -gt 59
        return 1
    end
    set -l offset 0
    if test $parts[8] != Z
        set -l offset_hours (math (string sub -s 2 -l 2 -- $parts[8]))
        set -l offset_minutes (math (string sub -s -2 -- $parts[8]))
        if test $offset_hours -gt 23 -o $offset_minutes -gt 59
            return 1
        end
        set offset (math "$offset_hours * 3600 + $offset_minutes * 60")
        string match -q -- '-*' $parts[8]; and set offset (math "0 - $offset")
    end
    if test $month -le 2
        set year (math "$year - 1")
        set month (math "$month + 9")
    else
        set month (math "$month - 3")
    end
    set -l era (math "floor($year / 400)")
    set -l year_of_era (math "$year - $era * 400")
    set -l days (math "$era * 146097 + $year_of_era * 365 + floor($year_of_era / 4) - floor($year_of_era / 100) + floor((153 * $month + 2) / 5) + $day - 1 - 719468")
    math "$days * 86400 + $hour * 3600 + $minute * 60 + $second - $offset"
end

# The classifier: the same steps, in the same order, as classifyCredentials.ts (test/hooks
# proves they agree). Sets _awscreds_state, _awscreds_minutes, _awscreds_profile.
function _awscreds_classify --argument-names key secret token security expires bk_key bk_fp profile now warn standard
    set -g _awscreds_minutes ''
    set -g _awscreds_profile ''
    set -g _awscreds_expires_at ''
    if test -z "$key" -a -z "$secret" -a -z "$token" -a -z "$security"
        set -g _awscreds_state none
        return 0
    end
    if test -z "$key"
        set -g _awscreds_state key_missing
        return 0
    end
    if test -z "$secret"
        set -g _awscreds_state secret_missing
        return 0
    end
    if test -n "$security" -a "$security" != "$token"
        set -g _awscreds_state security_token_mismatch
        return 0
    end
    if string match -q 'ASIA*' -- $key; and test -z "$token"
        set -g _awscreds_state temporary_without_token
        return 0
    end
    if string match -q 'AKIA*' -- $key; and test -n "$token"
        set -g _awscreds_state long_term_with_token
        return 0
    end
    # tokenFingerprint(): length and last 8 characters.
    set -l fingerprint ''
    if test -n "$token"
        set fingerprint (string length -- $token):(string sub -s -8 -- $token)
    end
    set -l key_matches 0
    if test -n "$bk_key" -a "$bk_key" = "$key"
        set key_matches 1
    end
    if test $key_matches = 1 -a "$fingerprint" != "$bk_fp"
        set -g _awscreds_state mixed_set
        return 0
    end
    if test $key_matches = 0 -a -n "$bk_fp" -a "$bk_fp" = "$fingerprint"
        set -g _awscreds_state mixed_set
        return 0
    end
    set -l complete complete_other_key
    if string match -q 'ASIA*' -- $key
        set complete complete_temporary
    else if string match -q 'AKIA*' -- $key
        set complete complete_long_term
    end
    set -g _awscreds_state $complete
    # The expiry: the bookkeeping when it is for this key, else AWS_CREDENTIAL_EXPIRATION.
    set -l expires_at ''
    if test $key_matches = 1
        set -g _awscreds_profile $profile
        string match -qr '^[0-9]{1,12}\z' -- "$expires"; and set expires_at (math $expires)
    end
    if test -z "$expires_at" -a -n "$standard"
        set expires_at (_awscreds_parse_iso $standard)
    end
    if test -z "$expires_at"
        if test -n "$standard"
            set -g _awscreds_state expiration_unreadable
        else if test $complete = complete_temporary
            set -g _awscreds_state expiry_unknown
        end
        return 0
    end
    string match -qr '^[0-9]{1,12}\z' -- "$now"; or set now 0
    set -g _awscreds_expires_at $expires_at
    set -g _awscreds_now_seen $now
    set -l left (math "$expires_at - $now")
    if test $left -le 0
        set -g _awscreds_state expired
        set -g _awscreds_minutes (math "floor((0 - $left) / 60)")
        return 0
    end
    string match -qr '^[0-9]{1,4}\z' -- "$warn"; or set warn $_awscreds_default_warn_minutes
    set -g _awscreds_minutes (math "ceil($left / 60)")
    if test $left -le (math "$warn * 60")
        set -g _awscreds_state expiring_soon
    end
    return 0
end

# Classifies what commands would see: in strict mode the shell's values (held-back ones
# included, since strict exports them again once complete), otherwise the exported values
# only. Unexported names are collected in _awscreds_unexported for the hint.
function _awscreds_evaluate --argument-names mode
    set -l values
    set -g _awscreds_unexported
    for name in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN
        set -l value "$$name"
        if test -n "$value" -a "$mode" != strict; and not set -qx $name
            set -a _awscreds_unexported $name
            set value ''
        end
        set -a values "$value"
    end
    set -l now 0
    if test -n "$AWSCREDS_EXPIRES_AT" -o -n "$AWS_CREDENTIAL_EXPIRATION"
        set now (_awscreds_now)
    end
    _awscreds_classify $values "$AWSCREDS_EXPIRES_AT" "$AWSCREDS_KEY_ID" "$AWSCREDS_TOKEN_FP" "$AWSCREDS_PROFILE" "$now" "$AWSCREDS_WARN_MINUTES" "$AWS_CREDENTIAL_EXPIRATION"
    set -l level_name _awscreds_level_$_awscreds_state
    set -g _awscreds_level $$level_name
    test -n "$_awscreds_level"; or set -g _awscreds_level bad
end

# One line on stderr; colour only on a terminal and never with NO_COLOR.
function _awscreds_say --argument-names level text
    if test -t 2 -a -z "$NO_COLOR"
        if test "$level" = bad
            set text \e'[31m'$text\e'[0m'
        else if test "$level" = warn
            set text \e'[33m'$text\e'[0m'
        end
    end
    printf '%s\n' $text >&2
end

# The state's one line (what is wrong; run: the fix) with its placeholders filled, after an
# optional prefix; then, for a bad set with variables not exported, a line naming them.
function _awscreds_report --argument-names prefix
    set -l message_name _awscreds_msg_$_awscreds_state
    set -l text "$$message_name"
    if test -z "$text"
        set text "AWS credentials in state $_awscreds_state; run: awscreds check"
    end
    set -l minutes $_awscreds_minutes
    test -n "$minutes"; or set minutes '?'
    set -l profile $_awscreds_profile
    test -n "$profile"; or set profile default
    # The profile name is shown with only characters that no prompt or terminal interprets.
    set profile (string replace -ra -- '[^A-Za-z0-9 _.@+=,/:-]' '?' $profile)
    set text (string replace -a -- '{minutes}' $minutes $text)
    set text (string replace -a -- '{profile}' $profile $text)
    test -n "$prefix"; and set prefix "$prefix "
    _awscreds_say $_awscreds_level "awscreds: $prefix$text"
    if test -n "$_awscreds_unexported" -a "$_awscreds_level" = bad
        set -l hint "$_awscreds_msg_not_exported"
        test -n "$hint"; or set hint 'not exported: {variables}'
        _awscreds_say $_awscreds_level "awscreds: "(string replace -a -- '{variables}' "$_awscreds_unexported" $hint)
    end
end

# strict: hide a partial set from child processes, keeping its values in the shell.
# AWSCREDS_HELD_BACK tells `awscreds check` the state and each name with its value's length
# (NAME:LENGTH), never a value.
function _awscreds_hold_back
    set -g _awscreds_held
    set -l lengths
    for name in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN
        if test -n "$$name"
            set -gu $name $$name
            set -a _awscreds_held $name
            set -a lengths $name:(string length -- "$$name")
        end
    end
    set -gx AWSCREDS_HELD_BACK "$_awscreds_state $lengths"
end

# strict: export the set again once it is complete. $argv[1]=quiet skips the message.
function _awscreds_release --argument-names quiet
    set -l exported
    for name in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN
        if test -n "$$name"
            # Already exported ones are left alone: `set -gx` on a `VAR=x cmd` prefix
            # variable would make a global copy that outlives the command.
            set -qx $name; or set -gx $name $$name
            set -a exported $name
        end
    end
    # Said only when the held-back set was said: a set completed within one paste says nothing.
    if test -n "$_awscreds_held" -a -n "$_awscreds_said_held" -a "$_awscreds_level" != none -a "$quiet" != quiet
        set -l text "$_awscreds_msg_released"
        test -n "$text"; or set text '{variables} exported again.'
        _awscreds_say ok "awscreds: "(string replace -a -- '{variables}' "$exported" $text)
    end
    set -g _awscreds_held
    set -g _awscreds_said_held
    set -e AWSCREDS_HELD_BACK
end

# The prompt segment, kept current in AWSCREDS_PROMPT (exported so starship can show it).
function _awscreds_update_prompt
    set -l profile $_awscreds_profile
    test -n "$profile"; or set profile env
    # Prompts (and starship) may interpret what they show: a name from ~/.aws/config keeps
    # only characters none of them interprets; any other shows as `?`.
    set profile (string replace -ra -- '[^A-Za-z0-9 _.@+=,/:-]' '?' $profile)
    set -l segment ''
    switch $_awscreds_level
        case ok warn
            set segment "aws:$profile"
            test -n "$_awscreds_minutes"; and set segment "$segment $_awscreds_minutes"m
            contains -- $_awscreds_state expiry_unknown expiration_unreadable; and set segment "$segment ?m"
        case bad
            if test $_awscreds_state = expired
                set segment "aws:$profile EXPIRED"
            else
                set segment "!AWS:$_awscreds_state!"
            end
    end
    set -gx AWSCREDS_PROMPT $segment
end

function awscreds_prompt
    printf '%s' "$AWSCREDS_PROMPT"
end

function _awscreds_mode
    set -g _awscreds_current_mode $AWSCREDS_HOOK_MODE
    contains -- "$_awscreds_current_mode" strict guard warn off; or set -g _awscreds_current_mode strict
end

# After a prompt that settled: what _awscreds_hook compares with, and the second at which
# the minutes left change (ceil(left / 60) before the expiry, floor(-left / 60) after it), as
# the mtime of / plus its age (fish 3.6; older fish reads the clock with a process, so a set
# with an expiry is classified at every prompt there) and, on Linux, as seconds since boot.
# That second is at most a minute ahead, so a step of the system clock (not the time passing,
# which boot time counts, suspend included) is seen within a minute at the latest.
function _awscreds_remember
    set -g _awscreds_until ''
    set -g _awscreds_until_up ''
    if test -n "$_awscreds_expires_at" -a -n "$_awscreds_minutes"
        test $_awscreds_clock = path; or return 0
        set -g _awscreds_root_mtime (path mtime -- /)
        if test $_awscreds_expires_at -gt $_awscreds_now_seen
            set -g _awscreds_until (math "$_awscreds_expires_at - ($_awscreds_minutes - 1) * 60")
        else
            set -g _awscreds_until (math "$_awscreds_expires_at + ($_awscreds_minutes + 1) * 60")
        end
        set -g _awscreds_until_age (math "$_awscreds_until - $_awscreds_root_mtime")
        # Linux: the same second as a time since boot (which counts suspend), read before the
        # clock so that the bound errs early: whole seconds of both, hence the 1 taken off.
        if test -r /proc/uptime; and read -l -d . up fraction </proc/uptime; and string match -qr '^[0-9]{1,12}\z' -- $up
            set -g _awscreds_until_up (math "$_awscreds_until - "(_awscreds_now)" + $up - 1")
        end
    end
    # Settled: changes from here on are marked.
    set -g _awscreds_seen 1
    set -e _awscreds_changed
end

# Whether this prompt comes quickly after the previous one: fish has no sub-second clock
# and no look at waiting input, so "quickly" is within the same whole second (fish 3.6+,
# `path mtime`; older fish has no clock without a fork, and no grace). That is a
# paste of several lines without bracketed paste (fish turns it on where the terminal has
# it: a paste is then one command line), whose next lines may complete the set. Sets
# _awscreds_quick; AWSCREDS_PASTE_GRACE=0 turns it off.
function _awscreds_quick_prompt
    set -l previous $_awscreds_prompt_s
    set -g _awscreds_prompt_s ''
    set -g _awscreds_quick 0
    test $_awscreds_clock = path; or return 0
    set -g _awscreds_prompt_s (_awscreds_now)
    test "$AWSCREDS_PASTE_GRACE" = 0; and return 0
    string match -qr '^[0-9]{1,12}\z' -- "$previous"; or return 0
    if test (math "$_awscreds_prompt_s - $previous") -lt 1
        set -g _awscreds_quick 1
    end
    return 0
end

# Whether a list of the generated pass-through rule (_awscreds_pass_RULE_PART) holds a word.
# A word with a blank in it is in none: the lists are blank-separated.
function _awscreds_in_list --argument-names rule part word
    set -l name _awscreds_pass_{$rule}_$part
    test -n "$word"; or return 1
    string match -qr '\s' -- $word; and return 1
    contains -- $word (string split ' ' -- "$$name")
end

# Whether `$argv[1] ARGS` never signs a request with the environment's keys (aws --version,
# aws sso login, aws --profile X …, terraform -version): then the guard does not judge the
# set. The same steps as guardPassesThrough (src/states/guardPassThrough.ts), over
# GUARD_PASS_THROUGH's lists, generated into _awscreds_pass_{aws,other}_*; without them
# nothing passes.
function _awscreds_passes
    set -l rule other
    test "$argv[1]" = aws; and set rule aws
    set -e argv[1]
    set -q argv[1]; or return 0
    _awscreds_in_list $rule last $argv[-1]; and return 0
    set -l skip 0
    set -l words
    for word in $argv
        if test $skip = 1
            set skip 0
            continue
        end
        _awscreds_in_list $rule anywhere $word; and return 0
        if string match -q -- '-*' $word
            _awscreds_in_list $rule profile (string replace -r -- '(?s)=.*' '' $word | string collect); and return 0
            if not string match -q -- '*=*' $word; and _awscreds_in_list $rule values $word
                set skip 1
            end
            continue
        end
        test (count $words) -lt 2; and set -a words $word
    end
    set -q words[1]; and _awscreds_in_list $rule first $words[1]; and return 0
    set -q words[2]; and not string match -q -- '*:*' $words[1]; and _awscreds_in_list $rule pairs $words[1]:$words[2]
end

# Before a command that consumes credentials: let through an invocation that signs nothing
# with the set, refuse a bad set (naming the fix and `command NAME …`), refresh an expiring
# one when asked to, and in strict mode export a set that became complete since the last prompt.
function _awscreds_guard --argument-names guarded_command
    set -e argv[1]
    _awscreds_mode
    if contains -- $_awscreds_current_mode strict guard; and not _awscreds_passes $guarded_command $argv
        _awscreds_evaluate $_awscreds_current_mode
        if test "$AWSCREDS_AUTO_REFRESH" = 1 -a -n "$_awscreds_profile"; and contains -- $_awscreds_state expired expiring_soon
            set -l block (command awscreds export --profile=$_awscreds_profile --shell fish | string collect)
            and test -n "$block"
            and echo $block | source
            and _awscreds_evaluate $_awscreds_current_mode
        end
        if test $_awscreds_level = bad
            set -l refused "$_awscreds_msg_refused"
            test -n "$refused"; or set refused '{command} not started; to run it anyway: command {command}'
            _awscreds_report ''
            _awscreds_say bad "awscreds: "(string replace -a -- '{command}' $guarded_command $refused)
            return 1
        end
        test $_awscreds_current_mode = strict; and _awscreds_release quiet
    end
    command $guarded_command $argv
end

# Wrap the consumers, never replacing a function the user already has (`functions -q` also
# finds autoloaded ones and fish's aliases, which are functions). Modes warn and off at load
# time define no wrappers. The default list is a fish list already: nothing to split.
function _awscreds_define_guards
    _awscreds_mode
    contains -- $_awscreds_current_mode warn off; and return 0
    set -l names $_awscreds_default_guard_commands
    if set -q AWSCREDS_GUARD_COMMANDS
        # Each word between blanks, as in bash and zsh, that is a command name; fish never globs
        # a variable's value.
        set names (string match -ra -- '(?<!\S)[A-Za-z0-9_][A-Za-z0-9_.-]*(?!\S)' $AWSCREDS_GUARD_COMMANDS)
    end
    for name in $names
        functions -q -- $name; and continue
        function $name --wraps $name --description 'awscreds guard: refuses a partial AWS credential set'
            _awscreds_guard (status current-function) $argv
        end
    end
end

# The hook file loads this file again, the first time a function only events need is called
# (src/shells/fish.ts, _awscreds_load): the guards are defined when the hook loads at start.
set -q __awscreds_loading; or _awscreds_define_guards
