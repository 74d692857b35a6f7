import { closeSync, lstatSync, mkdirSync, readSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { openRegularFile } from './regularFile';

// awscreds' own cache directory (${XDG_CACHE_HOME:-~/.cache}/awscreds): the V8 code cache and
// remembered config reads. What is read from it decides which code runs and which account is
// exported, so it is trusted only as the user's own: a directory that belongs to the user (the
// real uid; root for root) and that no one else may write (no group/other write bit, not a
// symlink), and files that are the same, opened without following a link (O_NOFOLLOW) and
// without waiting (O_NONBLOCK: a FIFO cannot hang a shell), then checked with fstat on the
// open descriptor. That check is what holds even if someone who can write a parent directory
// swaps the directory between the checks: they cannot make a file that is the user's.

export function privateCacheDirectory(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(env.HOME || home, '.cache'), 'awscreds');
}

/** Why a directory's or a file's status makes it untrusted, or undefined when it is trusted. */
export function untrusted(stats: Stats, uid: number, kind: 'directory' | 'file'): string | undefined {
  if (kind === 'directory' ? !stats.isDirectory() : !stats.isFile()) return `not a ${kind === 'directory' ? 'directory' : 'regular file'}`;
  if (stats.uid !== uid) return `owned by uid ${stats.uid}`;
  if ((stats.mode & 0o022) !== 0) return `writable by ${(stats.mode & 0o002) !== 0 ? 'others' : 'group'} (mode ${(stats.mode & 0o7777).toString(8)})`;
  return undefined;
}

function lstatIfPresent(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

export type DirectoryStatus = { kind: 'trusted' } | { kind: 'missing' } | { kind: 'untrusted'; reason: string };

export function directoryStatus(directory: string, uid: number): DirectoryStatus {
  const stats = lstatIfPresent(directory);
  if (stats === undefined) return { kind: 'missing' };
  const reason = untrusted(stats, uid, 'directory');
  return reason === undefined ? { kind: 'trusted' } : { kind: 'untrusted', reason: `directory ${reason}` };
}

/**
 * Makes a missing directory 0700 where that is safe; why not, or undefined when usable. At
 * most the cache directory and its parent are made (`~/.cache/awscreds`: a missing HOME is not
 * made), and only under a directory of the user's own (or root's): root under `sudo` with
 * HOME kept must not leave root's files in another user's cache.
 */
export function prepareDirectory(directory: string, uid: number): string | undefined {
  const status = directoryStatus(directory, uid);
  if (status.kind === 'untrusted') return status.reason;
  if (status.kind === 'trusted') return undefined;
  let ancestor = dirname(directory);
  let stats = lstatIfPresent(ancestor);
  if (stats === undefined) {
    ancestor = dirname(ancestor);
    stats = lstatIfPresent(ancestor);
  }
  if (stats === undefined) return `not making ${directory}: ${ancestor} does not exist`;
  if (stats.uid !== uid && stats.uid !== 0) return `not making ${directory}: ${ancestor} is not the user's`;
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const made = directoryStatus(directory, uid); // as it is now, whoever made it
  return made.kind === 'trusted' ? undefined : made.kind === 'untrusted' ? made.reason : 'directory vanished';
}

export type TrustedOpen = { fd: number; stats: Stats } | { refusal: string };

/**
 * Opens `path` for reading when it is a trusted file of at most `maxBytes` (the caller has
 * checked the directory), through the one bounded opener (files.ts, no link followed);
 * `refusal` says why not ('absent' when there is no such file). The caller closes `fd`.
 */
export function openTrustedFile(path: string, uid: number, maxBytes: number): TrustedOpen {
  let opened: { fd: number; stats: Stats };
  try {
    opened = openRegularFile(path, maxBytes, { noFollow: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { refusal: 'absent' };
    if (code === 'ELOOP') return { refusal: 'untrusted file: a symbolic link' };
    if (code === 'ENOTREG') return { refusal: 'untrusted file: not a regular file' };
    if (code === 'EFBIG') return { refusal: `untrusted file: larger than ${maxBytes} bytes` };
    return { refusal: `unreadable (${code})` };
  }
  const reason = untrusted(opened.stats, uid, 'file');
  if (reason === undefined) return opened;
  closeSync(opened.fd);
  return { refusal: `untrusted file: ${reason}` };
}

/** Fills `target` from `position`; false when the file ends first (truncated since fstat). */
export function readFully(fd: number, target: Buffer, position: number): boolean {
  for (let filled = 0; filled < target.length; ) {
    const read = readSync(fd, target, filled, target.length - filled, position + filled);
    if (read === 0) return false;
    filled += read;
  }
  return true;
}

/** The whole of a trusted file in a trusted directory, or undefined (absent, untrusted, unreadable). */
export function readTrustedFile(directory: string, name: string, uid: number, maxBytes: number): Buffer | undefined {
  if (directoryStatus(directory, uid).kind !== 'trusted') return undefined;
  const opened = openTrustedFile(join(directory, name), uid, maxBytes);
  if ('refusal' in opened) return undefined;
  try {
    const content = Buffer.allocUnsafe(opened.stats.size);
    return readFully(opened.fd, content, 0) ? content : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(opened.fd);
  }
}
