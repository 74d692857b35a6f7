import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { version } from '../package.json';
import { emulatedHome, type EmulatedHome } from './commands/commandsTestSetup';
import { runProcess } from './helpers/runAwscreds';

// The packed tarball must hold everything the binary needs at run time: install it into a
// fresh prefix (from npm's cache, as CI has just run `npm ci`) and run it from there: the
// hooks (shell/), the lazily loaded command bundles (dist/lazy/) and a real export against
// the emulator, each through the installed `awscreds` only.
describe('npm pack', () => {
  const root = join(__dirname, '..');
  const work = mkdtempSync(join(tmpdir(), 'awscreds-pack-'));
  const prefix = join(work, 'prefix');
  const bin = join(prefix, 'bin', 'awscreds');
  let listing: string[] = [];
  let home: EmulatedHome | undefined;
  afterAll(async () => {
    await home?.stop();
    rmSync(work, { recursive: true, force: true });
  });
  /** PATH with only the installed package's bin before the system's. */
  const pathWithInstalled = (): string => `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`;

  beforeAll(() => {
    execFileSync('npm', ['pack', '--pack-destination', work, '--ignore-scripts'], { cwd: root, stdio: 'pipe' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBe(`awscreds-${version}.tgz`);
    listing = execFileSync('tar', ['-tzf', join(work, tarball as string)], { encoding: 'utf8' }).split('\n').filter((f) => f !== '');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball as string)], { stdio: 'pipe' });
  }, 180_000);

  it('holds the binary, the shell files and every lazy bundle, and no sources', () => {
    const shellFiles = ['hook.bash', 'hook.zsh', 'hook-bash-zsh.sh', 'hook.fish', 'completion.bash', 'completion.zsh', 'completion.fish'].map((f) => `package/shell/${f}`);
    expect(listing).toEqual(expect.arrayContaining(['package/dist/awscreds.cjs', 'package/dist/main.cjs', 'package/README.md', 'package/package.json', ...shellFiles]));
    // Every bundle the build made (npm test builds before jest runs) is in the tarball.
    const lazyBuilt = readdirSync(join(root, 'dist', 'lazy')).filter((f) => f.endsWith('.cjs'));
    expect(lazyBuilt.length).toBeGreaterThan(0);
    expect(listing.filter((f) => f.startsWith('package/dist/lazy/')).sort()).toEqual(lazyBuilt.map((f) => `package/dist/lazy/${f}`).sort());
    expect(listing.filter((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
  });

  it('installs into an empty prefix and runs', () => {
    expect(existsSync(bin)).toBe(true);
    const run = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work } });
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.status).toBe(0);
    const help = spawnSync(bin, ['export', '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work } });
    expect(help.stdout).toContain('--profile');
  });

  it.each([
    ['bash', ['--norc', '--noprofile', '-c'], 'eval "$(awscreds hook bash)" && declare -F _awscreds_hook awscreds_prompt aws && printf "pc=%s\\n" "$PROMPT_COMMAND"', ['_awscreds_hook', 'awscreds_prompt', 'aws', 'pc=_awscreds_hook']],
    ['zsh', ['-f', '-c'], 'eval "$(awscreds hook zsh)" && (( $+functions[_awscreds_hook] && $+functions[awscreds_prompt] && $+functions[aws] )) && print -rl -- loaded "pc=$precmd_functions"', ['loaded', 'pc=_awscreds_hook']],
    ['fish', ['--no-config', '-c'], 'awscreds hook fish | source; and functions -q _awscreds_hook awscreds_prompt aws; and echo loaded', ['loaded']],
  ] as const)('the installed package loads the %s hook', async (shell, args, script, expected) => {
    const run = await runProcess(shell, [...args, script], { PATH: pathWithInstalled(), HOME: work, LANG: 'C.UTF-8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const line of expected) expect(run.stdout.split('\n')).toContain(line);
  });

  it('hook install from the installed package: bash starts without node; uninstalled, silent; reinstalled by npm, the next shell rewrites the file once', () => {
    const hookHome = mkdtempSync(join(work, 'hook-home-'));
    const env = { PATH: pathWithInstalled(), HOME: hookHome, TERM: 'dumb', LANG: 'C.UTF-8' };
    expect(spawnSync(bin, ['hook', 'install', '--shell', 'bash'], { env, encoding: 'utf8' }).status).toBe(0);
    const hookFile = join(hookHome, '.local', 'share', 'awscreds', 'hook.bash');
    const start = (): { out: string; err: string; node: number } => {
      const trace = join(hookHome, 'trace');
      const run = spawnSync('strace', ['-f', '-qq', '-e', 'trace=execve', '-o', trace, 'bash', '-i', '-c', 'type -t _awscreds_hook'], { env, encoding: 'utf8' });
      const execs = readFileSync(trace, 'utf8').split('\n').filter((l) => l.includes('execve(') && !l.includes('= -1'));
      return { out: run.stdout, err: run.stderr.replace(/^bash: (cannot set terminal process group|no job control).*\n/gm, ''), node: execs.filter((l) => /execve\("[^"]*\/node"/.test(l)).length };
    };
    expect(start()).toEqual({ out: 'function\n', err: '', node: 0 });
    // Uninstalled: the rc block and the file stay, and the shell starts without a word.
    const tarball = join(work, `awscreds-${version}.tgz`);
    execFileSync('npm', ['uninstall', '-g', '--prefix', prefix, 'awscreds'], { stdio: 'pipe' });
    expect(start()).toEqual({ out: '', err: '', node: 0 });
    // Reinstalled: npm extracts the files anew (new modification times), so the file is stale.
    const before = statSync(hookFile).mtimeMs;
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { stdio: 'pipe' });
    expect(start()).toEqual({ out: 'function\n', err: '', node: 1 });
    expect(statSync(hookFile).mtimeMs).toBeGreaterThan(before);
    expect(start()).toEqual({ out: 'function\n', err: '', node: 0 });
  }, 180_000);

  it('the installed package prints completion from shell/ (a lazy bundle)', async () => {
    const run = await runProcess('bash', ['--norc', '--noprofile', '-c', 'eval "$(awscreds completion bash)" && complete -p awscreds'], { PATH: pathWithInstalled(), HOME: work, LANG: 'C.UTF-8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^complete .*awscreds$/m);
  });

  it('the installed package exports a set from the emulator into bash', async () => {
    home = await emulatedHome();
    const env = { ...home.env, PATH: pathWithInstalled() };
    const run = await runProcess('bash', ['--norc', '--noprofile', '-c', 'eval "$(awscreds export --profile dev)" && printf "%s\\n" "$AWS_ACCESS_KEY_ID" "$AWS_SESSION_TOKEN" "$AWSCREDS_PROFILE"'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const issued = home.emulator.issuedRoleCredentials;
    expect(issued).toHaveLength(1);
    expect(run.stdout).toBe(`${issued[0]?.accessKeyId}\n${issued[0]?.sessionToken}\ndev\n`);
  });
});
