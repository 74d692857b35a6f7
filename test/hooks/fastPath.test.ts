import { rmSync } from 'node:fs';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import { driver, type HookSuiteShell } from '../helpers/shellDriver';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, parseProbe, prepareHome, probeLine, setVariablesLine } from './hookTestSetup';
import { startInteractiveShell, type InteractiveShell } from './interactiveShell';
import { shellsUnderTest } from './shellsUnderTest';

// The hook returns after one comparison when nothing it reads has changed since the last
// prompt (issue 18). The positive control for that shortcut: each thing it reads, changed
// alone after a settled prompt, is seen at the very next prompt, and so are two changed at
// once in ways a cheaper comparison could miss (a count of exports, a join); and so is the
// clock, when the minutes left reach the warning threshold with nothing else changed.
let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

const KEY = 'ASIAFASTPATH00000001';
const TOKEN = 'fastPathToken0123456789';

function base(now: number): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: 'fastPathSecret', AWS_SESSION_TOKEN: TOKEN, AWSCREDS_PROFILE: 'fast', AWSCREDS_KEY_ID: KEY, AWSCREDS_TOKEN_FP: tokenFingerprint(TOKEN), AWSCREDS_EXPIRES_AT: String(now + 3630) };
}

const unexport = (shell: HookSuiteShell, name: string): string => driver(shell).unexport(name);
const assign = (shell: HookSuiteShell, name: string, value: string): string => driver(shell).setExported(name, value);

/** One change after a settled prompt, and what the next prompt must then show. */
interface Change {
  readonly label: string;
  readonly line: (shell: HookSuiteShell) => string;
  /** State and prompt segment the probe shows after the change (a regular expression). */
  readonly expected: RegExp;
  /** The settled set, when not base(now). */
  readonly settled?: (now: number) => Record<string, string>;
  /** Run after the settled set is assigned, before the prompts that settle it. */
  readonly prepare?: (shell: HookSuiteShell) => string;
  /** Only where the shell can tell exported variables apart. */
  readonly needsExportAttributes?: boolean;
}

const CHANGES = (now: number): readonly Change[] => [
  { label: 'mode', line: (s) => assign(s, 'AWSCREDS_HOOK_MODE', 'off'), expected: /^[a-z_]*:[0-9]*:$/ }, // the prompt segment is gone
  { label: 'key', line: (s) => assign(s, 'AWS_ACCESS_KEY_ID', 'ASIAFASTPATH00000002'), expected: /^mixed_set:/ },
  { label: 'secret', line: (s) => assign(s, 'AWS_SECRET_ACCESS_KEY', ''), expected: /^secret_missing:/ },
  { label: 'token', line: (s) => assign(s, 'AWS_SESSION_TOKEN', 'anotherToken0123456789'), expected: /^mixed_set:/ },
  { label: 'security token', line: (s) => assign(s, 'AWS_SECURITY_TOKEN', 'somethingElse'), expected: /^security_token_mismatch:/ },
  { label: 'bookkept expiry', line: (s) => assign(s, 'AWSCREDS_EXPIRES_AT', String(now + 330)), expected: /^expiring_soon:6:aws:fast 6m$/ },
  { label: 'bookkept key', line: (s) => assign(s, 'AWSCREDS_KEY_ID', 'ASIAFASTPATH00000003'), expected: /^mixed_set:/ },
  { label: 'token fingerprint', line: (s) => assign(s, 'AWSCREDS_TOKEN_FP', '5:other'), expected: /^mixed_set:/ },
  { label: 'profile', line: (s) => assign(s, 'AWSCREDS_PROFILE', 'renamed'), expected: /^complete_temporary:61:aws:renamed 61m$/ },
  { label: 'warning minutes', line: (s) => assign(s, 'AWSCREDS_WARN_MINUTES', '120'), expected: /^expiring_soon:61:/ },
  {
    label: 'standard expiration',
    // Without the bookkept expiry, AWS_CREDENTIAL_EXPIRATION is the one read.
    settled: (at) => ({ ...base(at), AWSCREDS_EXPIRES_AT: '', AWS_CREDENTIAL_EXPIRATION: new Date((at + 3630) * 1000).toISOString().replace(/\.\d+Z$/, 'Z') }),
    line: (s) => assign(s, 'AWS_CREDENTIAL_EXPIRATION', 'not-a-date'),
    expected: /^expiration_unreadable:/,
  },
  {
    // Two values changed at once, with the same text between them: `120|` and `` became `120`
    // and `|` (fish compares the values joined with `|`).
    label: 'separator moved',
    prepare: (s) => assign(s, 'AWSCREDS_WARN_MINUTES', '120|'),
    line: (s) => `${assign(s, 'AWSCREDS_WARN_MINUTES', '120')}; ${assign(s, 'AWS_CREDENTIAL_EXPIRATION', '|')}`,
    expected: /^expiring_soon:61:/,
  },
  { label: 'held-back marker', line: (s) => assign(s, 'AWSCREDS_HELD_BACK', 'secret_missing'), expected: /^complete_temporary:61:aws:fast 61m$/ },
  { label: 'prompt segment', line: (s) => assign(s, 'AWSCREDS_PROMPT', 'stale'), expected: /^complete_temporary:61:aws:fast 61m$/ },
  { label: 'export attribute', line: (s) => unexport(s, 'AWS_SESSION_TOKEN'), expected: /^temporary_without_token:/, needsExportAttributes: true },
  {
    // Two attributes changed at once, as many exported as before: the token unexported, an
    // unexported AWS_SECURITY_TOKEN (which commands did not see) exported.
    label: 'export attributes swapped',
    settled: (at) => ({ ...base(at), AWS_SECURITY_TOKEN: TOKEN }),
    prepare: (s) => unexport(s, 'AWS_SECURITY_TOKEN'),
    line: (s) => `${unexport(s, 'AWS_SESSION_TOKEN')}; ${driver(s).exportAgain('AWS_SECURITY_TOKEN')}`,
    expected: /^security_token_mismatch:/,
    needsExportAttributes: true,
  },
];

