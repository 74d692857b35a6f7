import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { AwscredsError } from '../runtime/AwscredsError';
import { withFileLock } from '../runtime/fileLock';
import { MAX_CONFIG_FILE_BYTES, describeReadError, readRegularFile, writeFileAtomic } from '../runtime/files';

// Editing ~/.aws/config as a careful user would: under a lock shared by every awscreds process
// (two runs at once both finish, one after the other, each on the other's result), read
// afresh inside it, one backup the first time, then written whole to a temp file and renamed
// over it (never half-written), with the file's mode and owner. A symlinked config is followed:
// the file it points to is replaced, the link stays.

export const BACKUP_SUFFIX = '.awscreds-backup';

export interface EditResult<T> {
  readonly value: T;
  /** Whether the file was written (false: the new text equalled the old, or a dry run). */
  readonly written: boolean;
  /** The file written (the symlink's target), and its first backup when this run made it. */
  readonly target: string;
  readonly backup?: string;
}

/**
 * Runs `edit` on the config's current text ('' when there is none) under the lock, and writes
 * what it returns unless it is the same text or `dryRun`; with `backup`, the old file is kept
 * first unless a backup exists.
 */
export async function editConfigFile<T>(
  configFile: string,
  options: { readonly uid: number; readonly dryRun: boolean; readonly backup: boolean; readonly debug: (text: string) => void },
  edit: (oldText: string) => { text: string; value: T },
): Promise<EditResult<T>> {
  const target = realTarget(configFile);
  return withFileLock(`${target}.lock`, { what: `the AWS config ${target}`, debug: options.debug, waitMs: 60_000 }, async () => {
    const oldBytes = readIfPresent(target);
    const oldText = oldBytes === undefined ? '' : decode(oldBytes, target);
    const { text, value } = edit(oldText);
    if (text === oldText || options.dryRun) return { value, written: false, target };
    const stats = oldBytes === undefined ? undefined : statSync(target);
    const mode = stats ? stats.mode & 0o777 : 0o600;
    const owner = stats && options.uid === 0 ? { uid: stats.uid, gid: stats.gid } : undefined;
    let backup: string | undefined;
    try {
      if (options.backup && oldBytes !== undefined && !existsSync(`${target}${BACKUP_SUFFIX}`)) {
        backup = `${target}${BACKUP_SUFFIX}`;
        writeFileAtomic(backup, oldBytes, mode & 0o600, owner);
      }
      writeFileAtomic(target, text, mode, owner);
    } catch (error) {
      throw new AwscredsError('FILESYSTEM', `cannot write ${target}: ${describeReadError(error)}; it is unchanged.`, `make ${target} and its directory writable by you, then run again.`);
    }
    return { value, written: true, target, ...(backup ? { backup } : {}) };
  });
}

/** The file a config path names: a symlink's final target (which may not exist yet). */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    let link: boolean;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      return path; // no file yet: it is made where the path says
    }
    if (link) throw new AwscredsError('FILESYSTEM', `${path} is a symbolic link to nowhere (or a loop).`, `point it at a file (ls -l ${path}), or remove it.`);
    return path;
  }
}

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readRegularFile(path, MAX_CONFIG_FILE_BYTES);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AwscredsError('FILESYSTEM', `cannot read ${path}: ${describeReadError(error)}.`, `make ${path} a readable file, then run again.`);
  }
}

function decode(bytes: Buffer, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AwscredsError('CONFIG', `${path} is not valid UTF-8 text; it is unchanged.`, `save ${path} as UTF-8 (the AWS CLI cannot read it either).`);
  }
}
