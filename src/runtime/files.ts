import { closeSync, fchmodSync, fchownSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the new, never a part: a temp
 * file beside it (created 0600, so a secret is never readable by others even for a moment),
 * fsync, then rename. Missing directories are created 0700.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, mode = 0o600, owner?: { readonly uid: number; readonly gid: number }): void {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  // 'wx' refuses to reuse a name, so pid and time need only be unique enough to not collide twice.
  const temp = join(directory, `.${process.pid}-${process.hrtime.bigint().toString(36)}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      fchmodSync(fd, mode); // open's mode passes through the umask; the caller's mode is exact
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
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
