import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { emulatedHomeForEachTest } from '../commands/commandsTestSetup';
import { childEnv } from '../emulator/seedHome';
import { AWSCREDS_BIN, runProcess } from '../helpers/runAwscreds';
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

  it('a refreshed SSO token that cannot be saved: the set is exported, with one warning naming the file and the fix, and no temp file left', async () => {
    home.reseed({ tokenExpiresInSeconds: 600 });
    const { seeded, emulator } = home;
    const cacheDir = ssoCacheDir(seeded.home);
    const before = readFileSync(tokenPath(), 'utf8');
    // Root ignores file modes only through its capabilities, so as root awscreds runs as root
    // without any (setpriv: it still reads the checkout and node_modules wherever they are),
    // beside a token file nobody (65534) owns, in a sticky, world-writable ~/.aws/sso/cache of
    // nobody's: root reads the token (group 0), creates and writes the temp file, and is refused
    // the rename over nobody's file (EPERM), so the temp file has to be cleaned up. As another
    // user, a read-only ~/.aws/sso/cache refuses the temp file itself (EACCES).
    const asRoot = process.getuid?.() === 0;
    let command = process.execPath;
    let args = [AWSCREDS_BIN, 'export', '--profile', 'dev'];
    if (asRoot) {
      chownSync(cacheDir, 65534, 65534);
      chmodSync(cacheDir, 0o1777);
      chownSync(tokenPath(), 65534, 0);
      chmodSync(tokenPath(), 0o640);
      args = ['--bounding-set=-all', '--inh-caps=-all', '--', command, ...args];
      command = 'setpriv';
    } else {
      chmodSync(cacheDir, 0o500);
    }
    const runEnv = { ...childEnv(seeded.env), SHELL: '/bin/bash', XDG_CACHE_HOME: join(seeded.home, '.cache') };
    const run = await runProcess(command, args, runEnv);
    if (!asRoot) chmodSync(cacheDir, 0o700);

    expect(run.status).toBe(0);
    expect(emulator.requestsFor('CreateToken')).toHaveLength(1);
    // Exactly one warning, naming the file and the fix, and nothing else on stderr.
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^awscreds: warning: refreshed the SSO token for sso-session "corp" but could not save it to /);
    expect(lines[0]).toContain(`${tokenPath()} (${asRoot ? 'EPERM' : 'EACCES'})`);
    expect(lines[1]).toMatch(/^  fix: make ~\/\.aws\/sso\/cache a directory you own/);
    // The block, evaluated by bash, sets the three variables to the set GetRoleCredentials issued.
    const issued = emulator.issuedRoleCredentials[0];
    const shell = await runProcess('/bin/bash', ['-c', 'eval "$(cat)" && printf "%s\\n" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN"'], { PATH: process.env.PATH ?? '/usr/bin:/bin' }, run.stdout);
    expect(shell.stdout).toBe(`${issued?.accessKeyId}\n${issued?.secretAccessKey}\n${issued?.sessionToken}\n`);
    // The old token stays as it was, and nothing else is left beside it: no temp file, no lock.
    expect(readdirSync(cacheDir)).toEqual([CORP_TOKEN_FILE]);
    expect(readFileSync(tokenPath(), 'utf8')).toBe(before);
    if (asRoot) expect(statSync(tokenPath()).uid).toBe(65534);
  }, 60_000);
});

describe('temp files left by a killed writer', () => {
  it('are swept at the next cache write, with old and future-dated failure records; a live writer\'s is left alone', async () => {
    const dead = await deadPid();
    const stale = join(roleCacheDir(home.seeded.home), `.${dead}-abc123.tmp`);
    const old = join(roleCacheDir(home.seeded.home), `.${process.pid}-old123.tmp`);
    const live = join(roleCacheDir(home.seeded.home), `.${process.pid}-live123.tmp`);
    // A lock holder's record of a failed call, for its waiters: an old one goes, a fresh one stays.
    const oldRecord = join(roleCacheDir(home.seeded.home), 'a.json.lock.failed');
    const freshRecord = join(roleCacheDir(home.seeded.home), 'b.json.lock.failed');
    // One dated in the future (a clock set back since) serves no waiter either.
    const futureRecord = join(roleCacheDir(home.seeded.home), 'c.json.lock.failed');
    for (const path of [stale, old, live, oldRecord, freshRecord, futureRecord]) writeFileSync(path, 'partial', { mode: 0o600 });
    for (const path of [old, oldRecord]) utimesSync(path, new Date(Date.now() - 5 * 60_000), new Date(Date.now() - 5 * 60_000));
    utimesSync(futureRecord, new Date(Date.now() + 3_600_000), new Date(Date.now() + 3_600_000));
    const run = await exportDev();
    expect(run.status).toBe(0);
    expect(readdirSync(roleCacheDir(home.seeded.home)).sort()).toEqual([`.${process.pid}-live123.tmp`, 'b.json.lock.failed', DEV_ROLE_CACHE].sort());
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
