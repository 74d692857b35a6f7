// Shell start with the hook installed costs what sourcing a file costs: `awscreds hook install`
// writes the hook to ${XDG_DATA_HOME:-~/.local/share}/awscreds/hook.<shell> and the rc block
// sources it, so starting an interactive shell runs no awscreds (no node) process. The file
// stays current: an upgraded package, another awscreds on PATH or a deleted file make the next
// shell rewrite it once; awscreds gone makes the block do nothing, silently.
//
// Every shell here is a real interactive one on a pseudo-terminal (test/helpers/ptyRun.py), under strace
// to list the programs it executes.
import { driver, type HookSuiteShell } from '../helpers/shellDriver';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shellByName } from '../../src/shells/registry';
import type { ShellName } from '../../src/shells/Shell';
import { onPty } from '../helpers/ptyRun';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS } from './hookTestSetup';
import { NEEDS, needing } from '../helpers/needs';

jest.setTimeout(120_000);

const repo = resolve(__dirname, '..', '..');
const withStrace = needing('shellStart', NEEDS.strace);

let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));

/**
 * A package of its own (a copy of dist/, shell/ and package.json; node_modules linked) and a
 * bin directory with an `awscreds` that runs it, so that a test can upgrade or remove it.
 */
function installPackage(name: string): { root: string; binDir: string } {
  const root = join(built.workDir, `pkg-${name}`);
  mkdirSync(root);
  cpSync(join(repo, 'dist'), join(root, 'dist'), { recursive: true });
  cpSync(join(repo, 'shell'), join(root, 'shell'), { recursive: true });
  cpSync(join(repo, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
  const binDir = join(built.workDir, `bin-${name}`);
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'awscreds'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'dist', 'awscreds.cjs'))} "$@"\n`);
  chmodSync(join(binDir, 'awscreds'), 0o755);
  return { root, binDir };
}

/** The file the shell reads at start that `hook install` puts its block in (fish: conf.d/awscreds.fish). */
const rcFile = (shell: HookSuiteShell, home: string): string => shellByName(shell).rcFile(home, { HOME: home });

function newHome(shell: ShellName, prefix = `home-${shell}-`): string {
  const home = mkdtempSync(join(built.workDir, prefix));
  mkdirSync(join(home, '.config', 'fish'), { recursive: true });
  // fish prints a greeting at start unless told not to; the others print nothing.
  writeFileSync(join(home, '.config', 'fish', 'config.fish'), "set -g fish_greeting ''\n");
  return home;
}

function hookInstall(shell: ShellName, home: string, binDir: string): void {
  const result = spawnSync(join(binDir, 'awscreds'), ['hook', 'install', '--shell', shell], { env: { PATH: `${binDir}:/usr/bin:/bin`, HOME: home }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`hook install failed: ${result.stderr}`);
}

const hookFile = (home: string, shell: ShellName): string => join(home, '.local', 'share', 'awscreds', `hook.${shell}`);

/** Prints `R:<function when the hook's prompt function is defined>:<the test's upgrade marker, or none>`. */
const probeCommand = (shell: HookSuiteShell): string => {
  const sh = driver(shell);
  return `${sh.ifElse(sh.isFunction('_awscreds_hook'), 'printf R:function:', 'printf R::')}; printf '%s\\n' ${sh.valueOr('_awscreds_test_upgrade', 'none')}`;
};

interface Start {
  /** Everything the terminal showed (stdout and stderr), CRs removed. */
  readonly output: string;
  readonly status: number | null;
  /** The hook's prompt function is defined. */
  readonly hooked: boolean;
  readonly marker: string;
  /** How many times node was executed (awscreds is a node program). */
  readonly nodeExecs: number;
  /** Every program executed, in order (the pty runner and the shell first). */
  readonly programs: readonly string[];
}

/** Starts an interactive shell on a terminal, under strace, running `command` and exiting. */
function startShell(shell: HookSuiteShell, home: string, path: string, command = probeCommand(shell)): Start {
  const trace = join(mkdtempSync(join(built.workDir, 'trace-')), 'trace');
  const shellArgv = driver(shell).interactiveArgv(home);
  const result = spawnSync('strace', ['-f', '-qq', '-e', 'trace=execve', '-o', trace, ...onPty([...shellArgv, '-c', command], { stderrToPty: true })], {
    env: { HOME: home, PATH: path, TERM: 'dumb', LANG: 'C.UTF-8' },
    input: '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = result.stdout.replace(/\r/g, '');
  const execs = readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes('execve(') && !line.includes('= -1'));
  const probe = /^R:([a-z_: ]*):(.*)$/m.exec(output);
  return {
    output,
    status: result.status,
    hooked: probe !== null && /function/.test(probe[1] ?? ''),
    marker: probe?.[2] ?? '',
    nodeExecs: execs.filter((line) => line.includes(`execve("${process.execPath}"`)).length,
    programs: execs.map((line) => /execve\("([^"]*)"/.exec(line)?.[1] ?? ''),
  };
}

/** What `shell/hook.<shell>` gains in the "upgrade": a variable the probe prints. */
const upgradeLine = (shell: HookSuiteShell): string => `${driver(shell).setUnexported('_awscreds_test_upgrade', '2')}\n`;

/** Makes the hook file look written a minute ago: what it is after the package changes. */
function ageHookFile(home: string, shell: ShellName): void {
  const past = new Date(Date.now() - 60_000);
  utimesSync(hookFile(home, shell), past, past);
}

for (const shell of SHELLS) withStrace.describe(`${shell}: starting a shell with the hook installed`, () => {
  test('runs no node process, and the hook is active; the old `eval "$(awscreds hook)"` block runs node (control)', () => {
    const pkg = installPackage(`${shell}-plain`);
    const home = newHome(shell);
    hookInstall(shell, home, pkg.binDir);
    const path = `${pkg.binDir}:/usr/bin:/bin`;
    const start = startShell(shell, home, path);
    expect(start).toMatchObject({ hooked: true, nodeExecs: 0, status: 0 });
    expect(start.output).toBe('R:function:none\n');

    // Positive control: the block awscreds wrote before, which runs awscreds at every start.
    const oldHome = newHome(shell);
    mkdirSync(join(rcFile(shell, oldHome), '..'), { recursive: true });
    writeFileSync(rcFile(shell, oldHome), driver(shell).legacyRcBlock);
    const control = startShell(shell, oldHome, path);
    expect(control.hooked).toBe(true);
    expect(control.nodeExecs).toBeGreaterThanOrEqual(1);
  });

  test('after an upgrade of the package, the next shell rewrites the file once and runs the new hook', () => {
    const pkg = installPackage(`${shell}-upgrade`);
    const home = newHome(shell);
    hookInstall(shell, home, pkg.binDir);
    const path = `${pkg.binDir}:/usr/bin:/bin`;
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: 'none', nodeExecs: 0 });

    // The upgrade: the package's files are replaced (npm extracts them anew, with a new time).
    ageHookFile(home, shell);
    const hookSource = join(pkg.root, 'shell', `hook.${shell}`);
    writeFileSync(hookSource, `${readFileSync(hookSource, 'utf8')}${upgradeLine(shell)}`);
    const upgraded = startShell(shell, home, path);
    expect(upgraded).toMatchObject({ hooked: true, marker: '2', nodeExecs: 1, status: 0 });
    expect(upgraded.output).not.toMatch(/awscreds:|error|rror/);
    expect(readFileSync(hookFile(home, shell), 'utf8')).toContain(upgradeLine(shell));
    // Once rewritten, the file is current again: no node at the next start.
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: '2', nodeExecs: 0 });

    // A reinstall that replaces the whole package (and the launcher) is seen the same way.
    ageHookFile(home, shell);
    rmSync(join(pkg.root, 'dist'), { recursive: true });
    cpSync(join(repo, 'dist'), join(pkg.root, 'dist'), { recursive: true });
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: '2', nodeExecs: 1 });
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, nodeExecs: 0 });
  });

  test('another awscreds first on PATH (another node version) gets its own hook, once', () => {
    const first = installPackage(`${shell}-first`);
    const second = installPackage(`${shell}-second`);
    const hookSource = join(second.root, 'shell', `hook.${shell}`);
    writeFileSync(hookSource, `${readFileSync(hookSource, 'utf8')}${upgradeLine(shell)}`);
    const home = newHome(shell);
    hookInstall(shell, home, first.binDir);
    // The second package is older than the hook file: only its place on PATH tells them apart.
    const past = new Date(Date.now() - 60_000);
    for (const file of [hookSource, join(second.root, 'dist', 'main.cjs'), join(second.binDir, 'awscreds')]) utimesSync(file, past, past);
    expect(statSync(hookFile(home, shell)).mtimeMs).toBeGreaterThan(past.getTime());
    const path = `${second.binDir}:${first.binDir}:/usr/bin:/bin`;
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: '2', nodeExecs: 1 });
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: '2', nodeExecs: 0 });
    // And back: the first one on PATH again.
    expect(startShell(shell, home, `${first.binDir}:/usr/bin:/bin`)).toMatchObject({ hooked: true, marker: 'none', nodeExecs: 1 });
  });

  test('awscreds gone from PATH: the shell starts with no output, no error and no hook', () => {
    const pkg = installPackage(`${shell}-gone`);
    const home = newHome(shell);
    hookInstall(shell, home, pkg.binDir);
    const gone = startShell(shell, home, '/usr/bin:/bin', 'true');
    expect(gone).toMatchObject({ output: '', status: 0, nodeExecs: 0 });
    expect(startShell(shell, home, '/usr/bin:/bin')).toMatchObject({ hooked: false, nodeExecs: 0 });
    // And with the hook file deleted too.
    rmSync(hookFile(home, shell));
    expect(startShell(shell, home, '/usr/bin:/bin', 'true')).toMatchObject({ output: '', status: 0, nodeExecs: 0 });
    // Positive control: this capture does see what an rc file prints at start, stderr included.
    const noisy = newHome(shell);
    mkdirSync(join(rcFile(shell, noisy), '..'), { recursive: true });
    writeFileSync(rcFile(shell, noisy), 'echo noise >&2\n');
    expect(startShell(shell, noisy, '/usr/bin:/bin', 'true').output).toBe('noise\n');
  });

  test('hook file deleted: the shell starts fine, with the hook, and writes the file again', () => {
    const pkg = installPackage(`${shell}-deleted`);
    const home = newHome(shell);
    hookInstall(shell, home, pkg.binDir);
    rmSync(hookFile(home, shell));
    const path = `${pkg.binDir}:/usr/bin:/bin`;
    const start = startShell(shell, home, path);
    expect(start).toMatchObject({ hooked: true, nodeExecs: 1, status: 0 });
    expect(start.output).not.toMatch(/awscreds:|rror/);
    expect(existsSync(hookFile(home, shell))).toBe(true);
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, nodeExecs: 0 });
  });

  const sharedFile = shellByName(shell).hookSharedFile;
  // Only a shell that shares hook code (bash, zsh) has this case.
  if (sharedFile !== undefined) test('a change to the hook code it shares with another shell is an upgrade too', () => {
    const pkg = installPackage(`${shell}-shared`);
    const home = newHome(shell);
    hookInstall(shell, home, pkg.binDir);
    const path = `${pkg.binDir}:/usr/bin:/bin`;
    // Everything else the file was written from, older than the file: only the shared file's change can make it stale.
    const shared = join(pkg.root, 'shell', sharedFile as string);
    const older = new Date(Date.now() - 120_000);
    for (const file of [join(pkg.root, 'dist', 'main.cjs'), join(pkg.binDir, 'awscreds'), join(pkg.root, 'shell', `hook.${shell}`), shared]) utimesSync(file, older, older);
    ageHookFile(home, shell);
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: 'none', nodeExecs: 0 });
    writeFileSync(shared, `${readFileSync(shared, 'utf8')}${upgradeLine(shell)}`);
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: '2', nodeExecs: 1, status: 0 });
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: '2', nodeExecs: 0 });
  });

  test("a home whose path holds a space, a quote and a $: sourced, and rewritten, all the same", () => {
    const pkg = installPackage(`${shell}-hostile`);
    const home = newHome(shell, `o'brien $HOME \`x\` ${shell}-`);
    hookInstall(shell, home, pkg.binDir);
    const path = `${pkg.binDir}:/usr/bin:/bin`;
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, nodeExecs: 0, status: 0 });
    ageHookFile(home, shell);
    const hookSource = join(pkg.root, 'shell', `hook.${shell}`);
    writeFileSync(hookSource, `${readFileSync(hookSource, 'utf8')}${upgradeLine(shell)}`);
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: '2', nodeExecs: 1, status: 0 });
    expect(startShell(shell, home, path)).toMatchObject({ hooked: true, marker: '2', nodeExecs: 0 });
  });
});

