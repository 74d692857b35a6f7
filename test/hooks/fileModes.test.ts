import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatedHomeForEachTest } from '../commands/commandsTestSetup';
import { AWSCREDS_BIN, runProcess } from '../helpers/runAwscreds';

// The modes of the files awscreds creates, under the user's umask, running the built CLI under
// `sh -c 'umask U; exec …'`: a file that holds no secret (a new rc file, the hook file) gets
// 0644 less the umask and never more than the file it replaces; an edited rc file keeps its
// mode exactly; every secret (token, role credentials) is 0600 in 0700 directories whatever
// the umask.

const mode = (path: string): string => (statSync(path).mode & 0o7777).toString(8).padStart(4, '0');

/** Runs the built CLI under `umask`, with `env`; its exit status and stderr. */
function underUmask(umask: string, args: readonly string[], env: Record<string, string>): { status: number | null; stderr: string } {
  const run = spawnSync('/bin/sh', ['-c', `umask ${umask}; exec "$0" "$@"`, process.execPath, AWSCREDS_BIN, ...args], { env, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

describe('hook install: the rc file and the hook file', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'awscreds-modes-'));
    chmodSync(home, 0o700);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  const env = (): Record<string, string> => ({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' });
  const rc = (): string => join(home, '.bashrc');
  const hookFile = (): string => join(home, '.local', 'share', 'awscreds', 'hook.bash');
  const install = (umask: string) => underUmask(umask, ['hook', 'install', '--shell', 'bash'], env());

  it.each([
    ['077', '0600'],
    ['027', '0640'],
    ['022', '0644'],
    ['002', '0644'], // never group-writable: a shell runs both as code
    ['000', '0644'],
  ])('new files under umask %s are %s', (umask, expected) => {
    const run = install(umask);
    expect(run).toEqual({ status: 0, stderr: expect.any(String) });
    expect(mode(rc())).toBe(expected);
    expect(mode(hookFile())).toBe(expected);
  });

  it.each([
    ['0600', '022'],
    ['0640', '022'],
    ['0664', '077'],
    ['0444', '022'],
  ])('an existing rc file of mode %s, edited under umask %s, keeps its mode (and its backup has it)', (before, umask) => {
    writeFileSync(rc(), 'alias ll="ls -l"\n');
    chmodSync(rc(), Number.parseInt(before, 8));
    const run = install(umask);
    expect(run.status).toBe(0);
    expect(mode(rc())).toBe(before);
    expect(mode(`${rc()}.awscreds-backup`)).toBe(before);
  });

  it('a hook file rewritten (`hook bash --file`) is never more open than the one it replaces', () => {
    expect(install('022').status).toBe(0);
    chmodSync(hookFile(), 0o600);
    expect(underUmask('022', ['hook', 'bash', '--file', hookFile()], env()).status).toBe(0);
    expect(mode(hookFile())).toBe('0600');
    // Positive control: a new one under 022 is 0644.
    rmSync(hookFile());
    expect(underUmask('022', ['hook', 'bash', '--file', hookFile()], env()).status).toBe(0);
    expect(mode(hookFile())).toBe('0644');
  });
});

describe('secrets: 0600 files in 0700 directories whatever the umask', () => {
  const home = emulatedHomeForEachTest();
  it.each(['000', '022', '077'])('export under umask %s', async (umask) => {
    // Asynchronous: the emulator answers from this process.
    const run = await runProcess('/bin/sh', ['-c', `umask ${umask}; exec "$0" "$@"`, process.execPath, AWSCREDS_BIN, 'export', '--profile', 'dev'], { ...home.env, XDG_CACHE_HOME: join(home.seeded.home, '.cache') });
    expect(run.status).toBe(0);
    const cliCache = join(home.seeded.home, '.aws', 'cli', 'cache');
    expect(mode(join(home.seeded.home, '.aws', 'cli'))).toBe('0700');
    expect(mode(cliCache)).toBe('0700');
    const files = readdirSync(cliCache);
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) expect(`${name} ${mode(join(cliCache, name))}`).toBe(`${name} 0600`);
    const privateCache = join(home.seeded.home, '.cache', 'awscreds');
    if (existsSync(privateCache)) {
      expect(mode(privateCache)).toBe('0700');
      for (const name of readdirSync(privateCache)) expect(`${name} ${mode(join(privateCache, name))}`).toBe(`${name} 0600`);
    }
  });
});
