import parseArgs from 'yargs-parser';
import type { CommandModule, OptionTable, ParsedArgs } from './CommandModule';

/**
 * Parses a plain invocation of a command without loading yargs (tens of milliseconds of
 * start-up that `eval "$(awscreds export)"` in every new terminal should not pay). It uses
 * yargs' own parser with the command's option table, and gives up, returning undefined, on
 * anything that needs yargs: help, version, unknown options or positionals, bad choices.
 * The caller then lets yargs handle the invocation, errors and messages included.
 */
export function parseFastPath(argv: readonly string[], commands: readonly CommandModule[]): { command: CommandModule; args: ParsedArgs } | undefined {
  const command = commands.find((c) => c.command.split(' ')[0] === argv[0]);
  if (!command) return undefined;
  const sub = command.subcommands?.find((c) => c.command.split(' ')[0] === argv[1]);
  if (sub) return parseFastPath(argv.slice(1), [sub]);
  const table: OptionTable = command.options;
  const parsed = parseArgs(argv.slice(1), {
    boolean: keysWhere(table, (o) => o.type === 'boolean'),
    string: keysWhere(table, (o) => o.type === 'string'),
    number: keysWhere(table, (o) => o.type === 'number'),
    array: keysWhere(table, (o) => o.type === 'array'),
    alias: Object.fromEntries(Object.entries(table).filter(([, o]) => o.alias !== undefined).map(([k, o]) => [k, o.alias as string | string[]])),
    default: Object.fromEntries(Object.entries(table).filter(([, o]) => o.default !== undefined).map(([k, o]) => [k, o.default])),
    configuration: { 'strip-dashed': false },
  });
  // Optional positionals (`hook [shell]`) are filled in order, as yargs would.
  const positionals = Object.entries(command.positionals ?? {});
  if (parsed._.length > positionals.length) return undefined;
  for (const [index, value] of parsed._.entries()) {
    const [name, positional] = positionals[index] as (typeof positionals)[number];
    if (positional.choices && !positional.choices.includes(value)) return undefined;
    parsed[name] = String(value);
  }
  parsed._ = [];
  const known = new Set<string>(['_', '$0', ...positionals.map(([name]) => name)]);
  for (const [key, option] of Object.entries(table)) {
    known.add(key);
    known.add(camelCase(key));
    for (const alias of ([] as string[]).concat((option.alias as string | string[] | undefined) ?? [])) known.add(alias);
  }
  for (const key of Object.keys(parsed)) if (!known.has(key)) return undefined; // help, version, typos
  for (const [key, option] of Object.entries(table)) {
    const value = parsed[key];
    if (option.choices && value !== undefined && !option.choices.includes(value)) return undefined;
    if (option.type === 'number' && value !== undefined && Number.isNaN(value)) return undefined;
    if ((option.type === 'string' || option.type === 'number') && Array.isArray(value)) return undefined;
    if (option.type === 'string' && value !== undefined && typeof value !== 'string') return undefined; // --no-profile
  }
  restoreQuotedValues(argv.slice(1), table, parsed);
  return { command, args: parsed as ParsedArgs };
}

/**
 * yargs-parser strips one pair of quotes from a value given as `--name='…'` (or `"…"`) in a
 * single argument, so a profile literally named `'dev'` would become `dev`: a different
 * profile. The shell has already removed the quotes a user typed; what remains is the name.
 * Puts the value back as written, for string options, under every key yargs set.
 */
export function restoreQuotedValues(argv: readonly string[], table: OptionTable, parsed: Record<string, unknown>): void {
  const end = argv.indexOf('--');
  for (const arg of end === -1 ? argv : argv.slice(0, end)) {
    const match = /^--?([^=]+)=(['"])(.*)\2$/s.exec(arg);
    if (!match) continue;
    const [, given = '', quote = '', inner = ''] = match;
    const entry = Object.entries(table).find(([key, option]) => key === given || ([] as string[]).concat((option.alias as string | string[] | undefined) ?? []).includes(given));
    if (!entry || entry[1].type !== 'string') continue;
    const [key, option] = entry;
    const value = `${quote}${inner}${quote}`;
    for (const name of [key, camelCase(key), ...([] as string[]).concat((option.alias as string | string[] | undefined) ?? [])]) parsed[name] = value;
  }
}

function keysWhere(table: OptionTable, keep: (option: OptionTable[string]) => boolean): string[] {
  return Object.entries(table).filter(([, o]) => keep(o)).map(([k]) => k);
}

function camelCase(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
