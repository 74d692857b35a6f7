import { completionVariableKey, type CompletionNode } from '../completion/completionModel';
import { join } from 'node:path';
import { rcDirectory, type EnvChanges, type HookFileCheck, type Shell, type SuggestedCommand } from './Shell';

/**
 * The first line of what awscreds prints for nushell: a syntax error to bash, zsh, sh (`(`
 * after a command word) and fish (`${`), which parse it before running any of it, so a nu
 * block read by them (`eval "$(…)"`, `| source`) runs nothing and prints no value. nu does not
 * run it: its load line keeps only the last line, the JSON record.
 */
export const NU_GUARD = 'begin; true (true) "${0}"; end # nushell data: bash, zsh, fish and sh stop here, before running any of it';

/**
 * How nu loads what `awscreds ARGS` prints: the last line, a JSON record, applied by load-env
 * in one step. `from json` refuses a record cut short, so nothing is applied; a variable to
 * clear is null there (external commands no longer see it; the hook's `awscreds` command
 * removes it with hide-env). `^` runs the executable, not the hook's command of that name.
 */
const LOAD_PIPELINE = 'lines | last | from json | load-env';

/** The commands shell/hook.nu defines in place of the executable's (`def --wrapped "awscreds export"`): they apply what they print. */
export const NU_HOOK_COMMANDS: readonly string[] = ['export', 'unset'];

// Bare words nu passes to a command as they are: no `$`, quotes, parentheses, braces, blanks,
// no leading digit (a number or file size) or dash (a flag).
const BARE = /^[A-Za-z_][A-Za-z0-9._/@+-]*$/;

/**
 * A nu string literal that reads back byte for byte: double quotes (nu interpolates only
 * `$"…"`), `"` and `\` escaped, and every character outside printable ASCII as `\u{HEX}`, so
 * the text stays one line of ASCII.
 */
export function escapeNuValue(value: string): string {
  if (value !== '' && BARE.test(value) && !['true', 'false', 'null'].includes(value)) return value;
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else out += `\\u{${code.toString(16)}}`;
  }
  return `${out}"`;
}

/** A JSON string with every character but letters and digits as `\uXXXX`: nothing in it means anything to a shell. */
function jsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    out += /[A-Za-z0-9]/.test(char) ? char : `\\u${value.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** A suggested command in nu syntax. */
function renderNuCommand(command: SuggestedCommand, quote: (word: string) => string): string {
  if ('load' in command) return `${['^awscreds', ...command.load.map(quote)].join(' ')} | ${LOAD_PIPELINE}`;
  if ('unset' in command) return `hide-env ${command.unset.map(quote).join(' ')}`;
  if ('set' in command) return `$env.${command.set} = …`;
  if ('reexport' in command) return `awscreds release ${command.reexport.map(quote).join(' ')}`;
  if ('unguarded' in command) return `^${quote(command.unguarded)} ...`;
  return `^${command.run.map(quote).join(' ')}`;
}

export const nu: Shell = {
  name: 'nu',
  loadLine: (words) => renderNuCommand({ load: words }, escapeNuValue),
  failureOutput: `${NU_GUARD}\n`,
  renderCommand: (command, quote = escapeNuValue) => renderNuCommand(command, quote),
  // The hook defines `awscreds export` and `awscreds unset`, which apply what they print.
  hookLoadLine: (words) => ['awscreds', ...words].join(' '),
  loadHookNow: () => 'to have it in this one, run `exec nu` (nu reads autoload only at start)',
  hookFile: 'hook.nu',
  // Its one multi-line string, `_awscreds_later`, is code too: the file leaves out comment lines.
  hookFileWithoutComments: true,
  completionFile: 'completion.nu',
  completionSetup: ['awscreds completion nu | save -f ($nu.default-config-dir | path join autoload awscreds-completion.nu)', 'once'],
  escape: escapeNuValue,
  renderChanges(changes: EnvChanges): string {
    const entries = [...changes.unset.map((name) => `"${name}":null`), ...changes.set.map(([name, value]) => `"${name}":${jsonString(value)}`)];
    return `${NU_GUARD}\n{${entries.join(',')}}\n`;
  },
  // One constant record: nu has no other shell-global variables, and a constant is never
  // passed to a command.
  renderDefinitions: (variables) => `const _awscreds_defs = {\n${variables.map(([name, value]) => `  ${name}: ${escapeNuValue(value)}`).join('\n')}\n}\n`,
  // A file of our own in nu's autoload directory, which nu sources by itself at start.
  rcFile: (home, env) => join(rcDirectory(env, 'XDG_CONFIG_HOME', join(rcDirectory({ HOME: home }, 'HOME'), '.config')), 'nushell', 'autoload', 'awscreds.nu'),
  // nu sources only files known when it parses: the path is a constant ($nu.data-dir is
  // ${XDG_DATA_HOME:-~/.local/share}/nushell), and `source null` does nothing. Without the
  // file, an awscreds on PATH writes it, for the next start.
  hookLoader: () => [
    'const __awscreds_hook_file = ($nu.data-dir | path dirname | path join awscreds hook.nu)',
    'source (if ($__awscreds_hook_file | path exists) { $__awscreds_hook_file } else { null })',
    'if not ($__awscreds_hook_file | path exists) and (which -a awscreds | where type == external | is-not-empty) {',
    '    ^awscreds hook nu --file $__awscreds_hook_file | ignore',
    '}',
  ],
  hookFileGuard: (check) => renderNuHookFileHeader(check),
  compactHookScript: (script, check) => withStaleCheckInLoader(script, check),
  renderCompletionDefinitions: (nodes) => renderNuCompletionDefinitions(nodes),
};

/** The top of nu's hook file: what it is. Its check that it is current is in the loader (withStaleCheckInLoader). */
function renderNuHookFileHeader(check: HookFileCheck): string {
  return [
    `# awscreds ${check.version}: the nushell prompt hook, written by \`awscreds hook install\` for autoload/awscreds.nu.`,
    '# Do not edit: awscreds rewrites it whenever it no longer matches the awscreds on PATH.',
    '',
  ].join('\n');
}

