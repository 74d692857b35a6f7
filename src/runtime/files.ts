import { closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readSync, readdirSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';

/** The largest cache file (token, registration, role credentials) awscreds reads: they are a few KB. */
export const MAX_CACHE_FILE_BYTES = 1024 * 1024;
/** The largest shell script awscreds reads: an rc file it edits, its own hook and completion files. */
export const MAX_SCRIPT_FILE_BYTES = 16 * 1024 * 1024;
/** The largest ~/.aws/config or ~/.aws/credentials awscreds reads (a 1M-key file is about 30 MB). */
export const MAX_CONFIG_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Why a path was refused by `readRegularFile`. `code` is `ENOTREG` (not a regular file) or
 * `EFBIG` (over the size cap); the message says what the path is, for the user.
 */
export class RefusedFileError extends Error {
  override readonly name = 'RefusedFileError';
  constructor(
    readonly code: 'ENOTREG' | 'EFBIG',
    /** e.g. "it is a FIFO (named pipe)" or "it is 3 MB, over the 1 MB limit". */
    readonly reason: string,
    readonly path: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function checkRegular(stats: Stats, path: string, maxBytes: number): void {
  if (!stats.isFile()) throw new RefusedFileError('ENOTREG', `it is ${kindOf(stats)}`, path);
  if (stats.size > maxBytes) throw new RefusedFileError('EFBIG', `it is ${stats.size} bytes, over the ${maxBytes}-byte limit`, path);
}

export interface ReadOptions {
  /**
   * Refuse a symbolic link at `path` itself (O_NOFOLLOW) instead of following it to a regular
   * file: for awscreds' own private cache, where a link is never what awscreds wrote.
   */
  readonly noFollow?: boolean;
}

/**
 * Opens a file that must be a regular file of at most `maxBytes`, without ever blocking on what
 * is there instead: the path is checked with stat first (so a FIFO or a device is never opened),
 * opened non-blocking (a FIFO swapped in after the check cannot hang the open), and checked again
 * on the open descriptor, whose status is returned. A symlink is followed only to a regular file
 * (with `noFollow`, never: ELOOP). Throws RefusedFileError for anything else, and the usual errno
 * errors (ENOENT, EACCES, ELOOP…). The caller closes `fd`.
 */
export function openRegularFile(path: string, maxBytes: number, { noFollow = false }: ReadOptions = {}): { fd: number; stats: Stats } {
  const before = noFollow ? lstatSync(path) : statSync(path);
  if (before.isSymbolicLink()) throw Object.assign(new Error(`ELOOP: ${path} is a symbolic link`), { code: 'ELOOP' });
  checkRegular(before, path, maxBytes);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (noFollow ? constants.O_NOFOLLOW : 0));
  try {
    const stats = fstatSync(fd);
    checkRegular(stats, path, maxBytes);
    return { fd, stats };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * Reads a whole file through `openRegularFile`: the one way awscreds reads a file that is not
 * part of its own bundle (config, credentials, every cache, web identity tokens, hook and
 * completion assets, rc files). Reads to EOF but never past `maxBytes`, even if the file grows.
 */
export function readRegularFile(path: string, maxBytes: number, options: ReadOptions = {}): Buffer {
  return readRegularFileAndStats(path, maxBytes, options).bytes;
}

/** readRegularFile, with the status of the file read (its mtime, for one). */
export function readRegularFileAndStats(path: string, maxBytes: number, options: ReadOptions = {}): { bytes: Buffer; stats: Stats } {
  const { fd, stats } = openRegularFile(path, maxBytes, options);
  try {
    // Read to EOF, but never past the cap: the file may have grown since fstat.
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) throw new RefusedFileError('EFBIG', `it is over the ${maxBytes}-byte limit`, path);
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > maxBytes) throw new RefusedFileError('EFBIG', `it is over the ${maxBytes}-byte limit`, path);
    return { bytes: buffer.subarray(0, total), stats };
  } finally {
    closeSync(fd);
  }
}

/** What went wrong reading a file, in words: "it is a FIFO…", "permission denied", or the errno code. */
export function describeReadError(error: unknown): string {
  if (error instanceof RefusedFileError) return error.reason;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ELOOP') return 'it is a symbolic link';
  return code ?? String(error);
}

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
