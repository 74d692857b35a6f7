/** What a block of shell code must do to the environment, in order: unset first, then set. */
export interface EnvChanges {
  readonly unset: readonly string[];
  readonly set: ReadonlyArray<readonly [name: string, value: string]>;
}

/** One shell awscreds can drive (direnv's model: hook, export, escape). */
export interface Shell {
  readonly name: ShellName;
  /**
   * One compound command, parsed whole before any of it runs, so that text cut short at any
   * byte changes nothing. LF line endings only, ending in a newline.
   */
  renderChanges(changes: EnvChanges): string;
  /** A value quoted so that the shell reads it back byte for byte and runs nothing. */
  escape(value: string): string;
  /** The file in shell/ that holds this shell's prompt hook. */
  readonly hookFile: string;
}

export const SHELL_NAMES = ['bash', 'zsh', 'fish'] as const;
export type ShellName = (typeof SHELL_NAMES)[number];
