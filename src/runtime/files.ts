import { closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The one bounded reader lives in regularFile.ts; its names are exported here too, where
// callers have always found them.
export { MAX_CACHE_FILE_BYTES, MAX_CONFIG_FILE_BYTES, MAX_SCRIPT_FILE_BYTES, RefusedFileError, describeReadError, openRegularFile, readRegularFile, readRegularFileAndStats, type ReadOptions } from './regularFile';

/** Temp files of `writeFileAtomic`: `.<pid>-<base36 time>.tmp`. */
const TEMP_FILE = /^\.(\d+)-[0-9a-z]+\.tmp$/;
/** A writer keeps its temp file for milliseconds; one older than this was left behind. */
const TEMP_FILE_MAX_AGE_MS = 60_000;

export interface WriteOptions {
  /**
   * `mode` is the most the file may get: the umask takes its bits away, and so does the mode of
   * the file replaced (a file is never more open than the one it replaces). For files that hold
   * no secret (a new rc file, the hook file). Without it `mode` is exact: 0600 for secrets
   * whatever the umask, or the mode of the rc file being edited, kept.
   */
  readonly honourUmask?: boolean;
}

/**
 * Writes a file so that readers see either the old content or the new, never a part: a temp
 * file beside it (created 0600, so a secret is never readable by others even for a moment),
 * fsync, then rename. Missing directories are created 0700. Temp files that a killed writer
 * left in the directory are removed afterwards.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, mode = 0o600, owner?: { readonly uid: number; readonly gid: number }, { honourUmask = false }: WriteOptions = {}): void {
  const directory = dirname(path);
  const openMode = honourUmask ? mode & replacedMode(path) : mode;
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  // 'wx' refuses to reuse a name, so pid and time need only be unique enough to not collide twice.
  const temp = join(directory, `.${process.pid}-${process.hrtime.bigint().toString(36)}.tmp`);
  const fd = openSync(temp, 'wx', openMode);
  try {
    try {
      if (!honourUmask) fchmodSync(fd, mode); // open's mode passes through the umask; the caller's mode is exact
      if (owner) fchownSync(fd, owner.uid, owner.gid); // root editing a user's file keeps it theirs
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      // writeSync may write less than asked (a nearly full disk): never rename a short file.
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    syncDirectory(directory); // the rename itself survives a crash
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
  sweepTempFiles(directory, Date.now());
}

/** The permission bits of the regular file at `path` (0o7777 when there is none to replace). */
function replacedMode(path: string): number {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.mode & 0o7777 : 0o7777;
  } catch {
    return 0o7777;
  }
}

/**
 * Removes the temp files of writers that died between creating and renaming them: those of a
 * process that no longer exists, or older than a minute (the pid may have been reused).
 * Best effort: a sweep that fails changes nothing for the write that triggered it.
 */
export function sweepTempFiles(directory: string, nowMs: number): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (name.endsWith(FAILURE_RECORD_SUFFIX)) {
      removeUnlessRecent(join(directory, name), nowMs, FAILURE_RECORD_MAX_AGE_MS, removed);
      continue;
    }
    const match = TEMP_FILE.exec(name);
    if (!match) continue;
    const path = join(directory, name);
    try {
      const stats = lstatSync(path);
      if (!stats.isFile()) continue;
      if (processIsAlive(Number(match[1])) && nowMs - stats.mtimeMs < TEMP_FILE_MAX_AGE_MS) continue;
      unlinkSync(path);
      removed.push(path);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

/**
 * A lock holder's record of a failed call (fileLock.ts) serves only the waiters of that call,
 * who give up within a minute: an older one is swept with the temp files.
 */
export const FAILURE_RECORD_SUFFIX = '.lock.failed';
export const FAILURE_RECORD_MAX_AGE_MS = 60_000;

/** Removes a file older than `maxAgeMs`, or dated in the future (a clock set back). */
function removeUnlessRecent(path: string, nowMs: number, maxAgeMs: number, removed: string[]): void {
  try {
    const stats = lstatSync(path);
    if (!stats.isFile() || (stats.mtimeMs <= nowMs && nowMs - stats.mtimeMs < maxAgeMs)) return;
    unlinkSync(path);
    removed.push(path);
  } catch {
    // gone already, or not ours to remove
  }
}

/** Whether a process with this id exists (on this machine). EPERM means it does, as someone else's. */
export function processIsAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
