import { closeSync, lstatSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AwscredsError } from './AwscredsError';
import { failureFilepath, isCurrent, readFailure, type RecordedFailure } from './failureRecords';
import { describeReadError, processIsAlive, readRegularFile, RefusedFileError, writeFileAtomic } from './files';
import { NETWORK_POLICY } from './network';

/**
 * How long a waiter waits for a lock, counted from `since` (when the export began to need it),
 * and when a lock counts as abandoned even though its pid exists (pid reused, a stopped process,
 * or held by another machine sharing the home directory). A holder's calls end by its own
 * `since` + the export budget (NETWORK_POLICY.exportBudgetMs), so no legitimate hold is longer.
 */
export const LOCK_WAIT_MS = NETWORK_POLICY.exportBudgetMs;
export const LOCK_STALE_MS = 60_000;

export interface LockOptions<T> {
  /** When the caller began to need the lock (epoch ms, real clock; default now). */
  readonly since?: number;
  /** How long after `since` to wait in all before giving up (default LOCK_WAIT_MS). */
  readonly waitMs?: number;
  /** A lock older than this is broken even if its pid exists (default LOCK_STALE_MS). */
  readonly staleMs?: number;
  /** Sleep between attempts, jittered ±50% (default 50 ms). */
  readonly pollMs?: number;
  /** What the lock protects, for the timeout message: `the SSO token ~/.aws/sso/cache/x.json`. */
  readonly what: string;
  readonly debug?: (text: string) => void;
  /**
   * Called instead of `work` when a holder recorded a failure (`held.recordFailure`) at or after
   * `since`: this process was queued behind that failed call, or began while it ran, and ends the
   * same way without calling again. Without it, recorded failures are not looked at.
   */
  readonly onFailedMeanwhile?: (failure: RecordedFailure) => T | Promise<T>;
  /**
   * What a recorded failure belongs to (the SSO token file of the sign-in): signing in again
   * removes that sign-in's records (clearFailureRecords), so that the next export calls again.
   */
  readonly failureGroup?: string;
}

