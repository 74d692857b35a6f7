import { completionVariableKey, type CompletionNode } from '../completion/completionModel';
import { join } from 'node:path';
import { rcDirectory, type HookFileCheck, type Shell, type SuggestedCommand } from './Shell';

/**
 * The first line of a fish block: a no-op in fish, and a syntax error on its first line to
 * bash and dash (`(` after a command word) and zsh (`end` where a command begins). Those parse
 * a line whole before running it, so a fish block read by them (`eval "$(…)"`) runs nothing:
 * no `set -e` (errexit), no `set -gx`, whatever the values hold.
 */
export const FISH_GUARD = 'begin; true (true); end # fish code: bash, zsh and sh stop here, before running any of it';

export const fish: Shell = {
  name: 'fish',
  loadLine: (words) => renderFishCommand({ load: words }, escapeFishValue),
  failureOutput: 'false\n',
  renderCommand: (command, quote = escapeFishValue) => renderFishCommand(command, quote),
  loadHookNow: () => 'to have it in this one, run `exec fish` (fish reads conf.d only at start)',
  hookFile: 'hook.fish',
  completionFile: 'completion.fish',
  completionSetup: ['awscreds completion fish > ~/.config/fish/completions/awscreds.fish', 'once (or `awscreds completion fish | source` in config.fish)'],
  escape: escapeFishValue,
  renderDefinitions: (variables) => variables.map(([name, value]) => `set -gu ${name} ${escapeFishValue(value)}\n`).join(''),
  // A file of our own in conf.d, which fish sources by itself: config.fish is never touched.
  rcFile: (home, env) => join(rcDirectory(env, 'XDG_CONFIG_HOME', join(rcDirectory({ HOME: home }, 'HOME'), '.config')), 'fish', 'conf.d', 'awscreds.fish'),
  // Variables, not a path written at install: a synced conf.d works on any machine. Builtins
  // only while the hook file is there. Before it is sourced, the file is checked as the code
  // cache is (src/runtime/privateCache.ts), as far as fish's builtins can see: an absolute
  // path; a regular file of the user's, not a symbolic link; its directory and every one above
  // it up to HOME the user's (`test -O`). fish cannot read another owner or the mode bits: root's
  // directories and group write are install's to check (writeHookFile).
  hookLoader: () => [
    'set -l __awscreds_data $HOME/.local/share',
    'test -n "$XDG_DATA_HOME"; and set __awscreds_data $XDG_DATA_HOME',
    'set -l __awscreds_file $__awscreds_data/awscreds/hook.fish',
    'set -l __awscreds_why',
    'if not string match -q -- "/*" $__awscreds_file',
    '    set __awscreds_why "$__awscreds_file is not an absolute path (XDG_DATA_HOME)"',
    'else if test -e $__awscreds_file; or test -L $__awscreds_file',
    '    if test -L $__awscreds_file; or not test -f $__awscreds_file; or not test -O $__awscreds_file',
    '        set __awscreds_why "$__awscreds_file is not a file of yours"',
    '    end',
    // Parents by named capture groups (fish 3.4+ sets them as variables), not by command
    // substitution (a thread and a pipe each, at every start); before 3.4 only the hook's own
    // directory is checked.
    '    set -l __awscreds_dir $__awscreds_data/awscreds',
    '    set -l __awscreds_home',
    '    set -l __awscreds_parent',
    '    string match -qr -- \'^(?<__awscreds_home>.*?)/*$\' $HOME',
    '    test -L $__awscreds_dir; and set __awscreds_why "$__awscreds_dir is not yours (run: awscreds hook install)"',
    '    while test -z "$__awscreds_why"',
    '        test -O "$__awscreds_dir/"; or set __awscreds_why "$__awscreds_dir is not yours (run: awscreds hook install)"',
    '        test -n "$__awscreds_home"; and string match -q -- "$__awscreds_home/*" $__awscreds_dir; or break',
    '        set __awscreds_parent',
    '        string match -qr -- \'^(?<__awscreds_parent>.*)/[^/]*$\' $__awscreds_dir; and test -n "$__awscreds_parent"; or break',
    '        set __awscreds_dir $__awscreds_parent',
    '    end',
    'end',
    'if test -n "$__awscreds_why"',
    // The reason starts with the path: under HOME, written from `~` to fit a line.
    '    string match -q -- "$HOME/*" $__awscreds_why; and set __awscreds_why "~"(string sub -s (math (string length -- $HOME) + 1) -- $__awscreds_why)',
    '    printf \'awscreds: hook not loaded: %s\\n\' $__awscreds_why >&2',
    'else if test -r $__awscreds_file',
    '    source $__awscreds_file',
    'else if type -q awscreds',
    '    awscreds hook fish --file $__awscreds_file | source',
    'end',
  ],
  hookFileGuard: (check) => renderFishHookFileGuard(check),
  compactHookScript: (script, check) => compactFishScript(check.shellSource === undefined ? script : loadOnFirstCall(script, check.shellSource)),
  renderCompletionDefinitions: (nodes) => renderFishCompletionDefinitions(nodes),
  renderChanges(changes) {
    const commands: string[] = [];
    for (const name of changes.unset) commands.push(`set -e ${name}`);
    for (const [name, value] of changes.set) commands.push(`set -gx ${name} ${escapeFishValue(value)}`);
    // `begin; …; end` is parsed whole before it runs: a cut-short block applies nothing.
    // `set -e` of an unset variable fails, so the block ends with `true` to succeed.
    return commands.length === 0 ? 'true\n' : `${FISH_GUARD}\nbegin\n${commands.map((c) => `  ${c}`).join('\n')}\n  true\nend\n`;
  },
};

