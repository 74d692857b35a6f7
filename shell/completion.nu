# awscreds completion for nushell: the `extern` signatures above are generated from the command
# definitions; these give the profile and sso-session names of ~/.aws/config.
def "nu-complete awscreds profiles" [] { ^awscreds completion --list profiles | lines }
def "nu-complete awscreds sso-sessions" [] { ^awscreds completion --list sso-sessions | lines }

# The prompt hook's `awscreds export` and `awscreds unset` (which apply what they print) replace
# their externs once it is loaded; their completer (`@complete` in the hook) calls this with the
# words of the line: the command (one word, as nu gives it), then its arguments. It offers the
# value of the option before the last word, else the options, from the data above.
$env._AWSCREDS_COMPLETE = {|spans: list<string>|
    let options = ($_awscreds_hook_command_options | get -o ($spans | first | str replace -ar '\s+' ' '))
    if $options == null or ($spans | length) < 2 { return null }
    let typed = ($spans | last)
    let option = if ($spans | length) > 2 { $options | where {|o| $o.takes_value and ($spans | get (($spans | length) - 2)) in $o.names } | get -o 0 } else { null }
    if $option != null {
        let values = if $option.dynamic != null { ^awscreds completion --list $option.dynamic | lines } else { $option.choices }
        return ($values | where {|value| $value | str starts-with $typed })
    }
    if $typed != '' and not ($typed | str starts-with '-') { return [] }
    $options | each {|o| $o.names | each {|name| {value: $name, description: $o.describe} } } | flatten | where {|c| $c.value | str starts-with $typed }
}
