import type { Options } from 'yargs';
import type { CliContext, CommandResult } from './CliContext';

export type OptionTable = Readonly<Record<string, Options>>;

/**
 * One awscreds command. `options` is the single description of its flags: yargs builds help,
 * validation and completion from it, and the fast path parses `export` with it too.
 */
export interface CommandModule {
  /** yargs command string, e.g. 'export' or 'hook [shell]'. */
  readonly command: string;
  readonly describe: string;
  readonly options: OptionTable;
  readonly positionals?: Readonly<Record<string, import('yargs').PositionalOptions>>;
  readonly examples?: ReadonlyArray<readonly [command: string, description: string]>;
  /**
   * Output meant for `eval` / `source`: on any failure stdout must be exactly `false` so the
   * shell's evaluation fails and changes nothing.
   */
  readonly evalOutput?: boolean;
  /** Sub-commands (e.g. `hook install`), parsed by yargs the same way. */
  readonly subcommands?: readonly CommandModule[];
  run(args: ParsedArgs, context: CliContext): Promise<CommandResult>;
}

export type ParsedArgs = Readonly<Record<string, unknown>> & { readonly _: ReadonlyArray<string | number> };
