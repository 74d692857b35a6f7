import { accessSync, constants, lstatSync, realpathSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AwscredsError } from '../runtime/AwscredsError';
import { MAX_SCRIPT_FILE_BYTES, describeReadError, readRegularFile, writeFileAtomic } from '../runtime/files';
import type { Shell } from '../shells/Shell';

/** The lines that delimit the block `awscreds hook install` owns in an rc file. */
export const HOOK_BLOCK_START = '# >>> awscreds hook >>>';
export const HOOK_BLOCK_END = '# <<< awscreds hook <<<';
/** Recorded inside the block so uninstall can undo exactly what install did. */
export const CREATED_FILE_FLAG = '# awscreds: install created this file; uninstall deletes it when nothing else is left.';
export const ADDED_LINE_BREAK_FLAG = '# awscreds: install added the line break before this block; uninstall removes it.';

export interface HookBlockLocation extends HookBlockFlags {
  /** Offset of the start marker line. */
  readonly start: number;
  /** Offset just past the end marker line and its line break (if any). */
  readonly end: number;
}

/**
 * The one awscreds block in an rc file's text, or undefined when there is none. Duplicate
 * or unbalanced markers mean someone edited the block by hand: guessing which lines are
 * ours could delete theirs, so that is refused, naming the file.
 */
export function findHookBlock(text: string, fileLabel: string): HookBlockLocation | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const content = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (content === HOOK_BLOCK_START) starts.push(offset);
    if (content === HOOK_BLOCK_END) ends.push(offset);
    offset += line.length + 1;
  }
  if (starts.length === 0 && ends.length === 0) return undefined;
  const [start] = starts;
  const [endLine] = ends;
  if (starts.length !== 1 || ends.length !== 1 || start === undefined || endLine === undefined || endLine < start) {
    throw new AwscredsError(
      'FILESYSTEM',
      `${fileLabel} has ${starts.length} "${HOOK_BLOCK_START}" and ${ends.length} "${HOOK_BLOCK_END}" lines; awscreds edits only a file with exactly one block, start before end, and left it unchanged.`,
      `edit ${fileLabel} by hand so that at most one awscreds block remains, then run the command again.`,
    );
  }
  const lineBreak = text.indexOf('\n', endLine);
  const end = lineBreak === -1 ? text.length : lineBreak + 1;
  const block = text.slice(start, end);
  const hasLine = (flag: string): boolean => block.split('\n').some((line) => line.replace(/\r$/, '') === flag);
  return { start, end, createdFile: hasLine(CREATED_FILE_FLAG), addedLineBreak: hasLine(ADDED_LINE_BREAK_FLAG) };
}

export interface RcFileEdit {
  /** The new content, or undefined to delete the file. */
  readonly text: string | undefined;
  readonly changed: boolean;
}

/**
 * Adds the awscreds block to an rc file's text (undefined: the file does not exist), or
 * brings an existing block up to date in place. Installing twice changes nothing. What
 * install adds beyond the block (a line break, the file itself) is recorded in the block so
 * that uninstall gives back the original bytes.
 */
export function installHook(text: string | undefined, shell: Shell, fileLabel: string): RcFileEdit {
  if (text === undefined) return { text: renderHookBlock(shell, { createdFile: true, addedLineBreak: false }), changed: true };
  const existing = findHookBlock(text, fileLabel);
  if (existing) {
    const updated = `${text.slice(0, existing.start)}${renderHookBlock(shell, existing)}${text.slice(existing.end)}`;
    return { text: updated, changed: updated !== text };
  }
  const addedLineBreak = text !== '' && !text.endsWith('\n');
  return { text: `${text}${addedLineBreak ? '\n' : ''}${renderHookBlock(shell, { createdFile: false, addedLineBreak })}`, changed: true };
}

/**
 * Removes exactly what `installHook` added: the block, the line break it put before the
 * block, and the file itself when install created it and nothing else was written to it.
 */
export function uninstallHook(text: string | undefined, fileLabel: string): RcFileEdit {
  if (text === undefined) return { text, changed: false };
  const block = findHookBlock(text, fileLabel);
  if (!block) return { text, changed: false };
  const before = text.slice(0, block.start);
  const kept = `${block.addedLineBreak && before.endsWith('\n') ? before.slice(0, -1) : before}${text.slice(block.end)}`;
  if (block.createdFile && kept === '') return { text: undefined, changed: true };
  return { text: kept, changed: true };
}

export interface HookBlockFlags {
  readonly createdFile: boolean;
  readonly addedLineBreak: boolean;
}

/**
 * The rc-file block. Its loader (the shell's own) finds awscreds on PATH when the shell starts
 * rather than naming the binary's absolute path (which moves with every node or npm upgrade),
 * and does nothing when awscreds is gone, so an uninstalled package never breaks the shell.
 * LF only.
 */
