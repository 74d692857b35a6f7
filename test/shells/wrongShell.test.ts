import { driver, type HookSuiteDriver, type HookSuiteShell } from '../helpers/shellDriver';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellName } from '../../src/shells/Shell';
import { awscredsOnPath, type AwscredsOnPath } from '../hooks/awscredsOnPath';
import { startPtyShell, type PtyShell } from '../helpers/ptyShell';

// A block printed for one shell and read by another (a wrong guess, or `--shell` mistyped)
// must change nothing there: no variable, no option (fish's `set -e` is errexit in bash), and
// the shell goes on. Tested where it happens: interactive shells on a terminal.

let setup: AwscredsOnPath;
let env: Record<string, string>;

beforeAll(() => {
  setup = awscredsOnPath();
  const config = join(setup.workDir, 'config');
  writeFileSync(config, '[profile static]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nregion = eu-west-1\n');
  env = {
    PATH: `${setup.binDir}:/usr/local/bin:/usr/bin:/bin`,
    HOME: setup.workDir,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(setup.workDir, 'no-credentials'),
    XDG_CACHE_HOME: join(setup.workDir, 'cache'),
    // A stale token an export would clear: it must survive a block the shell cannot read.
    AWS_SESSION_TOKEN: 'stale-token',
  };
});
afterAll(() => rmSync(setup.workDir, { recursive: true, force: true }));

/** A shell the blocks of another are typed into: bash, zsh, fish, or POSIX sh. */
type Evaluator = HookSuiteShell | 'sh';

/** The driver of the shell a user types into: POSIX sh reads bash's lines (load line, snapshot). */
const evaluatorDriver = (evaluator: Evaluator): HookSuiteDriver => driver(evaluator === 'sh' ? 'bash' : evaluator);

/** The line a user types to load awscreds' output, in the shell they type it into. */
function loadLine(evaluator: Evaluator, command: string): string {
  return evaluatorDriver(evaluator).loadOutput(command);
}

/** Variables (exported, and the shell's own AWS ones), options and positional parameters, written to a file. */
async function snapshot(sh: PtyShell, evaluator: Evaluator, file: string): Promise<string> {
  await sh.run(evaluatorDriver(evaluator).snapshotState(file));
  return readFileSync(file, 'utf8');
}

async function withShell<T>(evaluator: Evaluator, body: (sh: PtyShell, dir: string) => Promise<T>, extraEnv: Record<string, string> = {}): Promise<T> {
  const dir = mkdtempSync(join(setup.workDir, `${evaluator}-`));
  const sh = await startPtyShell(evaluator, { ...env, ...extraEnv });
  try {
    return await body(sh, dir);
  } finally {
    await sh.close();
  }
}

/** Loads BLOCK's export in EVALUATOR; returns the state before and after and whether the shell lived. */
async function loadInto(evaluator: Evaluator, command: string) {
  return withShell(evaluator, async (sh, dir) => {
    const before = await snapshot(sh, evaluator, join(dir, 'before'));
    const screen = await sh.run(loadLine(evaluator, command)).catch((error: Error) => error.message);
    const alive = sh.alive();
    const after = alive ? await snapshot(sh, evaluator, join(dir, 'after')) : '';
    const marker = alive ? await sh.run("printf 'still-%s\\n' here") : '';
    return { before, after, alive, screen, marker };
  });
}

const PAIRINGS: ReadonlyArray<readonly [block: ShellName, evaluator: Evaluator]> = [
  ['bash', 'fish'], ['zsh', 'fish'], ['fish', 'bash'], ['fish', 'zsh'], ['fish', 'sh'],
];

