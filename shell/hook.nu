# The awscreds prompt hook for nushell, after the definitions `awscreds hook nu` generates
# from the state table (`_awscreds_defs`: each state's line, the guards' pass-through lists).
# At every prompt (pre_prompt, builtins only: no process) it judges the AWS_* variables by the
# steps of src/states/classifyCredentials.ts, keeps AWSCREDS_PROMPT (the prompt segment)
# current, says a state that needs saying once per change, and in strict mode (the default)
# holds a partial set back from commands: its values move to $env._AWSCREDS_HELD, a record,
# which nu never passes to a command. The guards refuse aws, terraform… on a bad set.
# `awscreds export` and `awscreds unset` typed in nu apply what they print, all or nothing.
# AWSCREDS_HOOK_MODE: strict (default), guard, warn, off.

$env.AWSCREDS_SHELL = $"nu ($nu.pid)"

# Each state's level (a test keeps them equal to the state table).
const _awscreds_levels = {
    none: none
    complete_long_term: ok
    complete_temporary: ok
    complete_other_key: ok
    secret_missing: bad
    key_missing: bad
    temporary_without_token: bad
    long_term_with_token: bad
    mixed_set: bad
    security_token_mismatch: bad
    expired: bad
    expiring_soon: warn
    expiry_unknown: ok
    expiration_unreadable: warn
}
const _awscreds_default_warn_minutes = 10
const _awscreds_credential_names = [AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN]
const _awscreds_default_guard_commands = [aws sam cdk terraform tofu terragrunt pulumi eksctl copilot]

# Start costs only what the first prompt needs: nu parses a whole file at every start (about
# 10 ms of CPU for the classifier's definitions), so they are a string, `_awscreds_later`, that
# nu parses only when the hook first needs it: at the first command line (a pre_execution hook
# runs before nu parses the line) or at a prompt where a credential variable is set (a
# pre_prompt hook, before the prompt step). Until then no AWS_* credential is set (the state is
# `none`) and no command line has run: the guards and `awscreds export` are in the string too,
# and so, in the hook file, is the check that the file is current (src/shells/nu.ts), which
# costs a `which` and an `ls` per file. (`nu -e CMD` runs no hook.)

const _awscreds_later = r#'
# A variable as the classifier reads it: a string, '' when unset or null.
def _awscreds_var [name: string]: nothing -> string {
    let value = ($env | get -o $name)
    if $value == null { '' } else if ($value | describe) == 'string' { $value } else { '' }
}

# AWS_CREDENTIAL_EXPIRATION as epoch seconds, or null: the forms parseCredentialExpiration.ts
# reads, with its days_from_civil arithmetic.
def _awscreds_parse_iso [value: string]: nothing -> any {
    let found = ($value | parse -r '^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})T(?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(?:\.[0-9]{1,9})?(?<z>Z|[+-][0-9]{2}:?[0-9]{2})$')
    if ($found | is-empty) { return null }
    let m = ($found | first)
    let year = ($m.y | into int)
    let month = ($m.mo | into int)
    let day = ($m.d | into int)
    let hour = ($m.h | into int)
    let minute = ($m.mi | into int)
    let second = ($m.s | into int)
    if $month < 1 or $month > 12 or $day < 1 or $day > 31 or $hour > 23 or $minute > 59 or $second > 59 { return null }
    mut offset = 0
    if $m.z != 'Z' {
        let offset_hours = ($m.z | str substring 1..2 | into int)
        let offset_minutes = ($m.z | str substring (-2).. | into int)
        if $offset_hours > 23 or $offset_minutes > 59 { return null }
        $offset = ($offset_hours * 3600 + $offset_minutes * 60)
        if ($m.z | str starts-with '-') { $offset = (0 - $offset) }
    }
    let y = if $month <= 2 { $year - 1 } else { $year }
    let era = (if $y >= 0 { $y } else { $y - 399 }) // 400
    let year_of_era = $y - $era * 400
    let shifted = if $month <= 2 { $month + 9 } else { $month - 3 }
    let day_of_year = (153 * $shifted + 2) // 5 + $day - 1
    let days = $era * 146097 + $year_of_era * 365 + $year_of_era // 4 - $year_of_era // 100 + $day_of_year - 719468
    $days * 86400 + $hour * 3600 + $minute * 60 + $second - $offset
}

