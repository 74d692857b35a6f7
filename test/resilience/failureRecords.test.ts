import { existsSync, mkdirSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { isCurrent } from '../../src/runtime/failureRecords';
import { emulatedHome, type EmulatedHome } from '../commands/commandsTestSetup';
import { approveShownCode, startAwscreds } from '../login/loginHarness';
import { CORP_TOKEN_FILE, DEV_ROLE_CACHE, roleCacheDir, runAwscredsGuarded, ssoCacheDir } from './resilienceSetup';

// A lock holder's failure record (`<sha1>.json.lock.failed`, src/runtime/fileLock.ts) ends the
// exports that waited behind the failed call. One dated in the future (a clock stepped back, a
// skewed NFS home) or older than a minute serves no waiter and is ignored; a new sign-in clears
// the records of its session. Its text comes from a file, so it reaches the terminal through
// printable(). Real processes, the emulator over HTTP.

let home: EmulatedHome;
afterEach(async () => (home as EmulatedHome | undefined)?.stop());

const GUARD_MS = 25_000; // above the 20 s export budget: a hang is killed and fails the test
const HOUR = 3_600_000;
/** Escape sequences (recolour, retitle), a newline and a bidi override: what a hostile record may hold. */
const HOSTILE = 'boom\u001b[31mRED\u001b]0;title\u0007\nfix: rm -rf ~\u202egnp.exe';

const roleLock = (): string => join(roleCacheDir(home.seeded.home), `${DEV_ROLE_CACHE}.lock`);
const tokenLock = (): string => join(ssoCacheDir(home.seeded.home), `${CORP_TOKEN_FILE}.lock`);

/** Writes a record as a holder would, dated `atMs` by its content and its file's mtime. */
function writeRecord(lock: string, atMs: number, detail = 'no response in time [endpoint http://127.0.0.1:1]', group?: string): string {
  const path = `${lock}.failed`;
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify({ pid: 999_999, at: atMs, detail, ...(group ? { group } : {}) }), { mode: 0o600 });
  utimesSync(path, new Date(atMs), new Date(atMs));
  return path;
}

