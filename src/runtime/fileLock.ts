import { closeSync, lstatSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AwscredsError } from './AwscredsError';
import { describeReadError, processIsAlive, readRegularFile } from './files';

/**
 * How long a waiter waits for a lock in all, and when a lock counts as abandoned even though
 * its pid exists (pid reused, or held by another machine sharing the home directory). The
 * holder's longest legitimate hold is two bounded network calls (see src/main.ts), under 20 s.
 */
export const LOCK_WAIT_MS = 30_000;
export const LOCK_STALE_MS = 60_000;

export interface LockOptions {
  /** How long to wait in all before giving up (default LOCK_WAIT_MS). */
  readonly waitMs?: number;
  /** A lock older than this is broken even if its pid exists (default LOCK_STALE_MS). */
  readonly staleMs?: number;
  /** Sleep between attempts, jittered ±50% (default 50 ms). */
  readonly pollMs?: number;
  /** What the lock protects, for the timeout message: `the SSO token ~/.aws/sso/cache/x.json`. */
  readonly what: string;
  readonly debug?: (text: string) => void;
}

interface Holder {
  readonly pid: number;
  /** epoch ms when the lock was taken */
  readonly started: number;
  /** Tells this holder from an earlier one with the same pid. */
  readonly nonce: string;
}

/**
 * Runs `work` while holding a cross-process lock: the file `lockPath`, created with O_EXCL
 * (mode 0600) and holding the owner's pid, start time and a nonce. Waiters poll with short
 * sleeps. A lock whose process is gone is broken at once; one older than `staleMs` is broken
 * too. After `waitMs` in all, waiting ends in a FILESYSTEM error naming the lock file and what
 * to do. The lock is released (its file removed, if still ours) when `work` settles.
 *
 * Callers re-read what the lock protects inside `work`: another process may have done the
 * work while this one waited.
 */
export async function withFileLock<T>(lockPath: string, options: LockOptions, work: (waited: boolean) => Promise<T>): Promise<T> {
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const pollMs = options.pollMs ?? 50;
  const debug = options.debug ?? (() => undefined);
  const start = Date.now();
  const me: Holder = { pid: process.pid, started: start, nonce: Math.random().toString(36).slice(2) };
  let waited = false;
  let lastHolder: Holder | undefined;
  for (;;) {
    const created = tryCreate(lockPath, { ...me, started: Date.now() }, debug);
    // Without a place for the lock there is none for the cache either: the work goes on, and
    // its cache write warns once.
    if (created === 'unavailable') return work(false);
    if (created === 'created') break;
    const holder = readHolder(lockPath);
    if (holder === 'gone') continue; // released between our attempt and the read: try again at once
    if (holder === 'unreadable' && unreadableFor(lockPath) > UNREADABLE_GRACE_MS) {
      debug(`lock: breaking ${lockPath}: it has held no owner for ${UNREADABLE_GRACE_MS / 1000} s`);
      removeQuietly(lockPath);
      continue;
    }
    const abandoned = holder === 'unreadable' ? undefined : holder.pid === process.pid ? undefined : !processIsAlive(holder.pid) ? `its process ${holder.pid} is gone` : Date.now() - holder.started > staleMs ? `it is older than ${staleMs / 1000} s` : undefined;
    if (abandoned) {
      debug(`lock: breaking ${lockPath}: ${abandoned}`);
      removeIfSame(lockPath, holder as Holder);
      continue;
    }
    if (holder !== 'unreadable') lastHolder = holder;
    if (!waited) debug(`lock: waiting for ${lockPath} (held by pid ${lastHolder?.pid ?? 'unknown'})`);
    waited = true;
    if (Date.now() - start >= waitMs) throw lockTimeout(lockPath, options.what, waitMs, lastHolder);
    await sleep(pollMs * (0.5 + Math.random()));
  }
  try {
    return await work(waited);
  } finally {
    const holder = readHolder(lockPath);
    if (typeof holder === 'object' && holder.nonce === me.nonce) removeQuietly(lockPath);
  }
}

/**
 * Creates the lock file if none exists: 'held' when another holder has it, 'unavailable' when
 * no lock file can be made there at all (read-only or full disk, no permission, a file where
 * the directory should be).
 */
function tryCreate(lockPath: string, holder: Holder, debug: (text: string) => void): 'created' | 'held' | 'unavailable' {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'held';
    if (code === 'ENOENT') {
      try {
        mkdirSync(dirname(lockPath), { recursive: true, mode: 0o700 });
        fd = openSync(lockPath, 'wx', 0o600);
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code === 'EEXIST') return 'held';
        debug(`lock: cannot create ${lockPath} (${describeReadError(again)}); going on without it`);
        return 'unavailable';
      }
    } else {
      debug(`lock: cannot create ${lockPath} (${describeReadError(error)}); going on without it`);
      return 'unavailable';
    }
  }
  try {
    const text = JSON.stringify(holder);
    if (writeSync(fd, text) !== Buffer.byteLength(text)) throw new Error('short write');
  } catch (error) {
    // A full disk: no owner can be recorded, and there is no room for the cache either.
    closeSync(fd);
    removeQuietly(lockPath);
    debug(`lock: cannot write ${lockPath} (${describeReadError(error)}); going on without it`);
    return 'unavailable';
  }
  closeSync(fd);
  return 'created';
}

/** The lock's holder, 'gone' when there is no lock file, 'unreadable' when it is being written or damaged. */
function readHolder(lockPath: string): Holder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readRegularFile(lockPath, 4096).toString('utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try {
    const json = JSON.parse(text) as Partial<Holder>;
    if (typeof json.pid === 'number' && typeof json.started === 'number' && typeof json.nonce === 'string') return json as Holder;
  } catch {
    // half-written (the holder writes right after creating): the next poll sees it whole
  }
  return 'unreadable';
}

/**
 * A holder writes its lock file right after creating it, so one that still names no owner after
 * this long was left by a process killed in between (or by something else): it is broken.
 */
const UNREADABLE_GRACE_MS = 3000;

function unreadableFor(lockPath: string): number {
  try {
    return Date.now() - lstatSync(lockPath).mtimeMs;
  } catch {
    return 0;
  }
}

/** Removes a broken lock unless another waiter has replaced it in the meantime. */
function removeIfSame(lockPath: string, holder: Holder): void {
  const now = readHolder(lockPath);
  if (typeof now === 'object' && now.nonce === holder.nonce) removeQuietly(lockPath);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already removed
  }
}

function lockTimeout(lockPath: string, what: string, waitMs: number, holder: Holder | undefined): AwscredsError {
  const who = holder ? `another awscreds (pid ${holder.pid}) has held it since ${new Date(holder.started).toISOString()}` : 'the lock file is unreadable';
  return new AwscredsError(
    'FILESYSTEM',
    `waited ${Math.round(waitMs / 1000)} s for the lock ${lockPath} on ${what}, and gave up: ${who}.`,
    `try again; if no awscreds is running, remove the lock file (rm ${lockPath}).`,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
