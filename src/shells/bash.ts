import { completionVariableKey, type CompletionNode } from '../completion/completionModel';
import { join } from 'node:path';
import { rcDirectory, type EnvChanges, type HookFileCheck, type Shell, type SuggestedCommand } from './Shell';

/**
 * The first command of a bash/zsh block: a no-op there, and a syntax error to fish (`${` is
 * not fish syntax), which parses all of its input before it runs any: a block printed for bash
 * and read by fish (`| source`, `eval`) changes nothing. fish 4 would run `{ …; }` as a block.
 */
export const POSIX_GUARD = ': "${0+bash and zsh code: fish stops here, before running any of it}"';

/** The export block bash and zsh share: `{ unset …; export NAME=VALUE; … }`. */
export function renderPosixChanges(changes: EnvChanges, escape: (v: string) => string): string {
  const commands: string[] = [];
  if (changes.unset.length > 0) commands.push(`unset ${changes.unset.join(' ')}`);
  for (const [name, value] of changes.set) commands.push(`export ${name}=${escape(value)}`);
  // `{ …; }` is one compound command: bash and zsh parse it to the closing brace before
  // running any of it, so a block cut short is a syntax error that applies nothing.
  return commands.length === 0 ? 'true\n' : `{\n${[POSIX_GUARD, ...commands].map((c) => `  ${c};`).join('\n')}\n}\n`;
}

/** Assignments, then the command that un-exports them (bash `export -n`, zsh `typeset -g +x`). */
export function renderPosixDefinitions(variables: ReadonlyArray<readonly [string, string]>, unexport: string): string {
  const lines = variables.map(([name, value]) => `${name}=${escapeBashValue(value)}`);
  return `${[...lines, `${unexport} ${variables.map(([name]) => name).join(' ')}`].join('\n')}\n`;
}

/**
 * The rc lines bash and zsh share: check the hook file (hookTrustCheck), then source it;
 * when it is not there, and awscreds is on PATH, have awscreds write it and load the hook;
 * when awscreds is gone too, nothing. Builtins only: no process at shell start. A file
 * that fails the check runs nothing, and one line says why.
 */
export function posixHookLoader(shell: 'bash' | 'zsh'): readonly string[] {
  return [
    `_awscreds_hook_file="\${XDG_DATA_HOME:-$HOME/.local/share}/awscreds/hook.${shell}"`,
    ...hookTrustCheck(shell),
    'if _awscreds_trusted "$_awscreds_hook_file"; then',
    '  unset -f _awscreds_trusted',
    '  . "$_awscreds_hook_file"',
    'elif [ -n "$_awscreds_why" ]; then',
    // The reason starts with the path: under HOME, written from `~` to fit a line.
    '  case $_awscreds_why in "${HOME%/}"/*) _awscreds_why="~${_awscreds_why#"${HOME%/}"}" ;; esac',
    `  printf 'awscreds: hook not loaded: %s\\n' "$_awscreds_why" >&2`,
    'elif command -v awscreds >/dev/null 2>&1; then',
    `  eval "$(awscreds hook ${shell} --file "$_awscreds_hook_file")"`,
    'fi',
    'unset -f _awscreds_trusted 2>/dev/null; unset _awscreds_hook_file _awscreds_why',
  ];
}

/**
 * `_awscreds_trusted FILE`: whether the hook file may be sourced, by the rules of the code
 * cache (src/runtime/privateCache.ts), with builtins only. Returns 1 with _awscreds_why empty
 * when there is no file (awscreds may write one), and with the reason when there is one that
 * must not run. Both shells: an absolute path; a regular file, not a symbolic link, of the
 * user's; its directory the user's; every directory from it up to HOME the user's. zsh also
 * reads owner and mode (zsh/stat, a builtin module): the file and every directory up to HOME
 * (or `/`) belong to the user or root and are not writable by group or others. bash has no
 * builtin that reads another owner or the mode bits: it cannot tell root's directories from
 * another user's, nor see a group-write bit; install checks those (writeHookFile).
 */
