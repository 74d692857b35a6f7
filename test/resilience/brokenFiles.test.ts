import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { emulatedHomeForEachTest } from '../commands/commandsTestSetup';
import { CORP_TOKEN_FILE, DEV_ROLE_CACHE, deadPid, roleCacheDir, runAwscredsGuarded, ssoCacheDir } from './resilienceSetup';

// Broken files at cache and config paths: refused without blocking (a FIFO would hang a plain
// read forever), named in the message with the fix; a damaged role cache is only a miss.

const home = emulatedHomeForEachTest();
beforeEach(() => mkdirSync(roleCacheDir(home.seeded.home), { recursive: true, mode: 0o700 }));

const GUARD_MS = 30_000; // a read that blocked would be killed here, and fail the test
const exportDev = (args: string[] = []) => runAwscredsGuarded(['export', '--profile', 'dev', ...args], home.env, GUARD_MS);
const roleCache = (): string => join(roleCacheDir(home.seeded.home), DEV_ROLE_CACHE);
const tokenPath = (): string => join(ssoCacheDir(home.seeded.home), CORP_TOKEN_FILE);
const mkfifo = (path: string): void => void execFileSync('mkfifo', ['-m', '600', path]);
const warnings = (stderr: string): number => stderr.split('\n').filter((l) => l.startsWith('awscreds: warning:')).length;

describe('at the role-credential cache path', () => {
  const cases: Array<[string, (path: string) => void, string]> = [
    ['a FIFO', (p) => mkfifo(p), 'a FIFO'],
    ['a symlink to a FIFO', (p) => (mkfifo(`${p}.fifo`), symlinkSync(`${p}.fifo`, p)), 'a FIFO'],
    ['a character device (symlink to /dev/zero)', (p) => symlinkSync('/dev/zero', p), 'a character device'],
    ['an oversized file', (p) => writeFileSync(p, Buffer.alloc(2 * 1024 * 1024, 0x20)), 'over the'],
    ['truncated JSON', (p) => writeFileSync(p, '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIA'), 'not a role-credential cache entry'],
  ];
  it.each(cases)('%s is refused without blocking, refetched and rewritten', async (_label, make, fragment) => {
    make(roleCache());
    const run = await exportDev();
    expect(run.killedByGuard).toBe(false);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(roleCache());
    expect(run.stderr).toContain(fragment);
    expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
    // Rewritten as a regular file the next export reads without a request.
    expect(JSON.parse(readFileSync(roleCache(), 'utf8')).Credentials.AccessKeyId).toBe(home.emulator.issuedRoleCredentials[0]?.accessKeyId);
    const again = await exportDev();
    expect(again.stderr).toBe('');
    expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
  }, 60_000);

  it('a directory is refused; the set is still exported, with one warning', async () => {
    mkdirSync(roleCache());
    const run = await exportDev();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(home.emulator.issuedRoleCredentials[0]?.accessKeyId);
    expect(warnings(run.stderr)).toBe(1);
    expect(run.stderr).toContain('could not cache the role credentials');
  }, 60_000);
});

describe('at the SSO token path', () => {
  it.each([
    ['a FIFO', (p: string) => mkfifo(p), 'a FIFO'],
    ['a directory', (p: string) => mkdirSync(p), 'a directory'],
    ['an oversized file', (p: string) => writeFileSync(p, Buffer.alloc(2 * 1024 * 1024, 0x20)), 'over the'],
  ])('%s is refused without blocking, naming the file and the fix', async (_label, make, fragment) => {
    rmSync(tokenPath());
    make(tokenPath());
    const run = await exportDev(['--no-login']);
    expect(run.killedByGuard).toBe(false);
    expect(run.status).toBe(EXIT_CODES.FILESYSTEM.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain(`cannot read the SSO token cache file ${tokenPath()}: it is ${fragment}`.replace('it is over the', 'it is'));
    expect(run.stderr).toContain('fix: remove it');
    expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(0);
  }, 60_000);

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2), 'not valid JSON'],
    ['empty', () => '', 'it is empty'],
    ['without an accessToken', () => '{"expiresAt": "2030-01-01T00:00:00Z"}', 'lacks a usable accessToken'],
  ])('a %s token file: not signed in, naming the file, and the fix is to sign in again', async (_label, damage, fragment) => {
    writeFileSync(tokenPath(), damage(readFileSync(tokenPath(), 'utf8')));
    const run = await exportDev(['--no-login']);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stderr).toContain(`the SSO token cache file ${tokenPath()} is damaged`);
    expect(run.stderr).toContain(fragment);
    expect(run.stderr).toContain('fix: sign in with `awscreds login --profile dev`');
    expect(existsSync(roleCache())).toBe(false);
  }, 60_000);
});

describe('cache writes that fail', () => {
  it('after a refresh, a role cache that cannot be written: the set is exported, with one warning', async () => {
    home.reseed({ tokenExpiresInSeconds: 600 });
    // Tests run as root, which ignores modes: a file where ~/.aws/cli should be makes every
    // write (and the lock) below it fail with ENOTDIR instead.
    writeFileSync(join(home.seeded.home, '.aws', 'cli'), 'not a directory');
    const run = await exportDev();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(home.emulator.issuedRoleCredentials[0]?.accessKeyId);
    expect(warnings(run.stderr)).toBe(1);
    expect(home.emulator.requestsFor('CreateToken')).toHaveLength(1);
  }, 60_000);
});

describe('temp files left by a killed writer', () => {
  it('are swept at the next cache write; a live writer\'s is left alone', async () => {
    const dead = await deadPid();
    const stale = join(roleCacheDir(home.seeded.home), `.${dead}-abc123.tmp`);
    const old = join(roleCacheDir(home.seeded.home), `.${process.pid}-old123.tmp`);
    const live = join(roleCacheDir(home.seeded.home), `.${process.pid}-live123.tmp`);
    for (const path of [stale, old, live]) writeFileSync(path, 'partial', { mode: 0o600 });
    utimesSync(old, new Date(Date.now() - 5 * 60_000), new Date(Date.now() - 5 * 60_000));
    const run = await exportDev();
    expect(run.status).toBe(0);
    expect(readdirSync(roleCacheDir(home.seeded.home)).sort()).toEqual([`.${process.pid}-live123.tmp`, DEV_ROLE_CACHE].sort());
  }, 60_000);
});

describe('at ~/.aws/config', () => {
  it.each([
    ['a FIFO', (p: string) => mkfifo(p), 'a FIFO'],
    ['a symlink to /dev/zero', (p: string) => symlinkSync('/dev/zero', p), 'a character device'],
  ])('%s is refused without blocking, naming the file', async (_label, make, fragment) => {
    rmSync(home.seeded.configFile);
    make(home.seeded.configFile);
    const run = await exportDev();
    expect(run.killedByGuard).toBe(false);
    expect(run.status).toBe(EXIT_CODES.FILESYSTEM.code);
    expect(run.stderr).toContain(`cannot read ${home.seeded.configFile}: it is ${fragment}`);
  }, 60_000);

  it('a symlink to a regular file is followed (dotfile repositories do this)', async () => {
    const real = join(home.seeded.home, 'dotfiles-config');
    writeFileSync(real, readFileSync(home.seeded.configFile));
    rmSync(home.seeded.configFile);
    symlinkSync(real, home.seeded.configFile);
    const run = await exportDev();
    expect(run.status).toBe(0);
  }, 60_000);
});