withStrace.describe('fish: loading the hook file', () => {
  /** The pipes fish opens while `fish -i -c exit` starts: each command substitution or pipeline opens one (and wakes a thread). */
  function pipesAtStart(home: string, path: string, env: Record<string, string> = {}): number {
    const trace = join(mkdtempSync(join(built.workDir, 'trace-')), 'trace');
    const result = spawnSync('strace', ['-f', '-qq', '-e', 'trace=pipe,pipe2', '-o', trace, 'fish', '-i', '-c', 'exit'], { env: { HOME: home, PATH: path, TERM: 'dumb', LANG: 'C.UTF-8', ...env }, input: '', encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`fish -i -c exit failed: ${result.stderr}`);
    return readFileSync(trace, 'utf8').split('\n').filter((line) => /\bpipe2?\(/.test(line)).length;
  }

  test('runs no command substitution and no pipeline: as many pipes as an empty conf.d file; AWSCREDS_GUARD_COMMANDS splits with one (control)', () => {
    const pkg = installPackage('fish-pipes');
    const path = `${pkg.binDir}:/usr/bin:/bin`;
    const home = newHome('fish');
    hookInstall('fish', home, pkg.binDir);
    expect(startShell('fish', home, path)).toMatchObject({ hooked: true, nodeExecs: 0 });
    // fish's own conf.d loop runs a command substitution per file: the comparison has a file too.
    const empty = newHome('fish');
    mkdirSync(join(empty, '.config', 'fish', 'conf.d'), { recursive: true });
    writeFileSync(rcFile('fish', empty), '');
    const baseline = pipesAtStart(empty, path);
    expect(pipesAtStart(home, path)).toBe(baseline);
    expect(pipesAtStart(home, path, { AWSCREDS_GUARD_COMMANDS: 'aws terraform' })).toBe(baseline + 1);
  });

  test('fish before 3.6 (no `test -nt`): one `find` tells a current file from a stale one; node only when stale; the clock is `date`', () => {
    const pkg = installPackage('fish-old');
    const home = newHome('fish');
    hookInstall('fish', home, pkg.binDir);
    const path = `${pkg.binDir}:/usr/bin:/bin`;
    const probe = 'set -l t (functions -q _awscreds_hook; and echo function); printf "R:%s:%s\\n" "$t" $_awscreds_clock';
    const finds = (start: Start): number => start.programs.filter((program) => program.endsWith('/find')).length;
    // Control: this machine's fish (3.6 or later) compares times with `test -nt`, and reads the clock with `path`.
    const itself = startShell('fish', home, path, probe);
    expect(itself).toMatchObject({ hooked: true, marker: 'path', nodeExecs: 0 });
    expect(finds(itself)).toBe(0);

    // The file made to take the branches an older $version takes.
    const asOldFish = (): void => {
      const text = readFileSync(hookFile(home, 'fish'), 'utf8');
      expect(text.match(/^ *switch \$version$/gm)).toHaveLength(2);
      writeFileSync(hookFile(home, 'fish'), text.replace(/^( *)switch \$version$/gm, '$1switch 3.5.0'));
    };
    asOldFish();
    const current = startShell('fish', home, path, probe);
    expect(current).toMatchObject({ hooked: true, marker: 'date', nodeExecs: 0, status: 0 });
    expect(finds(current)).toBe(1);

    // The upgrade: the package's hook source is newer than the file.
    ageHookFile(home, 'fish');
    const hookSource = join(pkg.root, 'shell', 'hook.fish');
    writeFileSync(hookSource, `${readFileSync(hookSource, 'utf8')}${upgradeLine('fish')}`);
    const stale = startShell('fish', home, path);
    expect(stale).toMatchObject({ hooked: true, marker: '2', nodeExecs: 1, status: 0 });
    expect(finds(stale)).toBe(1);
    expect(stale.output).not.toMatch(/awscreds:|rror/);
    expect(readFileSync(hookFile(home, 'fish'), 'utf8')).toContain(upgradeLine('fish'));
    // Rewritten, it is current: the older fish's check passes again.
    asOldFish();
    const again = startShell('fish', home, path);
    expect(again).toMatchObject({ hooked: true, marker: '2', nodeExecs: 0 });
    expect(finds(again)).toBe(1);
  });

  test('the functions only events need load from the package on first call, without a process; with its hook source gone, said once and a guarded command runs', () => {
    const pkg = installPackage('fish-lazy');
    writeFileSync(join(pkg.binDir, 'aws'), '#!/bin/sh\necho "aws ran $*"\n');
    chmodSync(join(pkg.binDir, 'aws'), 0o755);
    const home = newHome('fish');
    hookInstall('fish', home, pkg.binDir);
    const path = `${pkg.binDir}:/usr/bin:/bin`;
    const source = join(pkg.root, 'shell', 'hook.fish');
    const partial = 'set -gx NO_COLOR 1; set -gx AWS_ACCESS_KEY_ID ASIAXXXXXXXXXXXXXXXX; set -gx AWS_SECRET_ACCESS_KEY s';
    const where = 'printf "D:%s\\n" (functions --details _awscreds_guard)';
    const loaded = startShell('fish', home, path, `${where}; ${partial}; _awscreds_hook; aws s3 ls; echo "R:function:$status"; ${where}`);
    expect(loaded).toMatchObject({ hooked: true, marker: '1', nodeExecs: 0, status: 0 });
    expect(loaded.programs.filter((program) => program.endsWith('/aws'))).toEqual([]);
    expect(loaded.output).toContain(`D:${hookFile(home, 'fish')}\nawscreds: held back: no AWS_SESSION_TOKEN`);
    expect(loaded.output).toContain('awscreds: aws not started;');
    expect(loaded.output).toContain(`D:${source}\n`);

    // Gone after the shell started (awscreds uninstalled, or moved by a node version switch).
    const gone = startShell('fish', home, path, `command rm ${source}; ${partial}; _awscreds_hook; _awscreds_hook; aws s3 ls; echo "R:function:$status"`);
    expect(gone).toMatchObject({ hooked: true, marker: '0', nodeExecs: 0, status: 0 });
    expect(gone.output.match(/awscreds: the package's shell\/hook.fish is gone; run: exec fish/g)).toHaveLength(1);
    expect(gone.output).toContain('aws ran s3 ls');
  });
});