/** Where shell/hook.nu's loader string begins: the code nu parses at the first command line. */
const LOADER_START = "const _awscreds_later = r#'\n";

/**
 * The hook with the check that its file is current at the top of the loader string: nu parses
 * a file whole before running it, so a stale file cannot be replaced in the shell that reads
 * it, and the check (a `which` and an `ls` per file, about 3 ms at start) runs when the loader
 * does, at the first command line or the first prompt with a credential set. A stale file is
 * rewritten by the awscreds on PATH for the next start, said once; a file gone since (an
 * uninstall) is left gone; no error in the check stops the loader. The text holds no `'`, so
 * it cannot end the raw string (`'#`).
 */
function withStaleCheckInLoader(script: string, check: HookFileCheck): string {
  const at = script.indexOf(LOADER_START);
  if (at < 0) throw new Error('the nu hook has no loader string (`const _awscreds_later = r#\'`) to hold the stale-file check');
  const q = (value: string): string => escapeNuValue(value).replace(/'/g, '\\u{27}');
  const staleCheck = [
    'do {',
    `    let file = ${q(check.file)}`,
    '    let bin = (which -a awscreds | where type == external | get -o 0.path)',
    `    let sources = [${check.sources.map(q).join(' ')}]`,
    '    let stale = $bin != null and ($file | path exists) and (try {',
    '        let written = (ls -D $file | get 0.modified)',
    `        $bin != ${q(check.bin)} or ($sources | append $bin | any {|f| not ($f | path exists) or ((ls -D $f | get 0.modified) > $written) })`,
    '    } catch { false })',
    '    if $stale {',
    '        let rewrite = (with-env {AWSCREDS_HOOK_BIN: $bin} { ^awscreds hook nu --file $file | complete })',
    '        print -e (if $rewrite.exit_code == 0 { "awscreds: rewrote the nushell hook for the awscreds on PATH; run: exec nu" } else { "awscreds: could not rewrite the stale nushell hook; run: awscreds hook install" })',
    '    }',
    '}',
    '',
  ].join('\n');
  const split = at + LOADER_START.length;
  return `${script.slice(0, split)}${staleCheck}${script.slice(split)}`;
}

/**
 * nu completes external commands from `extern` signatures: one per command path, with its
 * options (a value list from `awscreds completion --list`) and positional choices.
 */
function renderNuCompletionDefinitions(nodes: readonly CompletionNode[]): string {
  const q = escapeNuValue;
  const lines: string[] = ['# Generated by awscreds from its command definitions.'];
  for (const node of nodes) {
    const key = completionVariableKey(node.path) || 'root';
    const params: string[] = [];
    for (const option of node.options) {
      const short = option.names.find((n) => /^-[A-Za-z]$/.test(n));
      const completer = option.dynamic ? `@"nu-complete awscreds ${option.dynamic}"` : option.choices.length > 0 ? `@[${option.choices.map(q).join(' ')}]` : '';
      // Every long spelling (`--cache`, `--no-cache`); the short one goes with the first.
      option.names.filter((n) => n.startsWith('--')).forEach((long, i) => {
        params.push(`    ${long}${short === undefined || i > 0 ? '' : `(${short})`}${option.takesValue ? `: string${completer}` : ''}`);
      });
    }
    const choices = [...node.subcommands.map((s) => s.name), ...node.positionalChoices];
    if (node.positionalChoices.length > 0) params.push(`    ${node.positionalName || 'value'}?: string@[${choices.map(q).join(' ')}]`);
    if (node.passThrough) params.push('    ...command: string');
    lines.push(`# ${key}`, `export extern ${q(['awscreds', ...node.path].join(' '))} [`, ...params, ']');
  }
  // The same options once more, as data: the hook's own `awscreds export` and `awscreds unset`
  // replace these externs, and their completer (shell/completion.nu) reads them here.
  lines.push('# The options of the commands the hook defines, for their completer.', 'const _awscreds_hook_command_options = {');
  for (const node of nodes.filter((n) => NU_HOOK_COMMANDS.includes(n.path.join(' ')))) {
    const options = node.options.map((o) => `{names: [${o.names.map(q).join(' ')}], describe: ${q(o.describe)}, takes_value: ${String(o.takesValue)}, choices: [${o.choices.map(q).join(' ')}], dynamic: ${o.dynamic === undefined ? 'null' : q(o.dynamic)}}`);
    lines.push(`    ${q(['awscreds', ...node.path].join(' '))}: [`, ...options.map((o) => `        ${o}`), '    ]');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