function hookTrustCheck(shell: 'bash' | 'zsh'): readonly string[] {
  const notYours = `"\${d:-/} is not yours (run: awscreds hook install)"`;
  const common = [
    '  _awscreds_why=\'\'',
    '  case $f in /*) ;; *) _awscreds_why="$f is not an absolute path (XDG_DATA_HOME)"; return 1 ;; esac',
    '  [[ -e $f || -L $f ]] || return 1',
    '  if [[ -L $f || ! -f $f || ! -O $f ]]; then _awscreds_why="$f is not a file of yours"; return 1; fi',
  ];
  if (shell === 'bash') {
    return [
      '_awscreds_trusted() {',
      '  local f=$1 d=${1%/*} home=${HOME%/}',
      ...common,
      `  if [[ -L $d || ! -O \${d:-/} ]]; then _awscreds_why=${notYours}; return 1; fi`,
      '  while [[ -n $home && $d == "$home"/* ]]; do',
      '    d=${d%/*}',
      `    if [[ ! -O \${d:-/} ]]; then _awscreds_why=${notYours}; return 1; fi`,
      '  done',
      '}',
    ];
  }
  return [
    '_awscreds_trusted() {',
    '  emulate -L zsh',
    '  local f=$1 d=$1 home=${HOME%/}',
    '  local -A st',
    ...common,
    '  if ! zmodload -F zsh/stat b:zstat 2>/dev/null; then _awscreds_why="zsh/stat is missing"; return 1; fi',
    '  while :; do',
    '    if ! zstat -H st -- ${d:-/} 2>/dev/null; then _awscreds_why="${d:-/} cannot be read"; return 1; fi',
    `    if (( st[uid] != EUID && st[uid] != 0 )); then _awscreds_why=${notYours}; return 1; fi`,
    '    if (( st[mode] & 8#022 )); then _awscreds_why="${d:-/} is writable by others (run: chmod go-w ${d:-/})"; return 1; fi',
    '    if [[ $d == "$home" || -z $d ]]; then return 0; fi',
    '    d=${d%/*}',
    '  done',
    '}',
  ];
}

/**
 * Where bash found awscreds: BASH_CMDS from bash 4; bash 3.2 has no such variable, so there
 * the first `DIR/awscreds` on PATH that is an executable file, as its own lookup finds it.
 */
const BASH_FIND_AWSCREDS = [
  '_awscreds_bin=${BASH_CMDS[awscreds]-}',
  'if [[ -z $_awscreds_bin ]]; then',
  '  _awscreds_rest=$PATH:',
  '  while [[ -n $_awscreds_rest ]]; do',
  '    _awscreds_bin=${_awscreds_rest%%:*}; _awscreds_rest=${_awscreds_rest#*:}',
  '    _awscreds_bin=${_awscreds_bin:-.}; [[ $_awscreds_bin == */ ]] || _awscreds_bin+=/',
  '    _awscreds_bin+=awscreds; [[ -f $_awscreds_bin && -x $_awscreds_bin ]] && break',
  "    _awscreds_bin=''",
  '  done',
  '  unset _awscreds_rest',
  'fi',
];

/**
 * The top of the hook file for bash and zsh. The PATH lookup forks nothing: `hash awscreds`
 * looks it up, then BASH_CMDS (bash) or $commands (zsh) says where. `-nt` is a builtin test of
 * modification times. The stale path runs the awscreds on PATH once: it
 * rewrites this file (atomically: the shell goes on reading the old one) and prints the hook.
 */
export function posixHookFileGuard(shell: 'bash' | 'zsh', check: HookFileCheck): string {
  const q = escapeBashValue;
  const found = shell === 'bash' ? '${_awscreds_bin-}' : '${commands[awscreds]-}';
  // zsh: `hash NAME` looks up that one name; reading $commands[NAME] first would hash every
  // directory on PATH (HASH_LIST_ALL), milliseconds at each start.
  const present = shell === 'bash' ? 'hash awscreds 2>/dev/null || command -v awscreds >/dev/null 2>&1' : 'hash awscreds 2>/dev/null';
  const file = q(check.file);
  const stale = [`${found} != ${q(check.bin)}`, ...check.sources.flatMap((s) => [`! -e ${q(s)}`, `${q(s)} -nt ${file}`]), `${found} -nt ${file}`];
  return [
    `# awscreds ${check.version}: the ${shell} prompt hook, written by \`awscreds hook install\` for the block in your rc file.`,
    '# Do not edit: awscreds rewrites it whenever it no longer matches the awscreds on PATH.',
    '# awscreds gone: no hook, no output.',
    `if ! { ${present}; }; then return 0; fi`,
    ...(shell === 'bash' ? BASH_FIND_AWSCREDS : []),
    '# Another awscreds on PATH, or it or its package newer than this file: rewrite it, load the new hook.',
    `if [[ ${stale.join(' || ')} ]]; then`,
    `  eval "$(AWSCREDS_HOOK_BIN=${found} command awscreds hook ${shell} --file ${file})"`,
    '  return 0',
    'fi',
    '',
  ].join('\n');
}

/**
 * A shell of the bash family: its quoting (zsh reads bash's `$'…'` identically), export block,
 * rc block, hook-file guard and most of its hook (shell/hook-bash-zsh.sh) are bash's. `own`
 * is what differs: the rc file, the command that un-exports a variable, the completion
 * definitions.
 */
