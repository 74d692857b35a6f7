import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { emulatedHome, type EmulatedHome } from '../commands/commandsTestSetup';
import { NEEDS, needing } from '../helpers/needs';
import { AWSCREDS_BIN } from '../helpers/runAwscreds';

// The picker redraws when its terminal is resized (SIGWINCH), not only at the next key: in a
// real terminal (tmux), a window made narrower shows names cut with `…` at the new width,
// which only a new frame contains (tmux itself cuts lines without one). stdout is not the
// terminal, as in `eval "$(awscreds export)"`.

let home: EmulatedHome;
afterEach(async () => home?.stop());

const maybe = needing('pickerResize', NEEDS.tmux).test;
const LONG = 'platform-production-administrators-with-a-long-profile-name';

maybe('a narrower terminal gets a frame of its width at once', async () => {
  home = await emulatedHome();
  appendFileSync(home.seeded.configFile, `\n[profile ${LONG}]\nregion = eu-west-1\n`);
  const socket = `awscreds-resize-${process.pid}`;
  const tmux = (...args: string[]): string => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' }).stdout ?? '';
  const envArgs = Object.entries({ ...home.env, TERM: 'xterm-256color' }).map(([k, v]) => `${k}=${v}`);
  tmux('new-session', '-d', '-s', 's', '-x', '120', '-y', '30', 'env', '-i', ...envArgs, 'sh', '-c', 'exec "$@" >/dev/null', 'sh', process.execPath, AWSCREDS_BIN, 'export', '--shell', 'bash');
  tmux('set-option', '-t', 's', 'remain-on-exit', 'on'); // the last screen stays readable
  const screen = (): string => tmux('capture-pane', '-p', '-J', '-t', 's');
  const waitFor = async (test: (text: string) => boolean, what: string): Promise<string> => {
    const until = Date.now() + 20_000;
    for (;;) {
      const text = screen();
      if (test(text)) return text;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    // Control: at 120 columns the long name is shown whole.
    const wide = await waitFor((text) => text.includes('profile>') && text.includes(LONG), 'the first frame');
    expect(wide).not.toContain('…');
    tmux('resize-window', '-t', 's', '-x', '40');
    const narrow = await waitFor((text) => text.includes('…'), 'a frame cut to 40 columns');
    const lines = narrow.split('\n');
    expect(lines.some((line) => line.includes('platform-production') && line.endsWith('…'))).toBe(true);
    expect(lines.every((line) => [...line].length <= 40)).toBe(true);
    // Still usable at the new size: Esc ends it as always.
    tmux('send-keys', '-t', 's', 'Escape');
    await waitFor((text) => text.includes('no profile was picked'), 'the picker to end');
  } finally {
    tmux('kill-server');
  }
}, 60_000);