/** What `work` gets: whether it waited, and how to record a failure for the waiters behind it. */
export interface HeldLock {
  readonly waited: boolean;
  /**
   * Records, beside the lock, that the protected call failed: `detail` is one line naming the
   * endpoint and the error kind (describeServiceError), never a secret. Removed by the next
   * holder whose work succeeds without recording one.
   */
  recordFailure(detail: string): void;
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
 * too (see `breakLock`). `waitMs` after `since`, waiting ends in a FILESYSTEM error naming the
 * lock file and what to do. The lock is released (its file removed, if still ours) when `work`
 * settles.
 *
 * Bounded waiting behind a hung service: a holder whose call failed records that failure
 * before it lets go, and every waiter that was already waiting (or began during that call)
 * ends at once through `onFailedMeanwhile`, with the holder's message, instead of taking the
 * lock and calling the hung service again, one after the other. An export that begins after the
 * failure was recorded calls again. With the waiting bound and the deadline on calls made under
 * the lock (NETWORK_POLICY.exportBudgetMs), an export ends within that budget however many wait.
 *
 * Callers re-read what the lock protects inside `work`: another process may have done the
 * work while this one waited.
 */
export async function withFileLock<T>(lockPath: string, options: LockOptions<T>, work: (held: HeldLock) => Promise<T>): Promise<T> {
  const since = options.since ?? Date.now();
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const pollMs = options.pollMs ?? 50;
  const debug = options.debug ?? (() => undefined);
  const failedPath = failureFilepath(lockPath);
  const start = Date.now();
  const me: Holder = { pid: process.pid, started: start, nonce: Math.random().toString(36).slice(2) };
  let waited = false;
  let lastHolder: Holder | undefined;
  const replay = options.onFailedMeanwhile;
  for (;;) {
    const failure = replay ? readFailure(failedPath) : undefined;
    if (replay && failure && failure.at >= since && isCurrent(failure, Date.now())) {
      debug(`lock: ${failedPath}: pid ${failure.pid} recorded a failure at ${new Date(failure.at).toISOString()}; not calling again`);
      return replay(failure);
    }
    const created = tryCreate(lockPath, { ...me, started: Date.now() }, debug);
    // Without a place for the lock there is none for the cache either: the work goes on, and
    // its cache write warns once.
    if (created === 'unavailable') return work({ waited: false, recordFailure: () => undefined });
    if (created === 'created') break;
    const holder = readHolder(lockPath);
    if (holder === 'gone') continue; // released between our attempt and the read: try again at once
    if (typeof holder === 'object' && 'notALock' in holder) {
      // No awscreds made it (a lock is a small regular file): waiting for it would be waiting
      // for nothing, and removing a directory or another's file is not ours to do.
      debug(`lock: ${lockPath} is not a lock file (${holder.notALock}); going on without it`);
      return work({ waited: false, recordFailure: () => undefined });
    }
    const abandoned = whyAbandoned(lockPath, holder, staleMs);
    if (abandoned) {
      debug(`lock: breaking ${lockPath}: ${abandoned}`);
      if (breakLock(lockPath, holder, staleMs)) continue;
      // another waiter is breaking it: look again after the sleep below
    }
    if (holder !== 'unreadable') lastHolder = holder;
    if (!waited) debug(`lock: waiting for ${lockPath} (held by pid ${lastHolder?.pid ?? 'unknown'})`);
    waited = true;
    if (Date.now() - since >= waitMs) throw lockTimeout(lockPath, options.what, Date.now() - start, lastHolder);
    await sleep(pollMs * (0.5 + Math.random()));
  }
  let recorded = false;
  const recordFailure = (detail: string): void => {
    recorded = true;
    try {
      const group = options.failureGroup;
      writeFileAtomic(failedPath, JSON.stringify({ pid: process.pid, at: Date.now(), detail, ...(group !== undefined ? { group } : {}) } satisfies RecordedFailure));
    } catch (error) {
      debug(`lock: cannot record the failure in ${failedPath} (${describeReadError(error)})`);
    }
  };
  try {
    const result = await work({ waited, recordFailure });
    if (!recorded) removeQuietly(failedPath); // an old failure no longer holds
    return result;
  } finally {
    const holder = readHolder(lockPath);
    if (isHolder(holder) && holder.nonce === me.nonce) removeQuietly(lockPath);
  }
}

/** Why the lock counts as abandoned, or undefined while its holder may still be working. */
function whyAbandoned(lockPath: string, holder: Holder | 'unreadable', staleMs: number): string | undefined {
  if (holder === 'unreadable') return ageOf(lockPath) > UNREADABLE_GRACE_MS ? `it has held no owner for ${UNREADABLE_GRACE_MS / 1000} s` : undefined;
  if (holder.pid === process.pid) return undefined;
  if (!processIsAlive(holder.pid)) return `its process ${holder.pid} is gone`;
  if (Date.now() - holder.started > staleMs) return `it is older than ${staleMs / 1000} s`;
  return undefined;
}

/**
 * Removes an abandoned lock, atomically with respect to other waiters: reading it, then
 * removing it, would let a second waiter that read the same dead lock remove the lock a first
 * one had just broken and taken. So a waiter breaks only while it holds `<lock>.break` (O_EXCL),
 * and reads the lock again under it: only breakers remove another's lock, one at a time, so the
 * lock read there is the one removed. False when another waiter holds `<lock>.break`: look again
 * at the next poll. A break lock older than BREAK_GRACE_MS was left by a breaker killed in those
 * microseconds, and is removed.
 */
function breakLock(lockPath: string, seen: Holder | 'unreadable', staleMs: number): boolean {
  const breakPath = `${lockPath}.break`;
  let fd: number;
  try {
    fd = openSync(breakPath, 'wx', 0o600);
  } catch {
    if (ageOf(breakPath) > BREAK_GRACE_MS) removeQuietly(breakPath);
    return false;
  }
  closeSync(fd);
  try {
    const now = readHolder(lockPath);
    const same = seen === 'unreadable' ? now === 'unreadable' : isHolder(now) && now.nonce === seen.nonce;
    if (same && whyAbandoned(lockPath, now as Holder | 'unreadable', staleMs)) removeQuietly(lockPath);
    return true;
  } finally {
    removeQuietly(breakPath);
  }
}

const BREAK_GRACE_MS = 2000;

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

/**
 * The lock's holder, 'gone' when there is no lock file, 'unreadable' when it is being written
 * or damaged, `notALock` (why) when what is there is no lock awscreds could have made (a directory,
 * a FIFO, a device, a file over LOCK_FILE_MAX_BYTES).
 */
function readHolder(lockPath: string): Holder | 'gone' | 'unreadable' | { readonly notALock: string } {
  let text: string;
  try {
    text = readRegularFile(lockPath, LOCK_FILE_MAX_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof RefusedFileError) return { notALock: error.reason };
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

function isHolder(value: ReturnType<typeof readHolder>): value is Holder {
  return typeof value === 'object' && 'nonce' in value;
}

/** A lock file holds one line of JSON: pid, start time and nonce. */
const LOCK_FILE_MAX_BYTES = 4096;

/**
 * A holder writes its lock file right after creating it, so one that still names no owner after
 * this long was left by a process killed in between (or by something else): it is broken.
 */
const UNREADABLE_GRACE_MS = 3000;

/** How long ago the file was last written (0 when it is gone). */
function ageOf(path: string): number {
  try {
    return Date.now() - lstatSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already removed
  }
}

function lockTimeout(lockPath: string, what: string, waitedMs: number, holder: Holder | undefined): AwscredsError {
  const who = holder ? `another awscreds (pid ${holder.pid}) has held it since ${new Date(holder.started).toISOString()}` : 'the lock file is unreadable';
  return new AwscredsError(
    'FILESYSTEM',
    `waited ${Math.round(waitedMs / 1000)} s for the lock ${lockPath} on ${what}, and gave up: ${who}.`,
    `try again; if no awscreds is running, remove the lock file (rm ${lockPath}).`,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
