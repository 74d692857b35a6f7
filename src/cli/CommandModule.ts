import type { CommandDescription, OptionTable } from '../completion/completionModel';
import type { Runtime } from '../runtime/Runtime';

export type { OptionTable };

/**
 * One awscreds command. `options` is the single description of its flags: yargs builds help,
 * validation and completion from it, and the fast path parses `export` with it too.
 */
export interface CommandModule extends CommandDescription {
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
  /**
   * The command's adapter: options in, a result out. Heavy domain code is loaded with
   * `await import()` inside it, so that the build puts it in a bundle of its own (dist/lazy/)
   * and `export`, the hot path, never loads it.
   */
  run(args: ParsedArgs, context: CommandContext): Promise<CommandResult>;
}

export type ParsedArgs = Readonly<Record<string, unknown>> & { readonly _: ReadonlyArray<string | number> };

export interface CommandResult {
  readonly stdout: string;
  readonly exitCode: number;
  /** The exit code is a child's status (`awscreds exec`): passed through even after Ctrl-C. */
  readonly childStatus?: boolean;
}

/** What a command runs with: the process (Runtime) and the list of commands (for completion and help). */
export interface CommandContext extends Runtime {
  readonly commands: readonly CommandModule[];
}