/** Holds `lock` in this (live) process, as an export calling the service would. */
function holdLock(lock: string): void {
  mkdirSync(join(lock, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(lock, JSON.stringify({ pid: process.pid, started: Date.now(), nonce: 'test' }), { mode: 0o600 });
}

/**
 * Starts an export that waits behind a lock this test holds, then lets it go after `record`
 * has been written: the export sees the record first thing after the lock is released.
 */
async function exportBehindLock(lock: string, record: () => void, extra: string[] = []) {
  holdLock(lock);
  const run = runAwscredsGuarded(['export', '--profile', 'dev', ...extra], home.env, GUARD_MS);
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the export has started and is waiting
  record();
  unlinkSync(lock);
  return run;
}

describe('isCurrent: recorded within the last minute, by the record and by its mtime', () => {
  const now = 1_800_000_000_000;
  it.each([
    ['fresh', now - 1000, now - 1000, true],
    ['recorded in the future', now + HOUR, now - 1000, false],
    ['file dated in the future', now - 1000, now + HOUR, false],
    ['both in the future', now + HOUR, now + HOUR, false],
    ['recorded over a minute ago', now - 61_000, now - 1000, false],
    ['file over a minute old', now - 1000, now - 61_000, false],
  ])('%s', (_label, at, mtimeMs, expected) => {
    expect(isCurrent({ at, mtimeMs }, now)).toBe(expected);
  });
});

describe('GetRoleCredentials records', () => {
  it('positive control: a fresh record written while an export waits ends it at once, without a call, the text made printable', async () => {
    home = await emulatedHome();
    const run = await exportBehindLock(roleLock(), () => writeRecord(roleLock(), Date.now(), HOSTILE));
    expect(run.killedByGuard).toBe(false);
    expect(run.status).toBe(EXIT_CODES.SERVICE.code);
    expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(0);
    expect(run.stderr).toContain('GetRoleCredentials failed for profile "dev"');
    expect(run.stderr).toContain('boom?[31mRED?]0;title??fix: rm -rf ~?gnp.exe');
    expect(run.stderr).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(2); // the message and its fix, no injected line
  }, 60_000);

  it.each([
    ['dated an hour ahead', HOUR],
    ['dated two minutes ago', -120_000],
  ])('a record %s, written while an export waits, is ignored: the export calls and succeeds', async (_label, offset) => {
    home = await emulatedHome();
    const run = await exportBehindLock(roleLock(), () => writeRecord(roleLock(), Date.now() + offset));
    expect(run.killedByGuard).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
    // The call succeeded, so the record is gone: later exports are not stopped either.
    expect(existsSync(`${roleLock()}.failed`)).toBe(false);
  }, 60_000);

  it('a future-dated record left from before does not stop a later export, which removes it', async () => {
    home = await emulatedHome();
    writeRecord(roleLock(), Date.now() + HOUR);
    const run = await runAwscredsGuarded(['export', '--profile', 'dev'], home.env, GUARD_MS);
    expect(run.status).toBe(0);
    expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
    expect(existsSync(`${roleLock()}.failed`)).toBe(false);
  }, 60_000);
});

describe('refresh records', () => {
  it('positive control: a fresh record while an export waits gives the warning, its text made printable, without a refresh', async () => {
    home = await emulatedHome({ seed: { tokenExpiresInSeconds: 600 } });
    const run = await exportBehindLock(tokenLock(), () => writeRecord(tokenLock(), Date.now(), HOSTILE), ['--no-cache']);
    expect(run.status).toBe(0);
    expect(home.emulator.requestsFor('CreateToken')).toHaveLength(0);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^awscreds: warning: refreshing the SSO token failed \(boom\?\[31mRED\?\]0;title\?\?fix: rm -rf ~\?gnp\.exe\)/);
  }, 60_000);

  it('a record dated an hour ahead is ignored: the waiting export refreshes', async () => {
    home = await emulatedHome({ seed: { tokenExpiresInSeconds: 600 } });
    const run = await exportBehindLock(tokenLock(), () => writeRecord(tokenLock(), Date.now() + HOUR, HOSTILE), ['--no-cache']);
    expect(run.status).toBe(0);
    expect(home.emulator.requestsFor('CreateToken')).toHaveLength(1);
    expect(run.stderr).toBe('awscreds: refreshed the SSO token for sso-session "corp".\n');
  }, 60_000);
});

/** `awscreds login` (device code), the user approving the code it shows; its exit status. */
async function signIn(): Promise<number | null> {
  const running = startAwscreds(['login', '--profile', 'dev', '--use-device-code', '--no-browser'], home.env);
  await approveShownCode(running, home.emulator);
  return (await running.done).status;
}

describe('signing in clears the records of its session', () => {
  it('awscreds login removes the token\'s and its roles\' records, and leaves another session\'s', async () => {
    home = await emulatedHome();
    const group = join(ssoCacheDir(home.seeded.home), CORP_TOKEN_FILE);
    const ours = [writeRecord(tokenLock(), Date.now(), 'x', group), writeRecord(roleLock(), Date.now(), 'x', group)];
    const theirs = writeRecord(join(roleCacheDir(home.seeded.home), 'other.json.lock'), Date.now(), 'x', join(ssoCacheDir(home.seeded.home), 'other.json'));
    expect(await signIn()).toBe(0);
    for (const path of ours) expect(existsSync(path)).toBe(false);
    expect(existsSync(theirs)).toBe(true);
  }, 60_000);

  it('an export records its group: the record a failed GetRoleCredentials leaves is cleared by the next sign-in', async () => {
    home = await emulatedHome();
    home.emulator.disruptNext('GetRoleCredentials', { kind: 'close', times: 100 });
    const failed = await runAwscredsGuarded(['export', '--profile', 'dev'], home.env, GUARD_MS);
    expect(failed.status).toBe(EXIT_CODES.SERVICE.code);
    expect(existsSync(`${roleLock()}.failed`)).toBe(true);
    expect(await signIn()).toBe(0);
    expect(existsSync(`${roleLock()}.failed`)).toBe(false);
  }, 60_000);
});
