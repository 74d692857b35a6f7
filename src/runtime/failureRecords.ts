import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { FAILURE_RECORD_MAX_AGE_MS, FAILURE_RECORD_SUFFIX, readRegularFileAndStats } from './files';

// A lock holder's record of a failed call (`<lock>.failed`, written by fileLock.ts): what the
// exports waiting behind that call end with, instead of calling again in turn.

/** A failure recorded by a lock holder: `<lock>.failed`. */
export interface RecordedFailure {
  readonly pid: number;
  /** epoch ms when it was recorded */
  readonly at: number;
  readonly detail: string;
  /** LockOptions.failureGroup of the holder that recorded it. */
  readonly group?: string;
}

/** Where a lock's holder records a failure for its waiters. */
export function failureFilepath(lockPath: string): string {
  return `${lockPath}.failed`;
}

/** A record as read: its content, and the file's mtime (epoch ms). */
type ReadFailure = RecordedFailure & { readonly mtimeMs: number };

export function readFailure(path: string): ReadFailure | undefined {
  try {
    const { bytes, stats } = readRegularFileAndStats(path, 4096);
    const json = JSON.parse(bytes.toString('utf8')) as Partial<RecordedFailure>;
    if (typeof json.pid === 'number' && typeof json.at === 'number' && typeof json.detail === 'string') {
      return { pid: json.pid, at: json.at, detail: json.detail, ...(typeof json.group === 'string' ? { group: json.group } : {}), mtimeMs: stats.mtimeMs };
    }
  } catch {
    // none, or damaged: nothing to replay
  }
  return undefined;
}

/**
 * Whether a record can be that of a call still being waited for: recorded, by its own time and
 * by its file's mtime, within the last FAILURE_RECORD_MAX_AGE_MS and not after `nowMs`. One
 * dated in the future (a clock stepped back, a skewed NFS server) would otherwise stop every
 * export until the clock caught up; one older than a minute serves no waiter.
 */
export function isCurrent(failure: { readonly at: number; readonly mtimeMs: number }, nowMs: number): boolean {
  return [failure.at, failure.mtimeMs].every((time) => time <= nowMs && nowMs - time <= FAILURE_RECORD_MAX_AGE_MS);
}

/**
 * Removes the failure records in `directories` that belong to `group` (LockOptions.failureGroup):
 * after a new sign-in, the failures of the old one no longer tell waiting exports anything.
 * Returns the paths removed; best effort, as a sweep.
 */
export function clearFailureRecords(directories: readonly string[], group: string): string[] {
  const removed: string[] = [];
  for (const directory of directories) {
    let names: string[];
    try {
      names = readdirSync(directory);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith(FAILURE_RECORD_SUFFIX)) continue;
      const path = join(directory, name);
      if (readFailure(path)?.group !== group) continue;
      try {
        unlinkSync(path);
        removed.push(path);
      } catch {
        // gone already
      }
    }
  }
  return removed;
}
