# awscreds completion for nushell: the `extern` signatures above are generated from the command
# definitions; these give the profile and sso-session names of ~/.aws/config.
def "nu-complete awscreds profiles" [] { ^awscreds completion --list profiles | lines }
def "nu-complete awscreds sso-sessions" [] { ^awscreds completion --list sso-sessions | lines }
