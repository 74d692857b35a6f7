import { accessSync, constants, lstatSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, type Stats } from 'node:fs';
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
 * prints, made quicker to load where the shell allows: compacted (fish; nu moves its stale
 * check into its loader), and without its comment lines (bash, zsh, nu). shell/ keeps the
 * commented sources.
 */
export function renderHookFile(shell: Shell, check: HookFileCheck, hookScript: string): string {
  const compacted = shell.compactHookScript ? shell.compactHookScript(hookScript, check) : hookScript;
  const body = shell.hookFileWithoutComments === true ? withoutCommentLines(compacted) : compacted;
  return `${shell.hookFileGuard(check)}${body}`;
}

/** `text` without the lines that hold only a comment (`#` after blanks at most). */
export function withoutCommentLines(text: string): string {
  return text.replace(/^[ \t]*#.*\n/gm, '');
}

/**
 * Writes the hook file atomically, 0644 less the umask (it holds no secret), never more open
 * than the file it replaces. A shell sources it at every
 * start, so it is trusted as the code cache is (src/runtime/privateCache.ts): every directory
 * the shell traverses to reach it, as the path spells it (a symbolic link and its target
 * both), from its own up to `home` (or `/` for a file outside it), must belong to the user or
 * root and be writable by no group or other user. That is checked before anything is created;
 * missing directories are then made 0700. Root writing into another user's home (sudo keeping
 * HOME) is refused: the directories would be root's, and the user could not add to them.
 */
export function writeHookFile(path: string, text: string, home: string): void {
  if (!isAbsolute(path)) throw new AwscredsError('USAGE', `the hook file "${path}" is not an absolute path; nothing was written.`, 'name the file by its absolute path.');
  const directory = dirname(path);
  const refuse = (problem: string, fix: string): AwscredsError => new AwscredsError('FILESYSTEM', `${problem}, so the hook file ${path}, which your shell runs as code, was not written.`, fix);
  const uid = process.getuid?.() ?? -1; // -1: no owners to compare (not POSIX): only what is missing
  const missing: string[] = [];
  for (const dir of traversedDirectories(directory, home)) {
    const problem = untrustedDirectory(dir, uid);
    if (problem === 'missing') {
      missing.push(dir);
      continue;
    }
    if (problem === undefined) continue;
    if (problem.kind === 'other-root') throw refuse(`${dir} belongs to user id ${problem.owner}, and you are root`, `run \`awscreds hook install\` as that user (without sudo).`);
    if (problem.kind === 'owner') throw refuse(`${dir} belongs to user id ${problem.owner}, neither you nor root`, `keep the hook file in a directory of your own: set XDG_DATA_HOME (or HOME) to one, then run \`awscreds hook install\` again.`);
    if (problem.kind === 'not-directory') throw refuse(`${dir} is not a directory`, `remove or rename ${dir}, then run the command again.`);
    if (problem.kind === 'writable') throw refuse(`${dir} is writable by ${problem.by}`, `run \`chmod go-w ${dir}\` (or set XDG_DATA_HOME to a directory of your own), then run the command again.`);
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw refuse(`${dir} could not be created (${(error as NodeJS.ErrnoException).code ?? String(error)})`, `check that ${dirname(dir)} is writable, then run the command again.`);
    }
    // As it is now, whoever made it (one made meanwhile by someone else is refused).
    const made = untrustedDirectory(dir, uid);
    if (made !== undefined) throw refuse(`${dir} changed while it was being created`, 'run the command again.');
  }
  try {
    writeFileAtomic(path, text, 0o644, undefined, { honourUmask: true });
  } catch (error) {
    throw refuse(`writing it failed (${(error as NodeJS.ErrnoException).code ?? String(error)})`, `check that ${directory} is writable, then run the command again.`);
  }
}

/** `directory` and each directory above it up to `home` when it is inside `home`, else up to `/`; spelled as given (no symbolic link resolved). */
function traversedDirectories(directory: string, home: string): string[] {
  const top = home !== '' && isAbsolute(home) && (directory === home || directory.startsWith(`${home.replace(/\/+$/, '')}/`)) ? home.replace(/\/+$/, '') || '/' : '/';
  const chain: string[] = [];
  for (let dir = directory; ; dir = dirname(dir)) {
    chain.push(dir);
    if (dir === top || dir === dirname(dir)) return chain;
  }
}

type DirectoryProblem = 'missing' | { kind: 'owner' | 'other-root'; owner: number } | { kind: 'not-directory' } | { kind: 'writable'; by: 'group' | 'others' };


/** Why the shell must not traverse `dir` (as a link, then as what it names) to code it runs, or undefined. */
function untrustedDirectory(dir: string, uid: number): DirectoryProblem | undefined {
  let link: Stats;
  let target: Stats;
  try {
    link = lstatSync(dir);
    target = statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  if (!target.isDirectory()) return { kind: 'not-directory' };
  if (uid < 0) return undefined;
  for (const stats of link.isSymbolicLink() ? [link, target] : [target]) {
    if (stats.uid !== uid && stats.uid !== 0) return { kind: uid === 0 ? 'other-root' : 'owner', owner: stats.uid };
  }
  if ((target.mode & 0o022) !== 0) return { kind: 'writable', by: (target.mode & 0o002) !== 0 ? 'others' : 'group' };
  return undefined;
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