/** The shell's own error lines on stderr (`bash: …`, `/path/bash: line 3: …`): bash 3.2 once had one at every prompt. Its echo of the typed lines is not one. */
const errors: string[] = [];
const keepErrors = (stderr: string): void => void errors.push(...stderr.split('\n').filter((line) => /^\S*\b(bash|zsh|fish): /.test(line.trim())));

async function probe(sh: InteractiveShell, label: string): Promise<string> {
  const step = await sh.run(probeLine(label));
  keepErrors(step.stderr);
  const { state, minutes, prompt } = parseProbe(step.stdout, label);
  return `${state}:${minutes}:${prompt}`;
}

const tellsExports = (binary: string | undefined): boolean => binary === undefined; // bash 4.4+ on PATH, zsh, fish; not the older bashes

describe.each(shellsUnderTest(SHELLS))('%s', (_label, shell, binary) => {
  test('each variable the hook reads, changed alone after a settled prompt, is seen at the next prompt', async () => {
    const { home, env } = prepareHome(shell, built);
    // warn mode, so that a change of export is judged; the held-back marker is strict's.
    const sh = await startInteractiveShell({ shell, binary, home, env: { ...env, AWSCREDS_HOOK_MODE: 'warn' } });
    try {
      for (const change of CHANGES(Math.floor(Date.now() / 1000))) {
        if (change.needsExportAttributes && !tellsExports(binary)) continue;
        const now = Math.floor(Date.now() / 1000);
        const mode = change.label === 'held-back marker' ? 'strict' : 'warn';
        await sh.run(`${setVariablesLine(shell, (change.settled ?? base)(now))}; ${assign(shell, 'AWSCREDS_HOOK_MODE', mode)}; ${driver(shell).unset(['AWSCREDS_HELD_BACK', 'AWSCREDS_WARN_MINUTES'])}${change.prepare ? `; ${change.prepare(shell)}` : ''}`);
        // Settled: two prompts with nothing changed, the second one on the fast path.
        expect({ change: change.label, before: await probe(sh, 'before') }).toEqual({ change: change.label, before: 'complete_temporary:61:aws:fast 61m' });
        keepErrors((await sh.run(change.line(shell))).stderr);
        const after = await probe(sh, 'after');
        expect({ change: change.label, after }).toEqual({ change: change.label, after: expect.stringMatching(change.expected) });
        if (change.label === 'held-back marker') {
          // Put right at that prompt: the marker is gone (strict released it).
          const marker = (await sh.run(driver(shell).echoVariable('AWSCREDS_HELD_BACK'))).stdout;
          expect(marker).toMatch(/^AWSCREDS_HELD_BACK=$/m);
        }
      }
      expect(errors).toEqual([]);
    } finally {
      errors.length = 0;
      await sh.close();
    }
  }, 120_000);

  test('with nothing changed, the next prompt still warns once the minutes left reach the threshold', async () => {
    const { home, env } = prepareHome(shell, built);
    const sh = await startInteractiveShell({ shell, binary, home, env });
    try {
      // 10 minutes and 2 seconds left, warning at 10 minutes: classified complete, then, 3
      // seconds later, expiring soon, with only the clock having moved.
      const now = Math.floor(Date.now() / 1000);
      const set = await sh.run(setVariablesLine(shell, { ...base(now), AWSCREDS_EXPIRES_AT: String(now + 602) }));
      expect(sh.messages(set)).toEqual([]);
      expect(await probe(sh, 'early')).toBe('complete_temporary:11:aws:fast 11m');
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      const later = await sh.run(':');
      expect(sh.messages(later)).toEqual([expect.stringContaining('expires in 10m')]);
      expect(await probe(sh, 'late')).toBe('expiring_soon:10:aws:fast 10m');
    } finally {
      await sh.close();
    }
  }, 60_000);
});
