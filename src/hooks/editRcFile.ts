import { accessSync, chmodSync, constants, lstatSync, readFileSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { AwscredsError } from '../AwscredsError';
import { writeFileAtomic } from '../fs/writeFileAtomic';
import type { RcFileEdit } from './installHook';

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
 * write is atomic, keeps the file's mode, and the old bytes go to `<file>.awscreds-backup`.
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
  let mode = 0o644;
  if (exists) {
    const stats = statSync(target);
    if (!stats.isFile()) throw refuse(target === path ? 'is not a regular file' : `is a symlink to ${target}, which is not a regular file`, 'name a regular file.');
    mode = stats.mode & 0o7777;
    try {
      accessSync(target, constants.R_OK | constants.W_OK);
      accessSync(dirname(target), constants.W_OK);
    } catch {
      throw refuse(target === path ? 'or its directory is not writable' : `is a symlink to ${target}, which (or whose directory) is not writable`, `make ${target} and its directory writable, or add the block by hand (see \`awscreds hook --help\`).`);
    }
    original = readFileSync(target);
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
    return applyEdit(target, text, result, mode);
  } catch (error) {
    const via = target === path ? '' : ` through its symlink target ${target}`;
    throw refuse(`could not be written${via} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, `check that ${target} and its directory are writable, or add the block by hand (see \`awscreds hook --help\`).`);
  }
}

function applyEdit(target: string, text: string | undefined, result: RcFileEdit, mode: number): RcFileEditResult {
  // Deleting a file install created loses nothing but our block: no backup then.
  const backup = text === undefined || result.text === undefined ? undefined : `${target}.awscreds-backup`;
  // `text` decodes the old bytes exactly (fatal, BOM kept), so writing it back is the same bytes.
  if (backup !== undefined) writeFileAtomic(backup, text ?? '', mode);
  if (result.text === undefined) {
    unlinkSync(target);
    return { path: target, changed: true, deleted: true, backup };
  }
  writeFileAtomic(target, result.text, mode);
  // The temp file was created through the umask; give the rc file its exact old mode back.
  chmodSync(target, mode);
  return { path: target, changed: true, deleted: false, backup };
}