/** A suggested command in fish syntax (`export NAME` exists in fish too). */
function renderFishCommand(command: SuggestedCommand, quote: (word: string) => string): string {
  if ('load' in command) return `${['awscreds', ...command.load].map(quote).join(' ')} | source`;
  if ('unset' in command) return `set -e ${command.unset.map(quote).join(' ')}`;
  if ('set' in command) return `set -gx ${quote(command.set)} …`;
  if ('reexport' in command) return `export ${command.reexport.map(quote).join(' ')}`;
  if ('unguarded' in command) return `command ${quote(command.unguarded)} ...`;
  return command.run.map(quote).join(' ');
}

// direnv's safe set plus `:` and `+` (common in dates and base64); never `~` or `=`, which
// trigger tilde and zsh `=cmd` expansion.
const BARE = /^[A-Za-z0-9,._/@:+-]+$/;

/**
 * fish honours `\\` and `\'` inside single quotes, so POSIX `'\''` quoting is unsafe there
 * (a trailing backslash would leave the quote open). Printable ASCII goes inside single
 * quotes with `\` and `'` escaped; every other byte is written outside them as `\xHH`,
 * which fish joins to the quoted parts as one word.
 */
export function escapeFishValue(value: string): string {
  if (value === '') return "''";
  if (BARE.test(value)) return value;
  let out = '';
  let quoted = '';
  const flush = (): void => {
    if (quoted !== '') out += `'${quoted}'`;
    quoted = '';
  };
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte >= 0x20 && byte < 0x7f) {
      quoted += byte === 0x27 || byte === 0x5c ? `\\${String.fromCharCode(byte)}` : String.fromCharCode(byte);
    } else {
      flush();
      out += `\\x${byte.toString(16).padStart(2, '0')}`;
    }
  }
  flush();
  return out;
}

/**
 * The top of fish's hook file: `for` over PATH, `test` and `switch` are builtins; nothing at
 * start runs a process or a command substitution. `test -nt` exists from fish 3.6; older fish
 * asks `find -newer` (one process, where the stale path would start node).
 */