export function renderHookBlock(shell: Shell, flags: HookBlockFlags): string {
  const load = shell.hookLoader();
  const lines = [
    HOOK_BLOCK_START,
    '# Managed by `awscreds hook install`; `awscreds hook uninstall` removes this block.',
    ...(flags.createdFile ? [CREATED_FILE_FLAG] : []),
    ...(flags.addedLineBreak ? [ADDED_LINE_BREAK_FLAG] : []),
    ...load,
    HOOK_BLOCK_END,
  ];
  return `${lines.join('\n')}\n`;
}

export interface RcFileEditResult {
  /** The file actually written: the target of a symlink, not the link. */
  readonly path: string;
  readonly changed: boolean;
  readonly deleted: boolean;
  /** Where the previous content was saved, when there was any. */
  readonly backup: string | undefined;
}

/**
 * Applies a pure edit to an rc file, or leaves it alone with a message naming it. A symlink
 * (dotfile managers use them) is followed and its target edited, so the link survives; the
 * write is atomic (in place for a file with other hard links, so they keep naming it), keeps
 * the file's mode and owner, and the old bytes go to `<file>.awscreds-backup`.
 */
export function editRcFile(path: string, edit: (text: string | undefined, fileLabel: string) => RcFileEdit): RcFileEditResult {
  const refuse = (problem: string, fix: string): AwscredsError => new AwscredsError('FILESYSTEM', `${path} ${problem}; it was left unchanged.`, fix);
  let target = path;
  let exists = true;
  try {
    if (lstatSync(path).isSymbolicLink()) {
      try {
        target = realpathSync(path);
      } catch {
        throw refuse('is a symlink to a file that does not exist', `point the link at a file, or remove it, and run the command again.`);
      }
    }
  } catch (error) {
    if (error instanceof AwscredsError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw refuse(`cannot be examined (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file and its directory, then run the command again.');
    exists = false;
  }

  let original: Buffer | undefined;
  let file: ExistingFile | undefined;
  if (exists) {
    const stats = statSync(target);
    if (!stats.isFile()) throw refuse(target === path ? 'is not a regular file' : `is a symlink to ${target}, which is not a regular file`, 'name a regular file.');
    file = { mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid, hardLinked: stats.nlink > 1 };
    try {
      accessSync(target, constants.R_OK | constants.W_OK);
      accessSync(dirname(target), constants.W_OK);
    } catch {
      throw refuse(target === path ? 'or its directory is not writable' : `is a symlink to ${target}, which (or whose directory) is not writable`, `make ${target} and its directory writable, or add the block by hand (see \`awscreds hook --help\`).`);
    }
    try {
      original = readRegularFile(target, MAX_SCRIPT_FILE_BYTES);
    } catch (error) {
      throw refuse(`cannot be read (${describeReadError(error)})`, 'name a regular file, or add the block by hand (see `awscreds hook --help`).');
    }
  }

  let text: string | undefined;
  if (original !== undefined) {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(original);
    } catch {
      throw refuse('is not valid UTF-8, so editing it as text could corrupt it', 'add the block by hand (see `awscreds hook --help`).');
    }
  }
  const result = edit(text, path);
  if (!result.changed) return { path: target, changed: false, deleted: false, backup: undefined };

  try {
    return applyEdit(target, text, result, file);
  } catch (error) {
    const via = target === path ? '' : ` through its symlink target ${target}`;
    throw refuse(`could not be written${via} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, `check that ${target} and its directory are writable, or add the block by hand (see \`awscreds hook --help\`).`);
  }
}

/** What an existing rc file keeps through an edit: its mode, its owner, its other names. */
interface ExistingFile {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Other hard links name the same file: it is rewritten in place, so they see the edit too. */
  readonly hardLinked: boolean;
}

function applyEdit(target: string, text: string | undefined, result: RcFileEdit, file: ExistingFile | undefined): RcFileEditResult {
  // An edited file keeps its mode exactly; a new one is at most 0644, less what the umask takes.
  const mode = file?.mode ?? 0o644;
  const umask = { honourUmask: file === undefined };
  // Root (sudo keeping HOME) editing a user's file leaves it, and its backup, the user's.
  const owner = file && process.getuid?.() === 0 ? { uid: file.uid, gid: file.gid } : undefined;
  // Deleting a file install created loses nothing but our block: no backup then.
  const backup = text === undefined || result.text === undefined ? undefined : `${target}.awscreds-backup`;
  // `text` decodes the old bytes exactly (fatal, BOM kept), so writing it back is the same bytes.
  if (backup !== undefined) writeFileAtomic(backup, text ?? '', mode, owner);
  if (result.text === undefined) {
    unlinkSync(target);
    return { path: target, changed: true, deleted: true, backup };
  }
  if (file?.hardLinked) {
    // A rename would give this name a new file and leave the other names on the old one. The
    // backup above holds the old bytes should this write be cut short.
    writeFileSync(target, result.text);
    return { path: target, changed: true, deleted: false, backup };
  }
  writeFileAtomic(target, result.text, mode, owner, umask);
  return { path: target, changed: true, deleted: false, backup };
}
