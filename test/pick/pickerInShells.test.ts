import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { awscredsBinDir, emulatedHome, type EmulatedHome } from '../commands/commandsTestSetup';
import { onPty } from '../helpers/ptyRun';
import { clean } from '../helpers/ptyShell';
import { runAwscreds } from '../helpers/runAwscreds';
import { driver } from '../helpers/shellDriver';

// The picker as a user meets it: `eval "$(awscreds export)"` (`| source` in fish) typed into a
// real interactive shell on a terminal, with no profile chosen and no [default]. Keys are typed
// one step at a time, each after the screen shows the last one took effect.

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type ShellName = (typeof SHELLS)[number];

let home: EmulatedHome;
let bin: { dir: string; cleanup(): void };
beforeAll(() => (bin = awscredsBinDir()));
afterAll(() => bin.cleanup());
afterEach(async () => home?.stop());

interface Terminal {
  type(keys: string): void;
  /** Waits until the screen (since the last wait) shows `pattern`; returns that part, cleaned. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

function shellOnTerminal(shell: ShellName, env: Record<string, string>): Terminal {
  const [command, ...args] = onPty(driver(shell).bareInteractiveArgv, { columns: 100, rows: 24, stderrToPty: true });
  const child: ChildProcessWithoutNullStreams = spawn(command as string, args, { env: { TERM: 'xterm', LANG: 'C.UTF-8', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let consumed = 0;
  child.stdout.setEncoding('utf8').on('data', (d: string) => (screen += d));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    type: (keys) => void child.stdin.write(keys),
    waitFor: async (pattern, timeoutMs = 20_000) => {
      const started = Date.now();
      for (;;) {
        const rest = clean(screen.slice(consumed));
        const match = pattern.exec(rest);
        if (match) {
          consumed = screen.length;
          return rest;
        }
        if (Date.now() - started > timeoutMs) throw new Error(`no ${String(pattern)} on the screen; it shows:\n${rest}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      child.stdin.end('exit\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

/** Waits until the emulator has issued role credentials: the picker has ended (keys typed before then would be its). */
async function issuedOne(): Promise<void> {
  for (const started = Date.now(); home.emulator.issuedRoleCredentials.length === 0; ) {
    if (Date.now() - started > 20_000) throw new Error('no role credentials were issued');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const loadLine = (shell: ShellName, args: string): string => driver(shell).loadOutput(`awscreds ${args}`);

async function populatedHome(): Promise<Record<string, string>> {
  home = await emulatedHome();
  expect((await runAwscreds(['populate'], home.env)).status).toBe(0);
  return { ...home.env, PATH: `${bin.dir}:/usr/local/bin:/usr/bin:/bin`, AWSCREDS_SHELL: '' };
}

describe.each(SHELLS)('the picker in %s', (shell) => {
  it('type to filter, Enter: the chosen set is in the shell', async () => {
    const env = await populatedHome();
    const term = shellOnTerminal(shell, env);
    try {
      term.type(`${loadLine(shell, 'export')}\n`);
      expect(await term.waitFor(/profile> [\s\S]*\/5 /)).toContain('Prod.Admin');
      term.type('2109 adm');
      const frame = await term.waitFor(/1\/5 /);
      expect(frame).toContain('Prod.Admin');
      expect(frame).not.toContain('Dev-account.Dev');
      term.type('\r');
      await issuedOne();
      term.type('echo "key=$AWS_ACCESS_KEY_ID"\n');
      const issued = () => home.emulator.issuedRoleCredentials.at(-1);
      await term.waitFor(/key=ASIA\w+/);
      expect(issued()?.accountId).toBe('210987654321');
      expect(issued()?.roleName).toBe('Admin');
      term.type('echo "now=$AWS_ACCESS_KEY_ID"\n');
      expect(await term.waitFor(/now=ASIA\w+/)).toContain(`now=${issued()?.accessKeyId}`);
    } finally {
      await term.close();
    }
  }, 60_000);

  it('Esc changes nothing', async () => {
    const env = await populatedHome();
    const term = shellOnTerminal(shell, env);
    try {
      term.type(`${loadLine(shell, 'export')}\n`);
      await term.waitFor(/profile> /);
      term.type('prod');
      await term.waitFor(/\d+\/5 /);
      term.type('\u001b');
      await term.waitFor(/no profile was picked \(Esc\)/);
      term.type('echo "key=[$AWS_ACCESS_KEY_ID]"\n');
      // The output, not the echo of the typed line (which reads key=[$AWS_…]).
      expect(await term.waitFor(/key=\[(ASIA\w*)?\]/)).toMatch(/key=\[\]/);
      expect(home.emulator.issuedRoleCredentials).toHaveLength(0);
    } finally {
      await term.close();
    }
  }, 60_000);
});

it('the recently picked profile comes first next time', async () => {
  const env = await populatedHome();
  const term = shellOnTerminal('bash', env);
  try {
    term.type(`${loadLine('bash', 'export')}\n`);
    await term.waitFor(/\/5 /);
    term.type('readonly\r');
    await issuedOne();
    term.type('echo "key=$AWS_ACCESS_KEY_ID"\n');
    await term.waitFor(/key=ASIA/);
    term.type(`${loadLine('bash', 'export --pick')}\n`);
    const frame = await term.waitFor(/\/5 /);
    const firstItem = frame.split('\n').find((l) => l.startsWith('> '));
    expect(firstItem).toContain('Dev-account.ReadOnly');
    term.type('\u001b');
    await term.waitFor(/Esc/);
  } finally {
    await term.close();
  }
  const recent = JSON.parse(readFileSync(`${home.seeded.home}/.cache/awscreds/recent-profiles.json`, 'utf8')) as { recent: string[] };
  expect(recent.recent[0]).toBe('Dev-account.ReadOnly');
}, 60_000);
