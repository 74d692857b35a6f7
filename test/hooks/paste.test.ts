import { shellByName } from '../../src/shells/registry';
import { driver, type HookSuiteShell } from '../helpers/shellDriver';
import { rmSync } from 'node:fs';
import type { ShellName } from '../../src/shells/Shell';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, prepareHome } from './hookTestSetup';
import { startInteractiveShell, terminalMessages, type InteractiveShell } from './interactiveShell';

// Point 4 of the guards issue, in real interactive shells on an 80-column terminal, the hook
// installed by `awscreds hook install`, strict mode, the paste grace on (as users have it):
// pasting the access portal's three export lines without bracketed paste runs three commands
// with a prompt after each, and the set they complete says nothing. The same lines typed one
// by one, a second or more apart, are each said in one line that fits 80 columns.
let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

const PROMPT = '@P@';
const PORTAL = [
  'export AWS_ACCESS_KEY_ID="ASIAPASTE00000000001"',
  'export AWS_SECRET_ACCESS_KEY="pasteSecret0123456789abcdefghijklmnopqrs"',
  'export AWS_SESSION_TOKEN="IQoJb3JpZ2luX2VjEPasteToken0123456789+/=="',
];
const exportFix = (shell: ShellName): string => shellByName(shell).loadLine(['export']);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * More than a second after the last prompt, and (for fish, whose clock is whole seconds) just
 * after a second begins, so that a paste's prompts fall within one second.
 */
async function beforePaste(shell: HookSuiteShell): Promise<void> {
  await pause(1_100);
  if (driver(shell).pasteClockIsWholeSeconds) await pause(1_000 - (Date.now() % 1_000) + 20);
}
const messages = (text: string): string[] => terminalMessages(text, PROMPT);

async function withShell(shell: HookSuiteShell, body: (sh: InteractiveShell) => Promise<void>): Promise<void> {
  const { home, env } = prepareHome(shell, built, driver(shell).promptRc(PROMPT));
  const { AWSCREDS_PASTE_GRACE: _off, ...withGrace } = env;
  const sh = await startInteractiveShell({ shell, home, env: withGrace, stderrToPty: true, columns: 80, timeoutMs: 30_000 });
  try {
    await body(sh);
  } finally {
    await sh.close();
  }
}

const exported = (sh: InteractiveShell): Promise<string> => sh.run('env | grep "^AWS_" | sort').then((step) => step.stdout);

describe.each(SHELLS)('%s on an 80-column terminal', (shell) => {
  test('typed one by one, each partial set is said in one line of at most 80 columns (the control)', () =>
    withShell(shell, async (sh) => {
      const said: string[][] = [];
      for (const line of PORTAL) {
        await pause(1_100); // a person typing: the previous prompt is more than a second old
        said.push(messages(await sh.type(line, PROMPT)));
      }
      expect(said).toEqual([
        [`awscreds: held back: no AWS_SECRET_ACCESS_KEY; run: ${exportFix(shell)}`],
        [`awscreds: held back: no AWS_SESSION_TOKEN; run: ${exportFix(shell)}`],
        ['awscreds: the set is complete: exported to commands again.'],
      ]);
      for (const line of said.flat()) expect([line, line.length <= 80]).toEqual([line, true]);
      expect(await exported(sh)).toMatch(/^AWS_ACCESS_KEY_ID=ASIAPASTE00000000001\nAWS_SECRET_ACCESS_KEY=.*\nAWS_SESSION_TOKEN=.*$/m);
    }), 60_000);

  if (!driver(shell).pasteClockIsWholeSeconds) {
    test('pasted in one write (no bracketed paste), the three lines say nothing, and the set is exported', () =>
      withShell(shell, async (sh) => {
        await beforePaste(shell); // the prompt before the paste is old: only the paste itself is quick
        const pasted = await sh.run(PORTAL.join('\n'));
        expect(messages(pasted.stdout)).toEqual([]);
        expect(await exported(sh)).toMatch(/^AWS_ACCESS_KEY_ID=ASIAPASTE00000000001\nAWS_SECRET_ACCESS_KEY=.*\nAWS_SESSION_TOKEN=.*$/m);
      }), 60_000);
  } else {
    // fish has no sub-second clock and no look at waiting input: the first line of a paste
    // without bracketed paste is said (one line, and so is the release); the ones after it,
    // within the same second, are not.
    // Where the terminal has bracketed paste, fish turns it on and a paste is one command line.
    test('pasted in one write (no bracketed paste), only the first line is said; with bracketed paste nothing', () =>
      withShell(shell, async (sh) => {
        await beforePaste(shell);
        const pasted = await sh.run(PORTAL.join('\n'));
        expect(messages(pasted.stdout)).toEqual([`awscreds: held back: no AWS_SECRET_ACCESS_KEY; run: ${exportFix(shell)}`, 'awscreds: the set is complete: exported to commands again.']);
        expect(await exported(sh)).toMatch(/^AWS_ACCESS_KEY_ID=ASIAPASTE00000000001\nAWS_SECRET_ACCESS_KEY=.*\nAWS_SESSION_TOKEN=.*$/m);
        await sh.run(driver(shell).unset(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']));
        await beforePaste(shell);
        const bracketed = await sh.run(`\x1b[200~${PORTAL.join('\n')}\x1b[201~`);
        expect(messages(bracketed.stdout)).toEqual([]);
        expect(await exported(sh)).toMatch(/^AWS_ACCESS_KEY_ID=ASIAPASTE00000000001\nAWS_SECRET_ACCESS_KEY=.*\nAWS_SESSION_TOKEN=.*$/m);
      }), 60_000);
  }

  test('a paste that leaves the set partial is said at the next prompt that is not quick, and refused meanwhile', () =>
    withShell(shell, async (sh) => {
      await beforePaste(shell);
      const pasted = await sh.run(PORTAL.slice(0, 2).join('\n'));
      const atPaste = messages(pasted.stdout);
      // (fish says the first line: see above.)
      expect(atPaste).toEqual(driver(shell).pasteClockIsWholeSeconds ? [`awscreds: held back: no AWS_SECRET_ACCESS_KEY; run: ${exportFix(shell)}`] : []);
      // Held back all the same: no child sees the partial set.
      expect(await exported(sh)).not.toMatch(/^AWS_ACCESS_KEY_ID=/m);
      await pause(1_100);
      expect(messages(await sh.type('true', PROMPT))).toEqual([`awscreds: held back: no AWS_SESSION_TOKEN; run: ${exportFix(shell)}`]);
    }), 60_000);
});
