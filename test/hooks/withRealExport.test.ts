// README promises of the hooks that need a real `awscreds export` in the shell: the prompt
// segment (`awscreds_prompt`, AWSCREDS_PROMPT) and AWSCREDS_AUTO_REFRESH. Each shell runs
// interactively with the hook installed by `awscreds hook install`, the built CLI on PATH
// and the emulator behind AWS_ENDPOINT_URL_SSO*.
import { shellByName } from '../../src/shells/registry';
import { driver } from '../helpers/shellDriver';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellName } from '../../src/shells/Shell';
import { childEnv, seedSignedInHome, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type EmulatorOptions, type SsoEmulator } from '../emulator/ssoEmulator';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, prepareHome } from './hookTestSetup';
import { startInteractiveShell, type InteractiveShell } from './interactiveShell';

let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));

let emulator: SsoEmulator | undefined;
let seeded: SeededHome | undefined;
afterEach(async () => {
  seeded?.cleanup();
  await emulator?.stop();
  seeded = undefined;
  emulator = undefined;
});

/** An interactive shell whose ~/.aws is a home signed in to the emulator. */
async function signedInShell(shell: ShellName, options: EmulatorOptions = {}): Promise<{ sh: InteractiveShell; sso: SsoEmulator }> {
  const sso = await startSsoEmulator(options);
  emulator = sso;
  seeded = seedSignedInHome(sso, { parentDir: built.workDir });
  const { home, env } = prepareHome(shell, built);
  symlinkSync(join(seeded.home, '.aws'), join(home, '.aws'));
  const { HOME: _home, ...awsEnv } = seeded.env;
  const sh = await startInteractiveShell({ shell, home, env: { ...childEnv(awsEnv, {}), ...env, SHELL: `/bin/${shell}` } });
  return { sh, sso };
}

const exportLine = (shell: ShellName): string =>
  shellByName(shell).loadLine(['export', '--profile', 'dev']);
const promptLine = (shell: ShellName): string => `printf 'P[%s]\\n' ${driver(shell).substitution('awscreds_prompt')}`;
const keyLine = "printf 'K[%s]\\n' \"$AWS_ACCESS_KEY_ID\"";

function lineOf(stdout: string, tag: string): string {
  const match = new RegExp(`^${tag}\\[(.*)\\]$`, 'm').exec(stdout);
  if (!match) throw new Error(`no ${tag}[…] line in:\n${stdout}`);
  return match[1] ?? '';
}

describe.each(SHELLS)('%s', (shell) => {
  test('awscreds_prompt and AWSCREDS_PROMPT follow a real export: empty, aws:dev NNm, then the bad state', async () => {
    const { sh, sso } = await signedInShell(shell);
    try {
      expect(lineOf((await sh.run(promptLine(shell))).stdout, 'P')).toBe('');
      const exported = await sh.run(exportLine(shell));
      expect(sh.messages(exported)).toEqual([]);
      expect(exported.stderr).not.toMatch(/error|not found|false/i);
      expect(lineOf((await sh.run(keyLine)).stdout, 'K')).toBe(sso.issuedRoleCredentials[0]?.accessKeyId);
      expect(lineOf((await sh.run(promptLine(shell))).stdout, 'P')).toMatch(/^aws:dev (59|60)m$/);
      // Exported, for prompt programs such as starship.
      expect((await sh.run('printenv AWSCREDS_PROMPT')).stdout).toMatch(/^aws:dev (59|60)m$/m);
      await sh.run(driver(shell).unset(['AWS_SESSION_TOKEN']));
      expect(lineOf((await sh.run(promptLine(shell))).stdout, 'P')).toBe('!AWS:temporary_without_token!');
    } finally {
      await sh.close();
    }
  });

  test('AWSCREDS_AUTO_REFRESH=1: a guarded command on an expired or expiring set runs the real awscreds export first', async () => {
    // Role credentials for 5 minutes: expiring_soon (warned within 10) right after the export,
    // and under --min-ttl (15), so a new export fetches a new set.
    const { sh, sso } = await signedInShell(shell, { roleCredentialsTtlSeconds: 300 });
    const keys = (): Array<string | undefined> => sso.issuedRoleCredentials.map((c) => c.accessKeyId);
    const setVariable = (name: string, value: string): string => driver(shell).setExported(name, value);
    try {
      const exported = await sh.run(exportLine(shell));
      expect(sh.messages(exported)).toEqual([expect.stringContaining('expires in 5m;')]);
      const [first] = keys();
      expect(first).toMatch(/^ASIA/);
      // Without the variable the guard lets the expiring set through as it is…
      expect((await sh.run('aws sts get-caller-identity')).stdout).toContain(`aws saw: key=${first} secret=set`);
      // …and refuses it once expired (time passing, as the shell sees it).
      await sh.run(setVariable('AWSCREDS_EXPIRES_AT', String(Math.floor(Date.now() / 1000) - 60)));
      const refused = await sh.run('aws sts get-caller-identity');
      expect(refused.stdout).not.toContain('aws saw:');
      expect(sh.messages(refused)).toEqual([expect.stringContaining('set expired; run: '), expect.stringContaining('aws not started')]);
      expect(keys()).toHaveLength(1);

      await sh.run(setVariable('AWSCREDS_AUTO_REFRESH', '1'));
      // Expired: the guard exports anew (a real GetRoleCredentials), then runs aws on the new set.
      const afterExpired = await sh.run('aws sts get-caller-identity');
      expect(keys()).toHaveLength(2);
      const second = sso.issuedRoleCredentials[1];
      expect(second?.accessKeyId).not.toBe(first);
      expect(afterExpired.stdout).toContain(`aws saw: key=${second?.accessKeyId} secret=set token=${second?.sessionToken}`);
      // Expiring (the new set has 5 minutes too): exported anew again.
      const afterExpiring = await sh.run('aws sts get-caller-identity');
      expect(keys()).toHaveLength(3);
      const third = sso.issuedRoleCredentials[2];
      expect(afterExpiring.stdout).toContain(`aws saw: key=${third?.accessKeyId} secret=set token=${third?.sessionToken}`);
      // The new set is the shell's own, bookkeeping included.
      expect(lineOf((await sh.run(keyLine)).stdout, 'K')).toBe(third?.accessKeyId);
      expect(lineOf((await sh.run("printf 'B[%s]\\n' \"$AWSCREDS_KEY_ID\"")).stdout, 'B')).toBe(third?.accessKeyId);
    } finally {
      await sh.close();
    }
  });
});
