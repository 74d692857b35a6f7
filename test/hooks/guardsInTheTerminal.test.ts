import { shellByName } from '../../src/shells/registry';
import { driver, type HookSuiteShell } from '../helpers/shellDriver';
import { rmSync } from 'node:fs';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import type { ShellName } from '../../src/shells/Shell';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, prepareHome, setVariablesLine } from './hookTestSetup';
import { startInteractiveShell, terminalMessages, type InteractiveShell } from './interactiveShell';

// Points 3 and 5 of the guards issue, in real interactive shells on an 80-column terminal with
// the hook installed by `awscreds hook install` (strict mode): the guards let through what
// signs nothing with the environment's keys, every refusal names the way through in the
// user's shell, and `awscreds check` shows held-back variables as held back in its table.
let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

const PROMPT = '@P@';
const KEY = 'ASIAGUARDS0000000001';
const SECRET = 'guardsSecret0123456789abcdefghijklmnopqr'; // 40 characters
const TOKEN = 'guardsToken0123456789';
const PARTIAL = { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET };
const EXPIRED = { ...PARTIAL, AWS_SESSION_TOKEN: TOKEN, AWSCREDS_PROFILE: 'dev', AWSCREDS_KEY_ID: KEY, AWSCREDS_TOKEN_FP: tokenFingerprint(TOKEN), AWSCREDS_EXPIRES_AT: String(Math.floor(Date.now() / 1000) - 3600) };
const loadExport = (shell: ShellName, args: readonly string[] = []): string => shellByName(shell).loadLine(['export', ...args]);

async function withShell(shell: HookSuiteShell, body: (sh: InteractiveShell) => Promise<void>): Promise<void> {
  const { home, env } = prepareHome(shell, built, driver(shell).promptRc(PROMPT));
  const sh = await startInteractiveShell({ shell, home, env, stderrToPty: true, columns: 80, timeoutMs: 30_000 });
  try {
    await body(sh);
  } finally {
    await sh.close();
  }
}

/** Runs a line; what the stand-in consumer saw (or null: not started) and the hook's lines. */
async function attempt(sh: InteractiveShell, line: string): Promise<{ ran: boolean; said: string[] }> {
  const step = await sh.run(line);
  return { ran: /^(aws|terraform) saw: /m.test(step.stdout), said: terminalMessages(step.stdout, PROMPT) };
}

// What needs no credentials, or would fix them: refused before, let through now.
const PASSING = ['aws --version', 'aws sso login', 'aws configure list', 'aws help', 'aws s3 help', 'terraform -version', 'terraform version', 'aws --profile dev s3 ls', 'aws s3 ls --profile=dev'];

describe.each(SHELLS)('%s, 80 columns', (shell) => {
  test('a partial set: what signs nothing runs; what would sign is refused, naming the fix and `command aws …`, which works', () =>
    withShell(shell, async (sh) => {
      await sh.run(setVariablesLine(shell, PARTIAL));
      for (const line of PASSING) expect({ line, ...(await attempt(sh, line)) }).toEqual({ line, ran: true, said: [] });
      const refused = await attempt(sh, 'aws s3 ls');
      expect(refused).toEqual({ ran: false, said: [`awscreds: no AWS_SESSION_TOKEN; run: ${loadExport(shell)}`, 'awscreds: aws not started; to run it anyway: command aws ...'] });
      for (const line of refused.said) expect([line, line.length <= 80]).toEqual([line, true]);
      const terraform = await attempt(sh, 'terraform plan');
      expect(terraform).toEqual({ ran: false, said: [expect.stringContaining('no AWS_SESSION_TOKEN'), 'awscreds: terraform not started; to run it anyway: command terraform ...'] });
      // The way through it names does go through (strict mode still hides the partial set).
      expect(await attempt(sh, 'command aws s3 ls')).toEqual({ ran: true, said: [] });
    }), 60_000);

  test('an expired set: `aws --version` and `aws sso login` run; a request is refused with the renewal for its profile', () =>
    withShell(shell, async (sh) => {
      await sh.run(setVariablesLine(shell, EXPIRED));
      expect(await attempt(sh, 'aws --version')).toEqual({ ran: true, said: [] });
      expect(await attempt(sh, 'aws sso login')).toEqual({ ran: true, said: [] });
      expect(await attempt(sh, 'aws sts get-caller-identity')).toEqual({ ran: false, said: [`awscreds: set expired; run: ${loadExport(shell, ['-p', 'dev'])}`, 'awscreds: aws not started; to run it anyway: command aws ...'] });
    }), 60_000);

  test('`awscreds check` right after key and secret: its table shows them held back, with their lengths, not "not set"', () =>
    withShell(shell, async (sh) => {
      await sh.run(setVariablesLine(shell, PARTIAL));
      const check = (await sh.run('awscreds check')).stdout;
      expect(check).toMatch(/^AWS_ACCESS_KEY_ID +held back by the hook \(strict mode\): set \(20 characters\)$/m);
      expect(check).toMatch(/^AWS_SECRET_ACCESS_KEY +held back by the hook \(strict mode\): set \(40 characters\)$/m);
      expect(check).not.toMatch(/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY) +not set$/m);
      // Positive control: the variable that is in fact missing is still "not set".
      expect(check).toMatch(/^AWS_SESSION_TOKEN +not set$/m);
      expect(check).toContain('state: temporary_without_token');
      // Once released, the same rows show the set itself.
      await sh.run(driver(shell).setExported('AWS_SESSION_TOKEN', TOKEN));
      const released = (await sh.run('awscreds check')).stdout;
      expect(released).toMatch(/^AWS_ACCESS_KEY_ID +ASIAGUARDS0000000001 \(temporary key\)$/m);
      expect(released).not.toContain('held back');
    }), 60_000);
});