function renderFishHookFileGuard(check: HookFileCheck): string {
  const q = escapeFishValue;
  const file = q(check.file);
  const sources = check.sources.map(q);
  return [
    `# awscreds ${check.version}: the fish prompt hook, written by \`awscreds hook install\` for conf.d/awscreds.fish.`,
    '# Do not edit: awscreds rewrites it whenever it no longer matches the awscreds on PATH.',
    `# Written without comments or indentation, which fish parses at every start: the commented source is ${check.shellSource === undefined ? 'shell/hook.fish in the package' : q(check.shellSource)}.`,
    // A loop over PATH, not `(command -s awscreds)`: no command substitution, which costs
    // fish milliseconds at start.
    'set -l __awscreds_bin',
    'set -l __awscreds_dir',
    'for __awscreds_dir in $PATH',
    '    if test -f $__awscreds_dir/awscreds -a -x $__awscreds_dir/awscreds',
    '        set __awscreds_bin $__awscreds_dir/awscreds',
    '        break',
    '    end',
    'end',
    '# awscreds gone: no hook, no output.',
    'if test -z "$__awscreds_bin"',
    '    return 0',
    'end',
    '# Another awscreds on PATH, or it or its package newer than this file (or gone): rewrite it, load the new hook.',
    'set -l __awscreds_stale 1',
    `if test "$__awscreds_bin" = ${q(check.bin)}${sources.map((s) => ` -a -e ${s}`).join('')}`,
    '    switch $version',
    '        case 2.\\* 3.0.\\* 3.1.\\* 3.2.\\* 3.3.\\* 3.4.\\* 3.5.\\*',
    '            # No `test -nt` before fish 3.6: `find` prints whichever is newer.',
    `            command find -H ${sources.join(' ')} $__awscreds_bin -newer ${file} 2>/dev/null | read -l __awscreds_newer`,
    '            or set __awscreds_stale',
    "        case '*'",
    `            ${[...sources, '$__awscreds_bin'].map((s) => `test ${s} -nt ${file}`).join('; or ')}`,
    '            or set __awscreds_stale',
    '    end',
    'end',
    'if set -q __awscreds_stale[1]',
    `    AWSCREDS_HOOK_BIN=$__awscreds_bin command awscreds hook fish --file ${file} | source`,
    '    return 0',
    'end',
    '',
  ].join('\n');
}

/**
 * The functions of shell/hook.fish that only events call (a guarded command; a set to hold
 * back, release or report; an expiry date to read). fish parses a file whole before running any
 * of it, and these are half of the hook's parse time at start: the hook file holds a stub for
 * each, which loads shell/hook.fish from the package the first time one is called.
 */
export const FISH_LOADED_ON_FIRST_CALL = ['_awscreds_parse_iso', '_awscreds_say', '_awscreds_report', '_awscreds_hold_back', '_awscreds_release', '_awscreds_in_list', '_awscreds_passes', '_awscreds_guard'] as const;

/**
 * `script` with FISH_LOADED_ON_FIRST_CALL's definitions (`function NAME` to the `end` at the
 * start of a line) replaced by stubs that load `source` (the package's shell/hook.fish, the
 * whole hook: every function comes from one version) and call the function again. When it is
 * gone, the first call says so once, a guarded command runs as if unguarded, and the others
 * fail.
 */
export function loadOnFirstCall(script: string, source: string): string {
  const q = escapeFishValue;
  const lines = script.split('\n');
  const out: string[] = [];
  let loader = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const name = /^function (\S+)/.exec(line)?.[1];
    const end = lines.indexOf('end', i);
    if (name === undefined || !(FISH_LOADED_ON_FIRST_CALL as readonly string[]).includes(name) || end < 0) {
      out.push(line);
      continue;
    }
    if (!loader) {
      loader = true;
      out.push(
        `# Loads the functions only events need from ${q(source)} (with the rest of the hook).`,
        'function _awscreds_load --argument-names name',
        `    if test -r ${q(source)}`,
        '        set -l __awscreds_loading 1',
        `        source ${q(source)}`,
        `        test (functions --details -- $name) = ${q(source)}; and return 0`,
        '    end',
        `    printf '%s\\n' "awscreds: the package's shell/hook.fish is gone; run: exec fish" >&2`,
        '    function _awscreds_load',
        '        return 1',
        '    end',
        '    return 1',
        'end',
      );
    }
    out.push(
      `function ${name}`,
      ...(name === '_awscreds_guard'
        ? ['    if _awscreds_load _awscreds_guard', '        _awscreds_guard $argv', '    else', '        command $argv', '    end']
        : [`    _awscreds_load ${name}; and ${name} $argv`]),
      'end',
    );
    i = end;
  }
  return out.join('\n');
}

