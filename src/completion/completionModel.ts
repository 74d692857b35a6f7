import type { Options, PositionalOptions } from 'yargs';

/** A command's flags, in yargs' terms: the one description help, parsing and completion read. */
export type OptionTable = Readonly<Record<string, Options>>;

/** What completion needs of a command: the command layer's CommandDescription is one. */
export interface CommandDescription {
  readonly command: string;
  readonly describe: string;
  readonly options: OptionTable;
  readonly positionals?: Readonly<Record<string, PositionalOptions>>;
  readonly subcommands?: readonly CommandDescription[];
}

/** Where an option's values come from when they are not a fixed list. */
export type DynamicValues = 'profiles' | 'sso-sessions';

export interface CompletionOption {
  /** Every spelling: `--profile`, `-p`; `--cache` and `--no-cache` for a boolean on by default. */
  readonly names: readonly string[];
  readonly describe: string;
  readonly takesValue: boolean;
  readonly choices: readonly string[];
  readonly dynamic?: DynamicValues;
}

export interface CompletionNode {
  /** Command words from the top: [] for `awscreds` itself, ['hook', 'install']. */
  readonly path: readonly string[];
  readonly describe: string;
  readonly options: readonly CompletionOption[];
  readonly subcommands: ReadonlyArray<{ readonly name: string; readonly describe: string }>;
  /** Fixed values of the command's positional argument (e.g. the shell of `hook`), and its name. */
  readonly positionalChoices: readonly string[];
  readonly positionalName: string;
  /** After `--` comes a command of its own (`exec`). */
  readonly passThrough: boolean;
}

const DYNAMIC: Readonly<Record<string, DynamicValues>> = { profile: 'profiles', 'sso-session': 'sso-sessions' };
const PASS_THROUGH: ReadonlySet<string> = new Set(['exec']);
const HELP: CompletionOption = { names: ['--help', '-h'], describe: 'Show help', takesValue: false, choices: [] };
const DEBUG: CompletionOption = { names: ['--debug'], describe: 'Log requests and cache decisions to stderr (secrets redacted)', takesValue: false, choices: [] };
const VERSION: CompletionOption = { names: ['--version'], describe: 'Show the version', takesValue: false, choices: [] };

/**
 * What the completion scripts offer, derived from the command modules (their option tables are
 * the single description of every flag): one node per command and sub-command, the top first.
 */
export function completionModel(commands: readonly CommandDescription[]): CompletionNode[] {
  const nodes: CompletionNode[] = [
    { path: [], describe: 'awscreds', options: [HELP, DEBUG, VERSION], subcommands: commands.map(subcommandEntry), positionalChoices: [], positionalName: '', passThrough: false },
  ];
  const visit = (command: CommandDescription, parent: readonly string[]): void => {
    const name = commandName(command);
    const path = [...parent, name];
    nodes.push({
      path,
      describe: command.describe,
      options: [...optionsOf(command.options), HELP, DEBUG],
      subcommands: (command.subcommands ?? []).map(subcommandEntry),
      positionalChoices: Object.values(command.positionals ?? {}).flatMap((p) => (p.choices ?? []).map(String)),
      positionalName: Object.keys(command.positionals ?? {}).join(' or '),
      passThrough: parent.length === 0 && PASS_THROUGH.has(name),
    });
    for (const sub of command.subcommands ?? []) visit(sub, path);
  };
  for (const command of commands) visit(command, []);
  return nodes;
}

function commandName(command: CommandDescription): string {
  return command.command.split(' ')[0] ?? command.command;
}

function subcommandEntry(command: CommandDescription): { name: string; describe: string } {
  return { name: commandName(command), describe: command.describe };
}

function optionsOf(table: OptionTable): CompletionOption[] {
  return Object.entries(table).map(([key, option]) => {
    const aliases = ([] as string[]).concat((option.alias as string | string[] | undefined) ?? []).map((a) => (a.length === 1 ? `-${a}` : `--${a}`));
    const isBoolean = option.type === 'boolean';
    const names = isBoolean && option.default === true ? [`--${key}`, `--no-${key}`, ...aliases] : [`--${key}`, ...aliases];
    const dynamic = DYNAMIC[key];
    const base = { names, describe: option.describe ?? '', takesValue: !isBoolean, choices: (option.choices ?? []).map(String) };
    return dynamic ? { ...base, dynamic } : base;
  });
}

/**
 * A command path or option name as part of a shell variable name: `hook install` → `hook__install`,
 * `--min-ttl` → `min_ttl`. Names are letters, digits and dashes, so keys cannot collide.
 */
export function completionVariableKey(words: readonly string[]): string {
  return words.map((w) => w.replace(/^-+/, '').replace(/-/g, '_')).join('__');
}