describe('a block read by a shell it was not printed for', () => {
  it.each(PAIRINGS)('a %s block in interactive %s changes no variable, turns on no option and ends nothing', async (block, evaluator) => {
    const result = await loadInto(evaluator, `awscreds export --profile static --shell ${block}`);
    expect(result.alive).toBe(true);
    expect(result.marker).toContain('still-here');
    expect(result.after).toBe(result.before);
    expect(result.before).toContain('AWS_SESSION_TOKEN=stale-token');
    // The shell said why: a syntax error, not a half-run block.
    expect(result.screen).toMatch(evaluatorDriver(evaluator).refusesForeignCode);
  }, 60_000);

  // bash and zsh share one block: read by the other, it is simply right.
  it.each([['bash', 'zsh'], ['zsh', 'bash']] as const)('a %s block in interactive %s applies the whole set', async (block, evaluator) => {
    const result = await loadInto(evaluator, `awscreds export --profile static --shell ${block}`);
    expect(result.alive).toBe(true);
    expect(result.after).toContain('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE');
    expect(result.after).not.toContain('AWS_SESSION_TOKEN=');
    const options = (s: string): string => s.split('\n').filter((l) => !l.startsWith('AWS')).join('\n');
    expect(options(result.after)).toBe(options(result.before));
  }, 60_000);

  // Positive controls: the comparison sees a change, and without its first line the fish block
  // does what issue #1 reported (bash: `set -e` is errexit, the failing `set -gx` ends the shell).
  it('detects a changed option or variable (control)', async () => {
    const result = await loadInto('bash', "printf 'set -f; export AWS_CONTROL=1\\n'");
    expect(result.alive).toBe(true);
    expect(result.after).not.toBe(result.before);
    expect(result.after).toMatch(/noglob\s+on/);
    const fish = await loadInto('fish', "printf 'set -gx AWS_CONTROL 1\\n'");
    expect(fish.after).toContain('AWS_CONTROL=1');
  }, 60_000);

  it('without its first line, a fish block ends interactive bash (control)', async () => {
    const result = await loadInto('bash', 'awscreds export --profile static --shell fish | tail -n +2');
    expect(result.alive).toBe(false);
    expect(result.screen).toMatch(/set: -g: invalid option/);
  }, 60_000);
});

describe('the shell awscreds prints for, without --shell', () => {
  // $SHELL names the login shell; the user types in another one started from it.
  it.each([
    ['bash', '/usr/bin/fish'], ['zsh', '/usr/bin/fish'], ['fish', '/bin/bash'], ['bash', '/bin/zsh'],
  ] as const)('interactive %s started from a login shell %s gets its own syntax', async (evaluator, loginShell) => {
    const result = await withShell(evaluator, async (sh, dir) => {
      const screen = await sh.run(loadLine(evaluator, 'awscreds export --profile static'));
      return { screen, after: await snapshot(sh, evaluator, join(dir, 'after')) };
    }, { SHELL: loginShell });
    expect(result.after).toContain('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE');
    expect(result.after).not.toContain('AWS_SESSION_TOKEN=');
    expect(result.screen).not.toMatch(/error|not found|invalid/i);
  }, 60_000);
});

describe('the hook variable', () => {
  it('tells awscreds the shell, and a shell started from that one is not misled by it', async () => {
    const result = await withShell('bash', async (sh, dir) => {
      await sh.run('eval "$(awscreds hook bash)"');
      const variable = await sh.run('printf "var=%s pid=%s\\n" "$AWSCREDS_SHELL" "$$"');
      // fish without the hook inherits AWSCREDS_SHELL="bash PID" from this bash.
      await sh.run('fish --no-config -i');
      const screen = await sh.run(loadLine('fish', 'awscreds export --profile static'));
      const inFish = await snapshot(sh, 'fish', join(dir, 'fish'));
      return { variable, screen, inFish };
    }, { SHELL: '/usr/bin/zsh' });
    const [, name, pid, shellPid] = /var=(\w+) (\d+) pid=(\d+)/.exec(result.variable) ?? [];
    expect([name, pid]).toEqual(['bash', shellPid]);
    expect(result.inFish).toContain('AWSCREDS_SHELL=bash ');
    expect(result.inFish).toContain('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE');
    expect(result.screen).not.toMatch(/error|not found|invalid/i);
  }, 60_000);
});
