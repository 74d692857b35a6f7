import type { Argv } from 'yargs';
import { exitCodeOf } from '../runtime/exitCodes';
import type { Runtime } from '../runtime/Runtime';
import type { CommandModule, CommandResult, ParsedArgs } from './CommandModule';
import { restoreQuotedValues } from './parseFastPath';

/**
 * The full parser: help, version, sub-commands, suggestions and usage errors. Loaded only
 * when the fast path cannot handle an invocation.
 */
export function parseWithYargs(argv: readonly string[], context: Runtime, commands: readonly CommandModule[]): { command: CommandModule; args: ParsedArgs } | CommandResult {
  const yargsFactory = require('yargs/yargs') as (args: string[]) => Argv;
  let chosen: { command: CommandModule; args: ParsedArgs } | undefined;
  let failure: string | undefined;
  let suggestion: string | undefined;
  let output = '';

  const parser = yargsFactory([...argv])
    .scriptName('awscreds')
    .usage('awscreds: AWS credentials that cannot be half-exported.\n\nUsage: $0 <command> [options]')
    .version(context.version)
    .help()
    .alias('h', 'help')
    // Taken out of argv before parsing (splitDebugFlag); declared here for help and strict mode.
    .option('debug', { type: 'boolean', global: true, describe: 'Log requests and cache decisions to stderr (secrets redacted)' })
    .strict()
    .recommendCommands()
    .demandCommand(1, 'Name a command, e.g. `awscreds export --profile dev`.')
    .wrap(helpWidth(context))
    .exitProcess(false)
    // Arguments stay strings: `awscreds exec -- printf 0x10` must pass "0x10", not 16.
    .parserConfiguration({ 'parse-positional-numbers': false })
    .fail((message, error) => {
      // yargs writes some messages over several lines; the contract is one line, then the fix.
      // For a mistyped command it fails twice, "Did you mean export?" then strict mode's
      // "Unknown argument: exprot": the suggestion is the one to keep.
      const text = (message ?? error?.message ?? 'invalid usage').replace(/\s*\n\s*/g, ' ');
      const suggested = /^Did you mean (\S+)\?$/.exec(text);
      if (suggested) suggestion = suggested[1];
      else failure = text;
    });
  for (const command of commands) register(parser, command, (c, a) => (chosen = { command: c, args: a }), argv);
  parser.parse([...argv], {}, (_error, _args, text) => {
    output = text;
  });

  if (suggestion !== undefined) {
    const { path, unknown } = commandPath(argv, commands);
    const meant = [...path, suggestion].join(' ');
    context.log(`awscreds: unknown command "${unknown}"; did you mean "${meant}"?\n  fix: run \`awscreds ${meant} --help\` to see what it does, or \`awscreds ${path.length > 0 ? `${path.join(' ')} ` : ''}--help\` for the commands.`);
    return { stdout: '', exitCode: exitCodeOf('USAGE') };
  }
  if (failure !== undefined) {
    const known = commands.some((c) => c.command.split(' ')[0] === argv[0]);
    context.log(`awscreds: ${failure}\n  fix: see \`awscreds ${known ? `${argv[0]} ` : ''}--help\` for the ${known ? 'options' : 'commands'}.`);
    return { stdout: '', exitCode: exitCodeOf('USAGE') };
  }
  if (chosen) {
    restoreQuotedValues(argv.slice(argv.indexOf(chosen.command.command.split(' ')[0] ?? '') + 1), chosen.command.options, chosen.args as Record<string, unknown>);
    // yargs gives an array for an option given twice and `false` for `--no-NAME`; a string or
    // number option takes one value (the fast path gives up on the same cases).
    for (const [key, option] of Object.entries(chosen.command.options)) {
      const value = chosen.args[key];
      if (value === undefined || (option.type !== 'string' && option.type !== 'number')) continue;
      if (Array.isArray(value) || typeof value !== option.type) {
        context.log(`awscreds: --${key} ${Array.isArray(value) ? 'was given more than once' : 'takes a value'}.\n  fix: give --${key} once, with one value; see \`awscreds ${argv[0] ?? ''} --help\` for the options.`);
        return { stdout: '', exitCode: exitCodeOf('USAGE') };
      }
    }
    return chosen;
  }
  return { stdout: output === '' ? '' : `${output}\n`, exitCode: 0 };
}

/** The (sub-)commands the words of argv name, and the first word that names none. */
function commandPath(argv: readonly string[], commands: readonly CommandModule[]): { path: string[]; unknown: string } {
  const path: string[] = [];
  let level = commands;
  for (const word of argv.filter((a) => !a.startsWith('-'))) {
    const command = level.find((c) => c.command.split(' ')[0] === word);
    if (!command) return { path, unknown: word };
    path.push(word);
    level = command.subcommands ?? [];
  }
  return { path, unknown: '' };
}

/**
 * Help is wrapped to the terminal it is read on (asked of the terminal: bash and zsh do not
 * export $COLUMNS), else $COLUMNS, else 80; never wider than 120, where lines get hard to read.
 */
function helpWidth(context: Runtime): number {
  const columns = context.terminalColumns() ?? (Number(context.env.COLUMNS) || 80);
  return Math.max(40, Math.min(120, columns));
}

function register(parser: Argv, command: CommandModule, choose: (command: CommandModule, args: ParsedArgs) => void, rest: readonly string[]): void {
  const name = command.command.split(' ')[0];
  const after = rest[0] === name ? rest.slice(1) : [];
  // yargs runs a parent's builder before its sub-command's: when a sub-command is named, the
  // parent's positionals would be taken for the sub-command's (`hook install --shell`).
  const subNamed = (command.subcommands ?? []).some((sub) => sub.command.split(' ')[0] === after[0]);
  parser.command(
    command.command,
    command.describe,
    (y) => {
      y.options(command.options as Record<string, import('yargs').Options>);
      if (!subNamed) {
        for (const [positionalName, positional] of Object.entries(command.positionals ?? {})) y.positional(positionalName, positional);
        for (const [example, description] of command.examples ?? []) y.example(example, description);
      }
      for (const sub of command.subcommands ?? []) register(y, sub, choose, after);
      return y;
    },
    (args) => choose(command, args as ParsedArgs),
  );
}
