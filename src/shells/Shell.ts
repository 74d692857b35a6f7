import { isAbsolute } from 'node:path';
import type { CompletionNode } from '../completion/completionModel';
import { AwscredsError } from '../runtime/AwscredsError';
import type { Env } from '../runtime/Runtime';

/** What a block of shell code must do to the environment, in order: unset first, then set. */
export interface EnvChanges {
  readonly unset: readonly string[];
  readonly set: ReadonlyArray<readonly [name: string, value: string]>;
}

/**
 * One shell awscreds can drive (direnv's model). A file per shell implements all of it, with
 * its assets in shell/ (hook.NAME, completion.NAME); adding a shell is that file, its assets
 * and a line in registry.ts, and a method left out is a compile error.
 */
export interface Shell {
  readonly name: ShellName;
  /**
   * One compound command, parsed whole before any of it runs, so that text cut short at any
   * byte changes nothing. LF line endings only, ending in a newline.
   */
  renderChanges(changes: EnvChanges): string;
  /** A value quoted so that the shell reads it back byte for byte and runs nothing. */
  escape(value: string): string;
  /**
   * Shell-global variables, left unexported (even under `set -a`): how the hook's generated
   * definitions are written. The hook drops any exported `_awscreds_*` as injected.
   */
  renderDefinitions(variables: ReadonlyArray<readonly [name: string, value: string]>): string;
  /** The file in shell/ that holds this shell's prompt hook. */
  readonly hookFile: string;
  /**
   * A file in shell/ with hook code this shell shares with another (bash and zsh), which the
   * hook continues with: the hook is hookFile, then this file, as one text.
   */
  readonly hookSharedFile?: string;
  /**
   * True when no line of the hook can be inside a multi-line string, so the hook file leaves
   * out the lines that hold only a comment: less for the shell to parse at every start.
   */
  readonly hookFileWithoutComments?: boolean;
  /** The file in shell/ that holds this shell's completion functions. */
  readonly completionFile: string;
  /** The file the shell reads at every interactive start, where `hook install` puts its block. */
  rcFile(home: string, env: Env): string;
  /**
   * The rc block's lines: source the hook file (`${XDG_DATA_HOME:-$HOME/.local/share}/awscreds/hook.NAME`,
   * spelled with variables so a synced dotfile works on any machine) when it is readable; else,
   * when awscreds is on PATH, have it write the file and load the hook; else nothing. Builtins
   * only on the common path: no process is started.
   */
  hookLoader(): readonly string[];
  /**
   * The lines at the top of the hook file: when awscreds is gone, stop (no hook, no output);
   * when the file no longer matches the awscreds on PATH (another PATH entry, or it or one of
   * `check.sources` is newer than the file or gone), have that awscreds rewrite the file and
   * load what it prints instead, then stop. Builtins only while the file is current.
   */
  hookFileGuard(check: HookFileCheck): string;
  /**
   * The hook as the hook file holds it, when the shell starts faster with a shorter text (fish:
   * no comments or indentation, and the functions only events need loaded on first call).
   */
  compactHookScript?(script: string, check: HookFileCheck): string;
  /** The generated part of `awscreds completion NAME`, read by shell/completion.NAME. */
  renderCompletionDefinitions(nodes: readonly CompletionNode[]): string;
}

/** What the hook file was generated from, recorded in it so each shell start can tell it is current. */
export interface HookFileCheck {
  /** The version of awscreds that wrote the file (a comment, for people reading it). */
  readonly version: string;
  /** The hook file's own absolute path. */
  readonly file: string;
  /** The awscreds on PATH the file was written for, spelled as the shell's own lookup spells it. */
  readonly bin: string;
  /** Files of the package that wrote it (its bundle, the hook's files in shell/): newer or gone means stale. */
  readonly sources: readonly string[];
  /** The package's shell/hook.NAME the hook was read from (one of `sources`): fish loads the functions only events need from it on first call. */
  readonly shellSource?: string;
}

export const SHELL_NAMES = ['bash', 'zsh', 'fish'] as const;
export type ShellName = (typeof SHELL_NAMES)[number];

/**
 * The directory an rc file lives in: `$variable` when set, else `fallback`. A relative one
 * (`ZDOTDIR=.`, `XDG_CONFIG_HOME=cfg`, a relative HOME) would put the file wherever the
 * command happens to run, so it is refused rather than written under the current directory.
 */
export function rcDirectory(env: Env, variable: 'HOME' | 'ZDOTDIR' | 'XDG_CONFIG_HOME' | 'XDG_DATA_HOME', fallback?: string): string {
  const value = env[variable] || fallback;
  const named = env[variable] ? variable : 'HOME';
  if (value === undefined || !isAbsolute(value)) {
    throw new AwscredsError('CONFIG', `$${named} is "${value ?? ''}", not an absolute path, so awscreds cannot tell where your rc file is; nothing was written.`, `set ${named} to an absolute path${named === 'HOME' ? '' : ' (or unset it)'}, then run the command again.`);
  }
  return value;
}
