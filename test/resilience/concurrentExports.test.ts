import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { childEnv, seedSignedInHome, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds } from '../helpers/runAwscreds';
import { CORP_TOKEN_FILE, DEV_ROLE_CACHE, deadPid, roleCacheDir, runAwscredsGuarded, ssoCacheDir } from './resilienceSetup';

// One refresh, one fetch: N exports started at once on a token that needs refreshing share the
// work through lock files beside the caches (src/runtime/fileLock.ts). Real processes, real
// files, the emulator over HTTP.

let emulator: SsoEmulator;
let seeded: SeededHome;
let env: Record<string, string>;

beforeEach(async () => {
  emulator = await startSsoEmulator();
  // Inside the 15-minute refresh window: every export that misses the role cache refreshes.
  seeded = seedSignedInHome(emulator, { tokenExpiresInSeconds: 600 });
  env = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
});
afterEach(async () => {
  seeded.cleanup();
  await emulator.stop();
});

const lockFiles = (): string[] => [...readdirSync(ssoCacheDir(seeded.home)), ...(existsSync(roleCacheDir(seeded.home)) ? readdirSync(roleCacheDir(seeded.home)) : [])].filter((n) => n.endsWith('.lock'));

it('20 exports at once refresh the token once and call GetRoleCredentials once; all export the same set', async () => {
  const runs = await Promise.all(Array.from({ length: 20 }, () => runAwscreds(['export', '--profile', 'dev'], env)));
  for (const run of runs) expect({ status: run.status, stderr: run.stderr.replace(/^awscreds: refreshed the SSO token.*\n/m, '') }).toEqual({ status: 0, stderr: '' });
  expect(emulator.requestsFor('CreateToken')).toHaveLength(1);
  expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
  const keyId = emulator.issuedRoleCredentials[0]?.accessKeyId ?? 'none';
  for (const run of runs) expect(run.stdout).toContain(keyId);
  expect(lockFiles()).toEqual([]);
}, 120_000);

it('20 exports at once with --no-cache refresh the token once (each fetches its own set)', async () => {
  const runs = await Promise.all(Array.from({ length: 20 }, () => runAwscreds(['export', '--profile', 'dev', '--no-cache'], env)));
  for (const run of runs) expect(run.status).toBe(0);
  expect(emulator.requestsFor('CreateToken')).toHaveLength(1);
  // Positive control for the count above: without the role cache, nothing is shared.
  expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(20);
  expect(lockFiles()).toEqual([]);
}, 120_000);

it('a lock left by a killed export is broken, and the next export succeeds', async () => {
  // The first export hangs in CreateToken holding both locks, and is killed there.
  emulator.disruptNext('CreateToken', { kind: 'hang' });
  const first = runAwscredsGuarded(['export', '--profile', 'dev'], env, 60_000);
  while (emulator.requestsFor('CreateToken').length === 0) await new Promise((r) => setTimeout(r, 50));
  expect(lockFiles().sort()).toEqual([`${CORP_TOKEN_FILE}.lock`, `${DEV_ROLE_CACHE}.lock`].sort());
  const held = JSON.parse(readFileSync(join(ssoCacheDir(seeded.home), `${CORP_TOKEN_FILE}.lock`), 'utf8'));
  process.kill(held.pid, 'SIGKILL');
  expect((await first).status).toBeNull(); // killed, so it released nothing
  expect(lockFiles()).toHaveLength(2);

  const second = await runAwscredsGuarded(['export', '--profile', 'dev', '--debug'], env, 60_000);
  expect(second.killedByGuard).toBe(false);
  expect(second.status).toBe(0);
  expect(second.stderr).toContain(`its process ${held.pid} is gone`);
  expect(emulator.requestsFor('CreateToken')).toHaveLength(2);
  expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
  expect(lockFiles()).toEqual([]);
}, 120_000);

it('a lock older than a minute is broken even when its pid is alive (pid reused)', async () => {
  const lock = join(ssoCacheDir(seeded.home), `${CORP_TOKEN_FILE}.lock`);
  writeFileSync(lock, JSON.stringify({ pid: process.pid, started: Date.now() - 120_000, nonce: 'old' }), { mode: 0o600 });
  const run = await runAwscredsGuarded(['export', '--profile', 'dev', '--debug'], env, 60_000);
  expect(run.status).toBe(0);
  expect(run.stderr).toContain('it is older than 60 s');
  expect(lockFiles()).toEqual([]);
}, 60_000);

it('a role-cache lock whose recorded process is gone is broken at once', async () => {
  const pid = await deadPid();
  const lock = join(roleCacheDir(seeded.home), `${DEV_ROLE_CACHE}.lock`);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(roleCacheDir(seeded.home), { recursive: true, mode: 0o700 });
  writeFileSync(lock, JSON.stringify({ pid, started: Date.now(), nonce: 'dead' }), { mode: 0o600 });
  const run = await runAwscredsGuarded(['export', '--profile', 'dev'], env, 60_000);
  expect(run.status).toBe(0);
  expect(lockFiles()).toEqual([]);
}, 60_000);

it('waiting for a live holder is bounded, and ends naming the lock file and the fix', async () => {
  // This test process holds the lock and stays alive: the export waits for it, then gives up.
  const lock = join(ssoCacheDir(seeded.home), `${CORP_TOKEN_FILE}.lock`);
  writeFileSync(lock, JSON.stringify({ pid: process.pid, started: Date.now(), nonce: 'live' }), { mode: 0o600 });
  const run = await runAwscredsGuarded(['export', '--profile', 'dev'], env, 90_000);
  expect(run.killedByGuard).toBe(false);
  expect(run.status).toBe(EXIT_CODES.FILESYSTEM.code);
  expect(run.stdout).toBe('false\n');
  expect(run.stderr).toContain(`the lock ${lock}`);
  expect(run.stderr).toContain(`another awscreds (pid ${process.pid})`);
  expect(run.stderr).toContain(`rm ${lock}`);
  expect(emulator.requestsFor('CreateToken')).toHaveLength(0);
  expect(existsSync(lock)).toBe(true); // not ours to remove
}, 120_000);