/**
 * The hook as fish's hook file holds it: fish tokenizes every character of a file it sources,
 * so lines that are only a comment, blank lines and indentation go (a third of its parse time
 * at start). A line that continues a quoted string or a `\` line is kept as it is.
 */
export function compactFishScript(script: string): string {
  const out: string[] = [];
  let open: "'" | '"' | undefined; // the quote a line ends inside, if any
  let continued = false;
  for (const line of script.split('\n')) {
    const kept = open !== undefined || continued ? line : line.trimStart();
    if (open === undefined && !continued && (kept === '' || kept.startsWith('#'))) continue;
    out.push(kept);
    // Where this line leaves quoting (a backslash escapes the next character in either quote).
    continued = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (open === undefined) {
        if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) break;
        if (c === '\\') {
          if (i === line.length - 1) continued = true;
          i++;
        } else if (c === "'" || c === '"') open = c;
      } else if (c === '\\') i++;
      else if (c === open) open = undefined;
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * fish's `complete` lines, one per command, option and value list, each guarded by
 * `__awscreds_at PATH` (shell/completion.fish); plus, per command path KEY,
 * `__awscreds_cmds__KEY` and `__awscreds_vals__KEY`, which that function walks the line with.
 */
function renderFishCompletionDefinitions(nodes: readonly CompletionNode[]): string {
  const q = escapeFishValue;
  const lines: string[] = [];
  for (const node of nodes) {
    const key = completionVariableKey(node.path);
    const at = `-n ${q(`__awscreds_at ${node.path.join(' ')}`.trimEnd())}`;
    lines.push(`set -g __awscreds_cmds__${key} ${node.subcommands.map((s) => q(s.name)).join(' ')}`.trimEnd());
    lines.push(`set -g __awscreds_vals__${key} ${node.options.filter((o) => o.takesValue).flatMap((o) => o.names).map(q).join(' ')}`.trimEnd());
    if (node.passThrough) lines.push(`set -g __awscreds_pass__${key} 1`);
    for (const sub of node.subcommands) lines.push(`complete -c awscreds ${at} -a ${q(sub.name)} -d ${q(firstSentence(sub.describe))}`);
    if (node.positionalChoices.length > 0) lines.push(`complete -c awscreds ${at} -a ${q(node.positionalChoices.map((c) => `${c}\\t${node.positionalName}`).join(' '))}`);
    for (const option of node.options) {
      const flags = option.names.map((n) => (n.startsWith('--') ? `-l ${q(n.slice(2))}` : `-s ${q(n.slice(1))}`)).join(' ');
      // `\t` in an -a list (fish unescapes it) gives each value its own description.
      const label = (option.names[0] ?? '').replace(/^-+/, '');
      const values = option.dynamic
        ? ` -a ${q(`(__awscreds_list ${option.dynamic})`)}`
        : option.choices.length > 0
          ? ` -a ${q(option.choices.map((c) => `${c}\\t${label}`).join(' '))}`
          : '';
      lines.push(`complete -c awscreds ${at} ${flags}${option.takesValue ? ' -x' : ''}${values} -d ${q(firstSentence(option.describe))}`);
    }
  }
  return `# Generated by awscreds from its command definitions.\n${lines.join('\n')}\n`;
}

/** fish shows descriptions in a narrow column: the text up to the first parenthesis or colon. */
function firstSentence(text: string): string {
  return text.split(/ \(|: /)[0] ?? text;
}
