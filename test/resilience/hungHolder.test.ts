import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { NETWORK_POLICY } from '../../src/runtime/network';
import { emulatedHome, type EmulatedHome } from '../commands/commandsTestSetup';
import { CORP_TOKEN_FILE, DEV_ROLE_CACHE, roleCacheDir, runAwscredsGuarded, ssoCacheDir } from './resilienceSetup';

// Many exports queued behind a lock holder whose call hangs: the holder records its failure
// beside the lock, and the exports that waited fail at once with the same message instead of
// calling the hung service again, one after the other (src/runtime/fileLock.ts). Real processes,
// the emulator over HTTP.

let home: EmulatedHome;
afterEach(async () => home.stop());

const EXPORTS = 6;
// A safety net above the 20 s bound (plus process start on a loaded machine), never the subject:
// before the failure record, the last of six exports ran about 6 × 9 s behind the first.
const GUARD_MS = 25_000;

const exportsAtOnce = (extra: string[] = []) =>
  Promise.all(Array.from({ length: EXPORTS }, () => runAwscredsGuarded(['export', '--profile', 'dev', ...extra], home.env, GUARD_MS)));

const firstLine = (stderr: string): string => stderr.split('\n')[0] ?? '';
const leftovers = (): string[] =>
  [...readdirSync(ssoCacheDir(home.seeded.home)), ...(existsSync(roleCacheDir(home.seeded.home)) ? readdirSync(roleCacheDir(home.seeded.home)) : [])].filter((n) => n.endsWith('.lock') || n.endsWith('.tmp'));

it('six exports behind a hung GetRoleCredentials all fail within the bound, naming the endpoint; one export calls it', async () => {
  home = await emulatedHome();
  home.emulator.disruptNext('GetRoleCredentials', { kind: 'hang', times: 100 });
  const runs = await exportsAtOnce();
  for (const run of runs) {
    expect(run.killedByGuard).toBe(false);
    expect(run.status).toBe(EXIT_CODES.SERVICE.code);
    expect(run.stdout).toBe('false\n');
    expect(firstLine(run.stderr)).toContain('no response in time');
    expect(firstLine(run.stderr)).toContain(`endpoint ${home.emulator.url}`);
  }
  // The same one-line message in every terminal: the holder's, replayed.
  expect(new Set(runs.map((r) => r.stderr)).size).toBe(1);
  // One caller's attempts: without the record every export would call in turn (6 × 2 attempts).
  expect(home.emulator.requestsFor('GetRoleCredentials').length).toBeLessThanOrEqual(NETWORK_POLICY.maxAttempts);
  expect(leftovers()).toEqual([]);
  // The record the waiters read: the endpoint and the error kind, no secret.
  const record = readFileSync(join(roleCacheDir(home.seeded.home), `${DEV_ROLE_CACHE}.lock.failed`), 'utf8');
  expect(record).toContain(`endpoint ${home.emulator.url}`);
  expect(record).not.toContain(home.seeded.sessionToken?.accessToken ?? 'no token');
}, 90_000);

it('six exports behind a hung refresh of an expired token all ask for a sign-in, naming the endpoint; one export refreshes', async () => {
  home = await emulatedHome({ seed: { expired: true } });
  home.emulator.disruptNext('CreateToken', { kind: 'hang', times: 100 });
  const runs = await exportsAtOnce();
  for (const run of runs) {
    expect(run.killedByGuard).toBe(false);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(firstLine(run.stderr)).toContain('refreshing it failed (no response in time');
    expect(firstLine(run.stderr)).toContain(`endpoint ${home.emulator.url}`);
  }
  expect(new Set(runs.map((r) => r.stderr)).size).toBe(1);
  expect(home.emulator.requestsFor('CreateToken').length).toBeLessThanOrEqual(NETWORK_POLICY.maxAttempts);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(0);
  expect(leftovers()).toEqual([]);
  const record = readFileSync(join(ssoCacheDir(home.seeded.home), `${CORP_TOKEN_FILE}.lock.failed`), 'utf8');
  expect(record).toContain(`endpoint ${home.emulator.url}`);
  for (const secret of [home.seeded.sessionToken?.accessToken, home.seeded.sessionToken?.refreshToken, home.seeded.sessionToken?.clientSecret]) expect(record).not.toContain(secret ?? 'none');
}, 90_000);

it('six --no-cache exports behind a hung refresh of a still-valid token all export, each with the same warning; one export refreshes', async () => {
  // --no-cache: no role cache to find, so every export goes through the token lock.
  home = await emulatedHome({ seed: { tokenExpiresInSeconds: 600 } });
  home.emulator.disruptNext('CreateToken', { kind: 'hang', times: 100 });
  const runs = await exportsAtOnce(['--no-cache']);
  for (const run of runs) {
    expect(run.killedByGuard).toBe(false);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^awscreds: warning: refreshing the SSO token failed \(no response in time/);
    expect(run.stderr).toContain(`endpoint ${home.emulator.url}`);
  }
  expect(new Set(runs.map((r) => r.stderr)).size).toBe(1);
  expect(home.emulator.requestsFor('CreateToken').length).toBeLessThanOrEqual(NETWORK_POLICY.maxAttempts);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(EXPORTS);
  expect(leftovers()).toEqual([]);
}, 90_000);

it('a failure recorded before an export began is not replayed: that export calls again', async () => {
  home = await emulatedHome();
  home.emulator.disruptNext('GetRoleCredentials', { kind: 'hang', times: 100 });
  const first = await runAwscredsGuarded(['export', '--profile', 'dev'], home.env, GUARD_MS);
  expect(first.status).toBe(EXIT_CODES.SERVICE.code);
  const calls = home.emulator.requestsFor('GetRoleCredentials').length;
  home.emulator.clearFaults();
  const second = await runAwscredsGuarded(['export', '--profile', 'dev'], home.env, GUARD_MS);
  expect(second.status).toBe(0);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(calls + 1);
  // A success removes the record.
  expect(existsSync(join(roleCacheDir(home.seeded.home), `${DEV_ROLE_CACHE}.lock.failed`))).toBe(false);
}, 90_000);

it('a lock holder that takes the lock late has its call cut off at the export deadline', async () => {
  home = await emulatedHome();
  home.emulator.disruptNext('GetRoleCredentials', { kind: 'hang', times: 100 });
  // This test process holds the lock (alive, so never broken) for 19 s of the 20 s budget.
  const lock = join(roleCacheDir(home.seeded.home), `${DEV_ROLE_CACHE}.lock`);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(roleCacheDir(home.seeded.home), { recursive: true, mode: 0o700 });
  writeFileSync(lock, JSON.stringify({ pid: process.pid, started: Date.now(), nonce: 'late' }), { mode: 0o600 });
  const release = setTimeout(() => unlinkSync(lock), 19_000);
  const run = await runAwscredsGuarded(['export', '--profile', 'dev'], home.env, GUARD_MS);
  clearTimeout(release);
  // Without the deadline: 19 s, then two 4.5 s attempts, 28 s in all.
  expect(run.killedByGuard).toBe(false);
  expect(run.status).toBe(EXIT_CODES.SERVICE.code);
  expect(firstLine(run.stderr)).toContain('no response in time');
  expect(firstLine(run.stderr)).toContain(`endpoint ${home.emulator.url}`);
  // One attempt, cut off: neither its 4.5 s timeout nor a retry was reached.
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
}, 90_000);