def _awscreds_verdict [state: string, profile: string = '', minutes: any = null]: nothing -> record {
    {state: $state, minutes: $minutes, profile: $profile}
}

# The classifier: the same steps, in the same order, as classifyCredentials.ts, over `vars`
# (NAME -> string). Returns {state, minutes, profile}.
def _awscreds_classify [vars: record, now: int]: nothing -> record {
    let get = {|name| $vars | get -o $name | default '' }
    let key = (do $get AWS_ACCESS_KEY_ID)
    let secret = (do $get AWS_SECRET_ACCESS_KEY)
    let token = (do $get AWS_SESSION_TOKEN)
    let security = (do $get AWS_SECURITY_TOKEN)
    if $key == '' and $secret == '' and $token == '' and $security == '' { return (_awscreds_verdict none) }
    if $key == '' { return (_awscreds_verdict key_missing) }
    if $secret == '' { return (_awscreds_verdict secret_missing) }
    if $security != '' and $security != $token { return (_awscreds_verdict security_token_mismatch) }
    if ($key | str starts-with ASIA) and $token == '' { return (_awscreds_verdict temporary_without_token) }
    if ($key | str starts-with AKIA) and $token != '' { return (_awscreds_verdict long_term_with_token) }
    let bk_key = (do $get AWSCREDS_KEY_ID)
    let bk_fp = (do $get AWSCREDS_TOKEN_FP)
    let length = ($token | str length)
    let fingerprint = if $token == '' { '' } else if $length < 8 { $"($length):($token)" } else { $"($length):($token | str substring (-8)..)" }
    let key_matches = ($bk_key != '' and $bk_key == $key)
    if $key_matches and $fingerprint != $bk_fp { return (_awscreds_verdict mixed_set) }
    if (not $key_matches) and $bk_fp != '' and $bk_fp == $fingerprint { return (_awscreds_verdict mixed_set) }
    let complete = if ($key | str starts-with ASIA) { 'complete_temporary' } else if ($key | str starts-with AKIA) { 'complete_long_term' } else { 'complete_other_key' }
    let profile = if $key_matches { do $get AWSCREDS_PROFILE } else { '' }
    let bookkept = (do $get AWSCREDS_EXPIRES_AT)
    let standard = (do $get AWS_CREDENTIAL_EXPIRATION)
    let parsed = if $standard == '' { null } else { _awscreds_parse_iso $standard }
    let expiry = if $key_matches and ($bookkept =~ '^[0-9]{1,12}$') { $bookkept | into int } else { $parsed }
    if $expiry == null {
        if $standard != '' { return (_awscreds_verdict expiration_unreadable $profile) }
        return (_awscreds_verdict (if $complete == 'complete_temporary' { 'expiry_unknown' } else { $complete }) $profile)
    }
    let left = $expiry - $now
    if $left <= 0 { return (_awscreds_verdict expired $profile ((0 - $left) // 60)) }
    let warn_setting = (do $get AWSCREDS_WARN_MINUTES)
    let warn = if ($warn_setting =~ '^[0-9]{1,4}$') { $warn_setting | into int } else { $_awscreds_default_warn_minutes }
    let minutes = ($left + 59) // 60
    _awscreds_verdict (if $left <= $warn * 60 { 'expiring_soon' } else { $complete }) $profile $minutes
}

# The variables the classifier reads: the environment's, with a held-back set's under them.
def _awscreds_view []: nothing -> record {
    let held = ($env | get -o _AWSCREDS_HELD | default {})
    [AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWSCREDS_PROFILE AWSCREDS_KEY_ID AWSCREDS_EXPIRES_AT AWSCREDS_TOKEN_FP AWSCREDS_WARN_MINUTES AWS_CREDENTIAL_EXPIRATION]
    | reduce -f {} {|name, acc|
        let value = (_awscreds_var $name)
        $acc | insert $name (if $value == '' { $held | get -o $name | default '' } else { $value })
    }
}

def _awscreds_mode []: nothing -> string {
    let mode = (_awscreds_var AWSCREDS_HOOK_MODE)
    if $mode in [strict guard warn off] { $mode } else { 'strict' }
}

# One line on stderr; colour only on a terminal and never with NO_COLOR.
def _awscreds_say [level: string, text: string] {
    let colour = (is-terminal --stderr) and ((_awscreds_var NO_COLOR) == '')
    if $colour and $level == bad { print -e $"(ansi red)($text)(ansi reset)" } else if $colour and $level == warn { print -e $"(ansi yellow)($text)(ansi reset)" } else { print -e $text }
}

# The state's one line (what is wrong; run: the fix) with its placeholders filled.
def _awscreds_report [verdict: record, prefix: string] {
    let text = ($_awscreds_defs | get -o $"_awscreds_msg_($verdict.state)" | default $"AWS credentials in state ($verdict.state); run: awscreds check")
    # The profile name is shown with only characters that no prompt or terminal interprets.
    let shown = ($verdict.profile | default '' | if $in == '' { 'default' } else { $in } | str replace -ar '[^A-Za-z0-9 _.@+=,/:-]' '?')
    let minutes = if $verdict.minutes == null { '?' } else { $verdict.minutes | into string }
    let line = ($text | str replace -a '{minutes}' $minutes | str replace -a '{profile}' $shown)
    _awscreds_say ($_awscreds_levels | get $verdict.state) $"awscreds: (if $prefix == '' { '' } else { $prefix + ' ' })($line)"
}

# strict: hide a partial set from commands, its values kept in $env._AWSCREDS_HELD (a record,
# never passed to a command). AWSCREDS_HELD_BACK tells `awscreds check` the state and each
# name with its value's length, never a value.
def --env _awscreds_hold_back [state: string] {
    let view = (_awscreds_view)
    let names = ($_awscreds_credential_names | where {|name| ($view | get $name) != '' })
    $env._AWSCREDS_HELD = ($names | reduce -f ($env | get -o _AWSCREDS_HELD | default {}) {|name, acc| $acc | upsert $name ($view | get $name) })
    hide-env -i ...$names
    $env.AWSCREDS_HELD_BACK = ([$state] | append ($names | each {|name| $"($name):($view | get $name | str length)" }) | str join ' ')
}

# strict: export the held-back set again once it is complete.
def --env _awscreds_release [quiet: bool] {
    let held = ($env | get -o _AWSCREDS_HELD | default {})
    let names = ($held | columns | where {|name| (_awscreds_var $name) == '' })
    load-env ($held | select -o ...$names)
    if (not $quiet) and ($env | get -o _AWSCREDS_SAID_HELD | default false) and ($names | is-not-empty) {
        _awscreds_say ok $"awscreds: ($_awscreds_defs._awscreds_msg_released | str replace -a '{variables}' ($names | str join ' '))"
    }
    hide-env -i _AWSCREDS_HELD AWSCREDS_HELD_BACK _AWSCREDS_SAID_HELD
}

# The prompt segment, in AWSCREDS_PROMPT (for the prompt and for starship).
def --env _awscreds_update_prompt [verdict: record] {
    let shown = ($verdict.profile | if $in == '' { 'env' } else { $in } | str replace -ar '[^A-Za-z0-9 _.@+=,/:-]' '?')
    let level = ($_awscreds_levels | get $verdict.state)
    $env.AWSCREDS_PROMPT = if $level in [ok warn] {
        if $verdict.state in [expiry_unknown expiration_unreadable] { $"aws:($shown) ?m" } else if $verdict.minutes == null { $"aws:($shown)" } else { $"aws:($shown) ($verdict.minutes)m" }
    } else if $level == bad {
        if $verdict.state == expired { $"aws:($shown) EXPIRED" } else { $"!AWS:($verdict.state)!" }
    } else { '' }
}

def _awscreds_now []: nothing -> int { (date now | into int) // 1_000_000_000 }

# Whether this prompt comes less than a second after the previous one: the next line of a paste
# without bracketed paste (each line is a command line with a prompt after it), which may
# complete the set. With bracketed paste, which nu turns on where the terminal has it, a paste
# is one command line. nu has no look at waiting input, so the first line of such a paste
# comes after an old prompt and is said. The time is kept in a record (nu passes an int to
# commands as a variable, never a record). AWSCREDS_PASTE_GRACE=0 turns the grace off.
def --env _awscreds_quick_prompt []: nothing -> bool {
    let now = (date now | into int)
    let previous = ($env | get -o _AWSCREDS_PROMPT_AT | if ($in | describe) =~ '^record' { $in.ns? } else { null })
    $env._AWSCREDS_PROMPT_AT = {ns: $now}
    (_awscreds_var AWSCREDS_PASTE_GRACE) != '0' and ($previous | describe) == int and $now - $previous < 1_000_000_000
}

# What the hook does at each prompt.
def --env _awscreds_at_prompt [] {
    let mode = (_awscreds_mode)
    if $mode == off { hide-env -i AWSCREDS_PROMPT; return }
    let verdict = (_awscreds_classify (_awscreds_view) (_awscreds_now))
    let level = ($_awscreds_levels | get $verdict.state)
    mut prefix = ''
    if $mode == strict {
        if $level == bad and $verdict.state != expired {
            _awscreds_hold_back $verdict.state
            $prefix = $_awscreds_defs._awscreds_msg_held_back
        } else if ($env | get -o _AWSCREDS_HELD) != null {
            _awscreds_release false
        }
    }
    _awscreds_update_prompt $verdict
    # Said once per change of state, not at every prompt; a partial set that may still be
    # completed by the rest of a paste is said at the first prompt that is not quick.
    let reported = $"($mode):($verdict.state)"
    let quick = (_awscreds_quick_prompt)
    if $reported != ($env | get -o _AWSCREDS_REPORTED | default '') {
        if $level == bad and $verdict.state != expired and $quick { return }
        $env._AWSCREDS_REPORTED = $reported
        if $level in [bad warn] {
            _awscreds_report $verdict $prefix
            if $prefix != '' { $env._AWSCREDS_SAID_HELD = true }
        }
    }
}

# Whether a pass-through list of the generated definitions holds `word`.
def _awscreds_in_list [rule: string, part: string, word: string]: nothing -> bool {
    $word != '' and not ($word =~ '\s') and ($word in ($_awscreds_defs | get $"_awscreds_pass_($rule)_($part)" | split row ' '))
}

# Whether `NAME ARGS` never signs a request with the environment's keys: the steps of
# guardPassesThrough.ts over GUARD_PASS_THROUGH's lists.
def _awscreds_passes [name: string, args: list<string>]: nothing -> bool {
    let rule = if $name == aws { 'aws' } else { 'other' }
    if ($args | is-empty) { return true }
    if (_awscreds_in_list $rule last ($args | last)) { return true }
    mut skip = false
    mut words = []
    for word in $args {
        if $skip { $skip = false; continue }
        if (_awscreds_in_list $rule anywhere $word) { return true }
        if ($word | str starts-with '-') {
            if (_awscreds_in_list $rule profile ($word | split row '=' | first)) { return true }
            if not ($word | str contains '=') and (_awscreds_in_list $rule values $word) { $skip = true }
            continue
        }
        $words = ($words | append $word)
    }
    if ($words | is-not-empty) and (_awscreds_in_list $rule first ($words | first)) { return true }
    ($words | length) >= 2 and not ($words.0 | str contains ':') and (_awscreds_in_list $rule pairs $"($words.0):($words.1)")
}

# Before a command that consumes credentials: let through an invocation that signs nothing,
# refuse a bad set (naming the fix and `^NAME …`), refresh an expiring or expired one of a known
# profile first when AWSCREDS_AUTO_REFRESH=1 (`awscreds export --profile=NAME`, applied as typed
# in nu; a failed export applies nothing and says why), and in strict mode export a set that
# became complete since the last prompt.
def --env _awscreds_guard [name: string, args: list<string>] {
    let mode = (_awscreds_mode)
    if $mode in [strict guard] and not (_awscreds_passes $name $args) {
        mut verdict = (_awscreds_classify (_awscreds_view) (_awscreds_now))
        if (_awscreds_var AWSCREDS_AUTO_REFRESH) == '1' and $verdict.profile != '' and $verdict.state in [expired expiring_soon] {
            try { _awscreds_apply [export $"--profile=($verdict.profile)"] } catch { null }
            $verdict = (_awscreds_classify (_awscreds_view) (_awscreds_now))
        }
        if ($_awscreds_levels | get $verdict.state) == bad {
            _awscreds_report $verdict ''
            _awscreds_say bad $"awscreds: ($_awscreds_defs._awscreds_msg_refused | str replace -a '{command}' $name)"
            return
        }
        if $mode == strict and ($env | get -o _AWSCREDS_HELD) != null { _awscreds_release true }
    }
    run-external $name ...$args
}

# The guards of AWSCREDS_GUARD_COMMANDS (blank-separated, or a list), or of the default list when
# a command of one of its names is the user's: as code, one `def --env --wrapped` per name that
# is not already a custom command, alias or built-in (`which` with no PATH). Only a plain
# command word becomes code, in quotes; any other entry (nu also refuses a command named as a
# float: inf, nan) is said once, inert, and left out.
def _awscreds_guards_code []: nothing -> string {
    let setting = ($env.AWSCREDS_GUARD_COMMANDS? | default $_awscreds_default_guard_commands)
    let words = (try { [$setting] | flatten | str join ' ' } catch { '?' } | split row -r '\s+' | where $it != '')
    let names = ($words | where $it =~ '^[A-Za-z_][A-Za-z0-9_.-]*$' and $it !~ '(?i)^(inf|infinity|nan)$')
    let refused = ($words | where $it not-in $names | str join ' ' | str replace -ar '[^A-Za-z0-9 _.@+=,/:-]' '?')
    if $refused != '' {
        _awscreds_say warn ($"awscreds: not a command name, not guarded: ($refused)" | str substring 0..<80)
    }
    $env.PATH = []
    $names | where {|name| which $name | where type != external | is-empty } | each {|name| $"def --env --wrapped \"($name)\" [...args: string] { _awscreds_guard \"($name)\" $args }\n" } | str join
}

# Guards made here are parsed by a pre_execution hook of their own, once, at the next command
# line (this loader then runs at the first prompt, so that is the first command line).
def --env _awscreds_define_guards_next [] {
    let code = (_awscreds_guards_code)
    $env.config.hooks.pre_execution = ($env.config.hooks.pre_execution? | default [] | append {condition: {|| $env._AWSCREDS_LOADED.guards? != true }, code: $"($code)$env._AWSCREDS_LOADED.guards = true\n"})
}

# `awscreds export` and `awscreds unset` typed in nu: run awscreds for nu, then apply the record
# it printed in one step (clearing what it names null). A failure or a cut-off record applies
# nothing. Other formats (--format json|dotenv) are printed as they are.
def --env _awscreds_apply [args: list<string>] {
    if ($args | any {|arg| $arg =~ '^--format' }) { run-external awscreds ...$args; return }
    let printed = (run-external awscreds ...$args '--shell' 'nu')
    let record = ($printed | lines | last | from json)
    hide-env -i ...($record | transpose name value | where value == null | get name)
    load-env ($record | transpose name value | where value != null | reduce -f {} {|row, acc| $acc | insert $row.name $row.value })
}
# They replace the externs of `awscreds completion nu`, whose script gives their completer.
def _awscreds_complete [spans: list<string>] { if ($env._AWSCREDS_COMPLETE? | describe) =~ '^closure' { do $env._AWSCREDS_COMPLETE $spans } }
@complete '_awscreds_complete'
def --env --wrapped "awscreds export" [...args: string] { _awscreds_apply ([export] | append $args) }
@complete '_awscreds_complete'
def --env --wrapped "awscreds unset" [...args: string] { _awscreds_apply ([unset] | append $args) }

$env._AWSCREDS_LOADED = {prompt: {|| _awscreds_at_prompt }}
'#

# The guards, one `def --env --wrapped` per command: nu defines a command only from code, so
# they are code for the loaders to parse after _awscreds_later, made from the list read here,
# when the hook loads. The default list's is written out (a test keeps it equal to what
# _awscreds_guards_code makes of that list): a start with no command of those names of the
# user's costs one `which` (PATH left out: it finds custom commands, aliases, built-ins and
# externs, which are only signatures). Otherwise (AWSCREDS_GUARD_COMMANDS set, or such a
# command) the loader makes them, and runs at the first prompt: see the end of this file.
const _awscreds_default_guards = r#'
def --env --wrapped "aws" [...args: string] { _awscreds_guard "aws" $args }
def --env --wrapped "sam" [...args: string] { _awscreds_guard "sam" $args }
def --env --wrapped "cdk" [...args: string] { _awscreds_guard "cdk" $args }
def --env --wrapped "terraform" [...args: string] { _awscreds_guard "terraform" $args }
def --env --wrapped "tofu" [...args: string] { _awscreds_guard "tofu" $args }
def --env --wrapped "terragrunt" [...args: string] { _awscreds_guard "terragrunt" $args }
def --env --wrapped "pulumi" [...args: string] { _awscreds_guard "pulumi" $args }
def --env --wrapped "eksctl" [...args: string] { _awscreds_guard "eksctl" $args }
def --env --wrapped "copilot" [...args: string] { _awscreds_guard "copilot" $args }
'#

# The prompt segment, for a PROMPT_COMMAND of your own: `(awscreds_prompt)`.
def awscreds_prompt []: nothing -> string { $env | get -o AWSCREDS_PROMPT | default '' }

# Whether `_awscreds_later` ran: its steps are in $env._AWSCREDS_LOADED (never passed to a command).
def _awscreds_loaded []: nothing -> bool { ($env._AWSCREDS_LOADED? | describe) starts-with 'record' }

# What runs at a prompt before the classifier is loaded: no credential is set (the loader runs
# before this step when one is), so the state is none; once loaded, its own step.
def --env _awscreds_at_prompt_first [] {
    if (_awscreds_loaded) { do --env $env._AWSCREDS_LOADED.prompt; return }
    let mode = if ($env.AWSCREDS_HOOK_MODE? in [strict guard warn off]) { $env.AWSCREDS_HOOK_MODE } else { 'strict' }
    if $mode == off { hide-env -i AWSCREDS_PROMPT; return }
    $env.AWSCREDS_PROMPT = ''
    $env._AWSCREDS_REPORTED = $"($mode):none"
}

# Registered once per nu: a second `source` finds $env._AWSCREDS_HOOKED, a record, which nu
# never passes to a command, so one from the environment (a string) does not count. One
# assignment to $env.config, which nu converts whole at each, and no filter over its hooks:
# together a third of the 2.5 ms the three filtered assignments cost.
if ($env._AWSCREDS_HOOKED? | describe) != 'record' {
    $env._AWSCREDS_HOOKED = {}
    let hooks = ($env.config.hooks? | default {})
    # The loader's code ends with the guards (whatever the mode: each reads it when called):
    # the default list's when no command of those names is the user's, else a call that makes
    # them from the list, which defines them at the command line after it: then the loader
    # runs at the first prompt too.
    let guards_made_later = $env.AWSCREDS_GUARD_COMMANDS? != null or (do { $env.PATH = []; which ...$_awscreds_default_guard_commands } | is-not-empty)
    let code = ($_awscreds_later + (if $guards_made_later { "\n_awscreds_define_guards_next\n" } else { $_awscreds_default_guards }))
    # The loader, once: before the first command line, or at a prompt where a credential is set
    # (each of _awscreds_credential_names by name: reading $env whole costs 0.2 ms, this 7 µs).
    $env.config.hooks = ($hooks | merge {
        pre_prompt: ($hooks.pre_prompt? | default [] | append [
            {condition: {|| not (_awscreds_loaded) and ($guards_made_later or $env.AWS_ACCESS_KEY_ID? != null or $env.AWS_SECRET_ACCESS_KEY? != null or $env.AWS_SESSION_TOKEN? != null or $env.AWS_SECURITY_TOKEN? != null) }, code: $code}
            {|| _awscreds_at_prompt_first }
        ])
        pre_execution: ($hooks.pre_execution? | default [] | append {condition: {|| not (_awscreds_loaded) }, code: $code})
    })
}