export function posixShell(name: 'bash' | 'zsh', own: Pick<Shell, 'rcFile' | 'renderCompletionDefinitions' | 'loadHookNow' | 'completionSetup'> & { readonly unexport: string }): Shell {
  return {
    name,
    loadLine: (words) => renderPosixCommand({ load: words }, escapeBashValue),
    failureOutput: 'false\n',
    renderCommand: (command, quote = escapeBashValue) => renderPosixCommand(command, quote),
    loadHookNow: own.loadHookNow,
    hookFile: `hook.${name}`,
    hookSharedFile: 'hook-bash-zsh.sh',
    hookFileWithoutComments: true,
    completionFile: `completion.${name}`,
    completionSetup: own.completionSetup,
    escape: escapeBashValue,
    renderDefinitions: (variables) => renderPosixDefinitions(variables, own.unexport),
    renderChanges: (changes) => renderPosixChanges(changes, escapeBashValue),
    rcFile: own.rcFile,
    hookLoader: () => posixHookLoader(name),
    hookFileGuard: (check) => posixHookFileGuard(name, check),
    renderCompletionDefinitions: own.renderCompletionDefinitions,
  };
}

/** A suggested command in bash and zsh syntax. */
export function renderPosixCommand(command: SuggestedCommand, quote: (word: string) => string): string {
  if ('load' in command) return `eval "$(${['awscreds', ...command.load].map(quote).join(' ')})"`;
  if ('unset' in command) return `unset ${command.unset.map(quote).join(' ')}`;
  if ('set' in command) return `export ${quote(command.set)}=…`;
  if ('reexport' in command) return `export ${command.reexport.map(quote).join(' ')}`;
  if ('unguarded' in command) return `command ${quote(command.unguarded)} ...`;
  return command.run.map(quote).join(' ');
}

export const bash: Shell = posixShell('bash', {
  unexport: 'export -n',
  loadHookNow: () => 'to load it in this one, run `exec bash`',
  completionSetup: ['eval "$(awscreds completion bash)"', 'in ~/.bashrc'],
  rcFile: (home) => join(rcDirectory({ HOME: home }, 'HOME'), '.bashrc'),
  renderCompletionDefinitions: (nodes) => renderBashCompletionDefinitions(nodes),
});

// direnv's safe set plus `:` and `+` (common in dates and base64); never `~` or `=`, which
// trigger tilde and zsh `=cmd` expansion.
const BARE = /^[A-Za-z0-9,._/@:+-]+$/;

/**
 * Quoting for bash and zsh that is also inert in POSIX sh (dash), which has no `$'…'`: safe
 * characters bare; printable ASCII inside '…' (a `'` written `\'` between them), which every POSIX shell
 * reads alike; anything else inside `$'…'` with every byte outside printable ASCII, and `'` and
 * `\` too, written as `\xHH`, so the output is one line of ASCII. sh reads such a word as `$`
 * and a single-quoted string holding no quote: a wrong value there, but never code.
 */
export function escapeBashValue(value: string): string {
  if (value === '') return "''";
  if (BARE.test(value)) return value;
  // Empty segments stay out, so no `''` appears (zsh's RC_QUOTES would read it as a quote).
  if (/^[\x20-\x7e]*$/.test(value)) return value.split("'").map((part) => (part === '' ? '' : `'${part}'`)).join("\\'");
  let out = "$'";
  for (const byte of Buffer.from(value, 'utf8')) {
    switch (byte) {
      case 0x09: out += '\\t'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      default:
        out += byte < 0x20 || byte >= 0x7f || byte === 0x27 || byte === 0x5c ? `\\x${byte.toString(16).padStart(2, '0')}` : String.fromCharCode(byte);
    }
  }
  return out + "'";
}

/**
 * The variables shell/completion.bash reads, one set per command path KEY (`` for awscreds
 * itself, `hook__install`): `_awscreds_cmds__KEY` sub-commands, `_awscreds_opts__KEY` options,
 * `_awscreds_vals__KEY` options that take a value, `_awscreds_pos__KEY` positional values,
 * `_awscreds_pass__KEY` set when a command follows `--`; per option name N,
 * `_awscreds_choices__KEY__N` its values and `_awscreds_dyn__KEY__N` where to get them.
 */
function renderBashCompletionDefinitions(nodes: readonly CompletionNode[]): string {
  const lines: string[] = [];
  const assign = (name: string, value: string): void => void lines.push(`${name}=${escapeBashValue(value)}`);
  for (const node of nodes) {
    const key = completionVariableKey(node.path);
    assign(`_awscreds_cmds__${key}`, node.subcommands.map((s) => s.name).join(' '));
    assign(`_awscreds_opts__${key}`, node.options.flatMap((o) => o.names).join(' '));
    assign(`_awscreds_vals__${key}`, node.options.filter((o) => o.takesValue).flatMap((o) => o.names).join(' '));
    assign(`_awscreds_pos__${key}`, node.positionalChoices.join(' '));
    if (node.passThrough) assign(`_awscreds_pass__${key}`, '1');
    for (const option of node.options) {
      for (const name of option.names) {
        const optionKey = `${key}__${completionVariableKey([name])}`;
        if (option.choices.length > 0) assign(`_awscreds_choices__${optionKey}`, option.choices.join(' '));
        if (option.dynamic) assign(`_awscreds_dyn__${optionKey}`, option.dynamic);
      }
    }
  }
  return `# Generated by awscreds from its command definitions.\n${lines.join('\n')}\n`;
}
