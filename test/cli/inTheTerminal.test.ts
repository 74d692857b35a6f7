import { shellByName } from '../../src/shells/registry';
import { SHELLS } from '../helpers/shellDriver';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awscredsOnPath, type AwscredsOnPath } from '../hooks/awscredsOnPath';
import { startPtyShell, type InteractiveShellName, type PtyShell } from '../helpers/ptyShell';

// Help, suggestions and fixes as a user meets them: typed into an interactive shell on a
// terminal of 80 columns (bash and zsh do not export $COLUMNS, so awscreds must ask).

let setup: AwscredsOnPath;
let env: Record<string, string>;

beforeAll(() => {
  setup = awscredsOnPath();
  const config = join(setup.workDir, 'config');
  writeFileSync(config, '[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Dev\n');
  env = { PATH: `${setup.binDir}:/usr/local/bin:/usr/bin:/bin`, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(setup.workDir, 'none'), XDG_CACHE_HOME: join(setup.workDir, 'cache') };
});
afterAll(() => rmSync(setup.workDir, { recursive: true, force: true }));

async function inShell<T>(shell: InteractiveShellName, body: (sh: PtyShell) => Promise<T>, columns = 80, extraEnv: Record<string, string> = {}): Promise<T> {
  const home = mkdtempSync(join(setup.workDir, `${shell}-home-`));
  const sh = await startPtyShell(shell, { ...env, HOME: home, ...extraEnv }, columns);
  try {
    return await body(sh);
  } finally {
    await sh.close();
  }
}

/** The lines awscreds printed, without the terminal's echo and redraws of the typed lines (the command, the step's sentinel). */
const printed = (screen: string, typed: string): string[] => screen.split('\n').filter((line) => !line.includes(typed) && !line.includes('@@') && line.trim() !== '');
const longest = (lines: string[]): number => Math.max(...lines.map((l) => l.length));

describe('--help', () => {
  it.each(['bash', 'zsh', 'fish'] as const)('fits an 80-column terminal in %s, and names $AWS_DEFAULT_PROFILE', async (shell) => {
    const lines = await inShell(shell, async (sh) => printed(await sh.run('awscreds export --help'), 'awscreds export --help'));
    expect(lines.join('\n')).toContain('$AWS_DEFAULT_PROFILE');
    expect(lines.join('\n')).toContain('--profile');
    expect(longest(lines)).toBeLessThanOrEqual(80);
    expect(longest(lines)).toBeGreaterThan(70); // it uses the width, too
  }, 60_000);

  it('asks the terminal when stdout is a pipe (`| less`)', async () => {
    const lines = await inShell('bash', async (sh) => printed(await sh.run('awscreds --help | cat'), 'awscreds --help | cat'), 60);
    expect(lines.join('\n')).toContain('Commands:');
    expect(longest(lines)).toBeLessThanOrEqual(60);
  }, 60_000);

  it('is wider on a wider terminal (control)', async () => {
    const lines = await inShell('bash', async (sh) => printed(await sh.run('awscreds export --help'), 'awscreds export --help'), 120);
    expect(longest(lines)).toBeGreaterThan(80);
  }, 60_000);
});

describe('a mistyped command', () => {
  it('gets a "did you mean"', async () => {
    const screen = await inShell('bash', (sh) => sh.run('awscreds exprot --profile dev; echo "status $?"'));
    expect(screen).toContain('awscreds: unknown command "exprot"; did you mean "export"?');
    expect(screen).toContain('status 2');
  }, 60_000);
});

describe('hook install', () => {
  it.each([
    ['bash', 'to load it in this one, run `exec bash`'],
    ['zsh', 'to load it in this one, run `source '],
    ['fish', 'to have it in this one, run `exec fish`'],
  ] as const)('in %s ends with how to load the hook now', async (shell, hint) => {
    const screen = await inShell(shell, (sh) => sh.run('awscreds hook install'));
    expect(screen).toContain(`awscreds: installed the ${shell} hook; it takes effect in new shells.`);
    expect(screen).toContain(hint);
  }, 60_000);
});

describe('a fix that names a command', () => {
  // Not signed in, --no-login: the message says to sign in, then to load the export again.
  it.each([
    ['fish', 'then `awscreds export --profile sso | source` again.'],
    ['bash', 'then `eval "$(awscreds export --profile sso)"` again.'],
    ['zsh', 'then `eval "$(awscreds export --profile sso)"` again.'],
  ] as const)('is written for %s, the shell the user types in', async (shell, fix) => {
    // $SHELL names another shell: the message must follow the one in use.
    const screen = await inShell(shell, (sh) => sh.run(shellByName(shell).loadLine(['export', '--profile', 'sso', '--no-login'])), 200, { SHELL: SHELLS.map((other) => `/usr/bin/${other}`).find((path) => !path.endsWith(`/${shell}`)) ?? '' });
    expect(screen).toContain('profile "sso" is not signed in');
    expect(screen).toContain(fix);
  }, 60_000);
});
