import { accessSync, chmodSync, constants, mkdirSync, realpathSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { AwscredsError } from '../runtime/AwscredsError';
import type { Env } from '../runtime/Runtime';
import { writeFileAtomic } from '../runtime/files';
import { readPackageText } from '../runtime/packageFiles';
import { rcDirectory, type HookFileCheck, type Shell } from '../shells/Shell';

/**
 * The hook file `awscreds hook install` writes and the rc block sources:
 * `${XDG_DATA_HOME:-$HOME/.local/share}/awscreds/hook.NAME`, the path the block spells with
 * those variables (src/shells/*.ts hookLoader).
 */
export function hookFilePath(shell: Shell, home: string, env: Env): string {
  return join(rcDirectory(env, 'XDG_DATA_HOME', join(rcDirectory({ HOME: home }, 'HOME'), '.local', 'share')), 'awscreds', shell.hookFile);
}

/** The files in shell/ that a shell's hook is made of, in order: its own, then the code it shares with another shell. */
export function hookAssetFiles(shell: Shell): readonly string[] {
  return shell.hookSharedFile === undefined ? [shell.hookFile] : [shell.hookFile, shell.hookSharedFile];
}

/** The hook as the package at `packageRoot` holds it: hookAssetFiles one after the other, LF line endings. */
export function readHookAsset(shell: Shell, packageRoot: string): string {
  return hookAssetFiles(shell)
    .map((file) => readPackageText(join(packageRoot, 'shell', file)))
    .join('');
}

/** The package's files the hook file is generated from: newer than the file (an upgrade) or gone means stale. */
export function hookFileSources(shell: Shell, packageRoot: string): readonly string[] {
  return [join(packageRoot, 'dist', 'main.cjs'), ...hookAssetFiles(shell).map((file) => join(packageRoot, 'shell', file))];
}

/** The package's shell/hook.NAME, the shell's own part of its hook (fish loads its rarely used functions from it on first call). */
export function hookShellSource(shell: Shell, packageRoot: string): string {
  return join(packageRoot, 'shell', shell.hookFile);
}

/**
 * Where `name` is on PATH, spelled as bash's and fish's own lookup spell it (`DIR/name`; an
 * empty entry is the current directory). The shell passes its own spelling when it asks for
 * a rewrite (AWSCREDS_HOOK_BIN), so a different spelling costs one rewrite, never a loop.
 */
export function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const entry of (path ?? '').split(':')) {
    const dir = entry === '' ? '.' : entry;
    const candidate = dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The hook file's text: the guard that keeps it current, then the hook `awscreds hook NAME`
 * prints, made quicker to load where the shell allows: compacted (fish), or without its
 * comment lines (bash, zsh). shell/ keeps the commented sources.
 */
export function renderHookFile(shell: Shell, check: HookFileCheck, hookScript: string): string {
  const body = shell.compactHookScript ? shell.compactHookScript(hookScript, check) : shell.hookFileWithoutComments === true ? withoutCommentLines(hookScript) : hookScript;
  return `${shell.hookFileGuard(check)}${body}`;
}

/** `text` without the lines that hold only a comment (`#` after blanks at most). */
export function withoutCommentLines(text: string): string {
  return text.replace(/^[ \t]*#.*\n/gm, '');
}

/**
 * Writes the hook file atomically, 0644 less the umask (it holds no secret), never more open than the file it replaces. A shell sources it, so it is
 * code: its directory is created 0700, must be the user's (group and other write permission
 * is taken away from it), and no directory above it may be writable by others without the
 * sticky bit or belong to someone other than the user or root; otherwise nothing is written.
 */
export function writeHookFile(path: string, text: string): void {
  if (!isAbsolute(path)) throw new AwscredsError('USAGE', `the hook file "${path}" is not an absolute path; nothing was written.`, 'name the file by its absolute path.');
  const directory = dirname(path);
  const refuse = (problem: string, fix: string): AwscredsError => new AwscredsError('FILESYSTEM', `${problem}, so the hook file ${path}, which your shell runs as code, was not written.`, fix);
  const uid = process.getuid?.();
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw refuse(`${directory} could not be created (${(error as NodeJS.ErrnoException).code ?? String(error)})`, `check that ${dirname(directory)} is writable, then run the command again.`);
  }
  const real = realpathSync(directory);
  const own = statSync(real);
  if (!own.isDirectory()) throw refuse(`${directory} is not a directory`, `remove or rename ${directory}, then run the command again.`);
  if (uid !== undefined && uid !== 0 && own.uid !== uid) throw refuse(`${real} belongs to user id ${own.uid}, not to you (${uid})`, `remove ${real} (or make it yours), then run the command again.`);
  if ((own.mode & 0o022) !== 0) chmodSync(real, own.mode & 0o7755);
  for (let dir = dirname(real); ; dir = dirname(dir)) {
    const stats = statSync(dir);
    if (uid !== undefined && stats.uid !== uid && stats.uid !== 0) throw refuse(`${dir} belongs to user id ${stats.uid}, neither you nor root`, `keep the hook file in a directory of your own: set XDG_DATA_HOME (or HOME) to one, then run \`awscreds hook install\` again.`);
    if ((stats.mode & 0o002) !== 0 && (stats.mode & 0o1000) === 0) throw refuse(`${dir} is writable by every user`, `run \`chmod o-w ${dir}\` (or set XDG_DATA_HOME to a directory of your own), then run the command again.`);
    if (dir === dirname(dir)) break;
  }
  try {
    writeFileAtomic(path, text, 0o644, undefined, { honourUmask: true });
  } catch (error) {
    throw refuse(`writing it failed (${(error as NodeJS.ErrnoException).code ?? String(error)})`, `check that ${directory} is writable, then run the command again.`);
  }
}

/** Deletes the hook file, and its directory when that is left empty. True when there was a file. */
export function removeHookFile(path: string): boolean {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new AwscredsError('FILESYSTEM', `the hook file ${path} could not be deleted (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, `delete it by hand.`);
  }
  try {
    rmdirSync(dirname(path));
  } catch {
    // other files (another shell's hook) are still there
  }
  return true;
}
