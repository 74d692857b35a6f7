import { shellByName } from '../../src/shells/registry';
import { driver } from '../helpers/shellDriver';
import { rmSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import type { ShellName } from '../../src/shells/Shell';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, prepareHome, probeLine, parseProbe, setVariablesLine } from './hookTestSetup';
import { startInteractiveShell, type InteractiveShell } from './interactiveShell';
import { shellsUnderTest } from './shellsUnderTest';

let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));

const PARTIAL = { AWS_ACCESS_KEY_ID: 'ASIAMODETEST00000001', AWS_SECRET_ACCESS_KEY: 'modeSecret0123456789' };

async function withShell(shell: ShellName, binary: string | undefined, extraEnv: Record<string, string>, body: (sh: InteractiveShell) => Promise<void>, userRc = ''): Promise<void> {
  const { home, env } = prepareHome(shell, built, userRc);
  const sh = await startInteractiveShell({ shell, binary, home, env: { ...env, ...extraEnv } });
  try {
    await body(sh);
  } finally {
    await sh.close();
  }
}

const assignUnexported = (shell: ShellName, name: string, value: string): string => driver(shell).setUnexported(name, value);

describe.each(shellsUnderTest(SHELLS))('%s', (_label, shell, binary) => {
  test('guard: nothing is held back, but aws is refused with the message', () =>
    withShell(shell, binary, { AWSCREDS_HOOK_MODE: 'guard' }, async (sh) => {
      const set = await sh.run(setVariablesLine(shell, PARTIAL));
      expect(sh.messages(set)).toEqual([expect.not.stringContaining('held back')]);
      expect(sh.messages(set)[0]).toContain('AWS_SESSION_TOKEN');
      expect((await sh.run('env')).stdout).toMatch(/^AWS_ACCESS_KEY_ID=ASIAMODETEST00000001$/m);
      const refused = await sh.run('aws s3 ls');
      expect(refused.stdout).not.toContain('aws saw:');
      expect(sh.messages(refused)).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN'), 'awscreds: aws not started; to run it anyway: command aws ...']);
      // terraform is in the default list too; a command outside it is not guarded.
      expect(sh.messages(await sh.run('terraform plan'))).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN'), expect.stringContaining('terraform not started;')]);
    }));

  test('warn: the prompt message only; no guard functions, aws runs', () =>
    withShell(shell, binary, { AWSCREDS_HOOK_MODE: 'warn' }, async (sh) => {
      const set = await sh.run(setVariablesLine(shell, PARTIAL));
      expect(sh.messages(set)).toEqual([expect.stringContaining('AWS_SESSION_TOKEN')]);
      const ran = await sh.run('aws s3 ls');
      expect(ran.stdout).toContain('aws saw: key=ASIAMODETEST00000001 secret=set token=unset');
      expect(sh.messages(ran)).toEqual([]);
    }));

  test('off: nothing at all, and switching modes at run time takes effect at the next prompt', () =>
    withShell(shell, binary, { AWSCREDS_HOOK_MODE: 'off' }, async (sh) => {
      const set = await sh.run(setVariablesLine(shell, PARTIAL));
      expect(sh.messages(set)).toEqual([]);
      expect(parseProbe((await sh.run(probeLine('off'))).stdout, 'off').prompt).toBe('');
      expect((await sh.run('aws s3 ls')).stdout).toContain('aws saw: key=ASIAMODETEST00000001');
      const switched = await sh.run(driver(shell).setExported('AWSCREDS_HOOK_MODE', 'warn'));
      expect(sh.messages(switched)).toEqual([expect.stringContaining('AWS_SESSION_TOKEN')]);
    }));

  test('guard and warn name a variable that is set but not exported', () =>
    withShell(shell, binary, { AWSCREDS_HOOK_MODE: 'guard' }, async (sh) => {
      await sh.run(setVariablesLine(shell, PARTIAL));
      const hint = await sh.run(assignUnexported(shell, 'AWS_SESSION_TOKEN', 'notExportedToken123'));
      // The state is unchanged (children still lack the token), so the guard says it.
      expect(sh.messages(hint)).toEqual([]);
      const refused = await sh.run('aws s3 ls');
      expect(sh.messages(refused)).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN'), 'awscreds: not exported; run: export AWS_SESSION_TOKEN', expect.stringContaining('aws not started;')]);
    }));

  test('strict: a token assigned without export completes the set, which is then exported', () =>
    withShell(shell, binary, {}, async (sh) => {
      await sh.run(setVariablesLine(shell, PARTIAL));
      const released = await sh.run(assignUnexported(shell, 'AWS_SESSION_TOKEN', 'lateToken0123456789'));
      expect(sh.messages(released)).toEqual([expect.stringContaining('exported to commands again')]);
      expect((await sh.run('aws s3 ls')).stdout).toContain('aws saw: key=ASIAMODETEST00000001 secret=set token=lateToken0123456789');
    }));

  test('strict: `awscreds check` explains the held-back set it cannot see', () =>
    withShell(shell, binary, {}, async (sh) => {
      await sh.run(setVariablesLine(shell, PARTIAL));
      const check = await sh.run('awscreds check');
      expect(check.stdout).toContain('held back');
      expect(check.stdout).toContain('state: temporary_without_token');
    }));

  test('strict: a `VAR=value aws` prefix completes the set for that command only', () =>
    withShell(shell, binary, {}, async (sh) => {
      await sh.run(setVariablesLine(shell, PARTIAL));
      const once = await sh.run('AWS_SESSION_TOKEN=prefixToken0123 aws s3 ls');
      expect(once.stdout).toContain('aws saw: key=ASIAMODETEST00000001 secret=set token=prefixToken0123');
      const after = await sh.run('aws s3 ls');
      expect(after.stdout).not.toContain('aws saw:');
      expect(sh.messages(after)).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN'), expect.stringContaining('aws not started;')]);
    }));

  test('expiring soon: one warning naming the minutes left, and the prompt segment', () =>
    withShell(shell, binary, {}, async (sh) => {
      const token = 'expiringToken0123456789';
      const now = Math.floor(Date.now() / 1000);
      const set = await sh.run(setVariablesLine(shell, {
        ...PARTIAL, AWS_SESSION_TOKEN: token, AWSCREDS_PROFILE: 'dev', AWSCREDS_KEY_ID: PARTIAL.AWS_ACCESS_KEY_ID, AWSCREDS_TOKEN_FP: tokenFingerprint(token), AWSCREDS_EXPIRES_AT: String(now + 270),
      }));
      // One line within 80 columns, the renewal in this shell's syntax.
      expect(sh.messages(set)).toEqual([`awscreds: expires in 5m; run: ${shellByName(shell).loadLine(['export', '-p', 'dev'])}`]);
      expect(parseProbe((await sh.run(probeLine('soon'))).stdout, 'soon').prompt).toBe('aws:dev 5m');
      expect((await sh.run('aws s3 ls')).stdout).toContain('aws saw:');
    }));

  test('a hostile profile name reaches the prompt segment and messages only as inert characters', () =>
    withShell(shell, binary, {}, async (sh) => {
      await sh.run('cd ~'); // where a substitution that ran would leave its files
      const token = 'hostileToken0123456789';
      const now = Math.floor(Date.now() / 1000);
      // What `[profile "…"]` in ~/.aws/config can name: command substitutions, zsh %-escapes, a
      // terminal escape sequence, quotes and a backslash, UTF-8.
      const profile = "$(touch pwned1)`touch pwned2`%F{red}%n%(?.a.b)\u001b]0;title\u0007'\\é";
      const shown = profile.replace(/[^A-Za-z0-9 _.@+=,/:-]/gu, '?'); // LANG=C.UTF-8: é is one character
      const set = await sh.run(setVariablesLine(shell, {
        ...PARTIAL, AWS_SESSION_TOKEN: token, AWSCREDS_PROFILE: profile, AWSCREDS_KEY_ID: PARTIAL.AWS_ACCESS_KEY_ID, AWSCREDS_TOKEN_FP: tokenFingerprint(token), AWSCREDS_EXPIRES_AT: String(now + 270),
      }));
      expect(sh.messages(set)).toEqual([expect.stringContaining(`expires in 5m`)]);
      expect(sh.messages(set)[0]).toContain(`-p ${shown}`);
      const prompt = parseProbe((await sh.run(probeLine('hostile'))).stdout, 'hostile').prompt;
      expect(prompt).toBe(`aws:${shown} 5m`);
      // The README's prompt line, expanded as the shell expands it before each prompt (in a
      // variable of its own: the test harness needs its own quiet prompt). fish has none (its
      // prompt is a function); bash before 4.4 has no ${…@P} to expand a prompt with: the
      // segment above is what it shows.
      const expand = driver(shell).readmePromptExpansion;
      if (expand !== null && binary === undefined) {
        const expanded = await sh.run(expand);
        expect(expanded.stdout).toMatch(/^E:\[aws:.* 5m\] [#$%] ?$/m);
        expect(expanded.stdout).toContain(`E:[aws:${shown} 5m] `);
      }
      expect((await sh.run('ls')).stdout).not.toContain('pwned');
    }));

  // AWSCREDS_AUTO_REFRESH with a real export from the emulator: withRealExport.test.ts.
  test('AWSCREDS_AUTO_REFRESH=1 re-exports a profile whose name starts with a dash, with the real awscreds', () => {
    const dir = join(built.workDir, `dash-profile-${shell}-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const config = join(dir, 'config');
    writeFileSync(config, '[profile -dev]\naws_access_key_id = AKIADASHPROFILE00001\naws_secret_access_key = dashSecret0123456789\n');
    return withShell(shell, binary, { AWSCREDS_AUTO_REFRESH: '1', AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') }, async (sh) => {
      const token = 'staleToken0123456789';
      await sh.run(setVariablesLine(shell, {
        ...PARTIAL, AWS_SESSION_TOKEN: token, AWSCREDS_PROFILE: '-dev', AWSCREDS_KEY_ID: PARTIAL.AWS_ACCESS_KEY_ID, AWSCREDS_TOKEN_FP: tokenFingerprint(token), AWSCREDS_EXPIRES_AT: String(Math.floor(Date.now() / 1000) - 60),
      }));
      const ran = await sh.run('aws s3 ls');
      expect(ran.stderr).not.toContain('Unknown argument');
      expect(ran.stdout).toContain('aws saw: key=AKIADASHPROFILE00001 secret=set token=unset');
    });
  });

  test('AWSCREDS_GUARD_COMMANDS replaces the list; a user function of the same name is kept', () =>
    withShell(shell, binary, { AWSCREDS_GUARD_COMMANDS: 'aws terraform', AWSCREDS_HOOK_MODE: 'guard' }, async (sh) => {
      await sh.run(setVariablesLine(shell, PARTIAL));
      expect((await sh.run('terraform plan')).stdout).toContain('users-own-terraform');
      expect(sh.messages(await sh.run('aws s3 ls'))).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN'), expect.stringContaining('aws not started;')]);
    }, `${driver(shell).defineFunction('terraform', 'echo users-own-terraform')}\n`));
});
