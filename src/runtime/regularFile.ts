import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

// The one way awscreds reads a file from outside its bundle (test/architecture/fileReads.test.ts
// finds any other): a regular file under a size cap, never blocking on a FIFO or a device.

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
