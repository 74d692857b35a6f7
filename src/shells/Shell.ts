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
   * The command line that runs awscreds with `words` (quoted here) and loads the code it prints
   * into this shell, all or nothing: `eval "$(awscreds export)"`, `awscreds export | source`.
   */
  loadLine(words: readonly string[]): string;
  /**
   * What a command whose output the shell loads prints instead when it fails: code that
   * changes nothing and fails (`false`), so the load line fails too.
   */
  readonly failureOutput: string;
  /**
   * A command a message suggests, in this shell's syntax. `quote` (default: `escape`) quotes
   * each word, so a placeholder the hooks fill at the prompt can stay bare.
   */
  renderCommand(command: SuggestedCommand, quote?: (word: string) => string): string;
  /**
   * A load line as the hook's own messages write it, when the hook defines a shorter way
   * (nu: its `awscreds export` command); else the hook says `renderCommand`'s.
   */
  hookLoadLine?(words: readonly string[]): string;
  /** After `hook install`: how to have the hook in the shell the user is typing in now. */
  loadHookNow(rcFile: string): string;
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
  /** How a user sets up completion (`awscreds completion NAME` loaded in the rc file), and where: a help example. */
  readonly completionSetup: readonly [line: string, where: string];
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
   * load what it prints instead, then stop. Builtins only while the file is current. (nu, which
   * cannot load what it prints, checks in its loader instead: compactHookScript.)
   */
  hookFileGuard(check: HookFileCheck): string;
  /**
   * The hook as the hook file holds it, when the shell starts faster with a shorter text (fish:
   * no comments or indentation, and the functions only events need loaded on first call; nu:
   * the stale-file check moved from start into the loader of its classifier).
   */
  compactHookScript?(script: string, check: HookFileCheck): string;
  /** The generated part of `awscreds completion NAME`, read by shell/completion.NAME. */
  renderCompletionDefinitions(nodes: readonly CompletionNode[]): string;
}

/**
 * A command suggested in a message, as data: each shell writes it in its own syntax
 * (Shell.renderCommand), so a fix shown to a fish user is fish. Words are quoted by the shell.
 */
export type SuggestedCommand =
  /** Run awscreds with these words and load what it prints (`awscreds export --profile dev`). */
  | { readonly load: readonly string[] }
  /** Remove these variables from the shell. */
  | { readonly unset: readonly string[] }
  /** Export the variable NAME with its value from the same set (written `…`: the user fills it in). */
  | { readonly set: string }
  /** Export again these shell variables, which hold their values (what strict mode un-exported). */
  | { readonly reexport: readonly string[] }
  /** Run the command NAME itself, not the hook's guard of it, with the user's arguments (`...`). */
  | { readonly unguarded: string }
  /** Run a command, word by word. */
  | { readonly run: readonly string[] };

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

export const SHELL_NAMES = ['bash', 'zsh', 'fish', 'nu'] as const;
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
