import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds, runAwscredsAtTerminal } from '../helpers/runAwscreds';
import { runShellScript } from '../helpers/runShellScript';
import { CORP_TOKEN_FILE, recordingBrowser, seedHome, visit } from '../login/loginHarness';

/** awscreds export with stderr on a terminal, stdout on a pipe: `eval "$(awscreds export)"` typed by a user. */
async function exportAtTerminal(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; status: number }> {
  const run = await runAwscredsAtTerminal(args, env);
  return { stdout: run.stdout, stderr: run.terminal, status: run.status };
}

describe('awscreds export when not signed in', () => {
  let emulator: SsoEmulator;
  let work: string;
  beforeEach(async () => {
    emulator = await startSsoEmulator({ autoApprove: true });
    work = mkdtempSync(join(tmpdir(), 'awscreds-autologin-'));
  });
  afterEach(async () => {
    rmSync(work, { recursive: true, force: true });
    await emulator.stop();
  });

  /** Exports `profile` at a terminal, signed out: approves the sign-in it opens, and checks it signed in first and succeeded. */
  async function exportSigningInFirst(profile: string, seeded: { home: string }, env: Record<string, string>): Promise<{ stdout: string }> {
    const browser = recordingBrowser(work);
    const running = exportAtTerminal(['export', '--profile', profile], { ...env, ...browser.env });
    const visited = await visit(await browser.waitForUrl());
    expect(visited.status).toBe(200);
    const run = await running;
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Signing in first');
    expect(existsSync(join(seeded.home, '.aws', 'sso', 'cache', CORP_TOKEN_FILE))).toBe(true);
    return run;
  }

  it('signs in first at a terminal, all on stderr, then prints the block', async () => {
    const { seeded, env } = seedHome(emulator, { signedOut: true });
    const run = await exportSigningInFirst('dev', seeded, env);
    const shell = runShellScript('bash', 'eval "$BLOCK" && printenv AWS_ACCESS_KEY_ID', { BLOCK: run.stdout });
    expect(shell.stdout).toBe(`${emulator.issuedRoleCredentials[0]?.accessKeyId}\n`);
    seeded.cleanup();
  }, 60_000);

  it('a role chain rooted in an SSO profile signs in to that profile\'s sign-in, then assumes the role', async () => {
    const { seeded, env } = seedHome(emulator, { signedOut: true });
    writeFileSync(seeded.configFile, `${readFileSync(seeded.configFile, 'utf8')}\n[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/Admin\nsource_profile = dev\n`);
    const run = await exportSigningInFirst('admin', seeded, env);
    const assumed = emulator.sts.issued.at(-1);
    expect(assumed).toMatchObject({ roleArn: 'arn:aws:iam::210987654321:role/Admin', callerAccessKeyId: emulator.issuedRoleCredentials.at(-1)?.accessKeyId });
    const shell = runShellScript('bash', 'eval "$BLOCK" && printenv AWS_ACCESS_KEY_ID AWSCREDS_PROFILE', { BLOCK: run.stdout });
    expect(shell.stdout).toBe(`${assumed?.accessKeyId}\nadmin\n`);
    seeded.cleanup();
  }, 60_000);

  it('with --no-login, or without a terminal, fails with the sign-in instructions', async () => {
    const { seeded, env } = seedHome(emulator, { signedOut: true });
    const browser = recordingBrowser(work);
    for (const run of [await exportAtTerminal(['export', '--profile', 'dev', '--no-login'], { ...env, ...browser.env }), await runAwscreds(['export', '--profile', 'dev'], { ...env, ...browser.env })]) {
      expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
      expect(run.stdout).toBe('false\n');
      expect(run.stderr).toContain('awscreds login --profile dev');
    }
    expect(browser.urls()).toEqual([]);
    expect(emulator.requests).toHaveLength(0);
    seeded.cleanup();
  }, 60_000);
});
