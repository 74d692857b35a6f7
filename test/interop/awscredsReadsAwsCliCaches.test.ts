import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAwsCliDataPath, DEBIAN_AWS_CLI, type AwsCliDataPath } from '../helpers/awsCliDataPath';
import { childEnv, seedSignedInHome, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds, runProcess } from '../helpers/runAwscreds';
import { runShellScript } from '../helpers/runShellScript';
import { NEEDS, needing } from '../helpers/needs';

const withAwsCli = needing('interop: awscreds reads the AWS CLI\'s caches', NEEDS.awsCli);

/** Waits for the first device authorization and approves it, as the user would in the browser. */
async function approveFirstDeviceCode(emulator: SsoEmulator, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pending = emulator.deviceAuthorizations().find((d) => d.status === 'pending');
    if (pending) {
      emulator.approveDeviceCode(pending.userCode);
      return pending.userCode;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no device authorization was started');
}

const aws = (args: string[], env: Record<string, string>): ReturnType<typeof runProcess> => runProcess(DEBIAN_AWS_CLI, args, env);

withAwsCli.describe('awscreds uses what the real AWS CLI signed in and cached', () => {
  let emulator: SsoEmulator;
  let seeded: SeededHome;
  let dataPath: AwsCliDataPath;
  beforeEach(async () => {
    emulator = await startSsoEmulator();
    seeded = seedSignedInHome(emulator, { signedOut: true });
    dataPath = createAwsCliDataPath(emulator.url);
  });
  afterEach(async () => {
    dataPath.cleanup();
    seeded.cleanup();
    await emulator.stop();
  });

  it('after `aws sso login` and an `aws` call, awscreds export needs no sign-in and no GetRoleCredentials', async () => {
    const env = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
    const awsEnv = { ...env, ...dataPath.env, AWS_EC2_METADATA_DISABLED: 'true' };
    // AWS CLI 2.9 signs in with a device code: the user approves the code it shows.
    const running = aws(['sso', 'login', '--profile', 'dev', '--no-browser'], awsEnv);
    const userCode = await approveFirstDeviceCode(emulator);
    const login = await running;
    expect(login.status).toBe(0);
    expect(`${login.stdout}${login.stderr}`).toContain(userCode);
    const exported = await aws(['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'], awsEnv);
    expect(exported.status).toBe(0);
    const fromAws = JSON.parse(exported.stdout) as { AccessKeyId: string; SessionToken: string };
    expect(readdirSync(join(seeded.home, '.aws', 'cli', 'cache'))).toHaveLength(1);
    const calls = emulator.requestsFor('GetRoleCredentials').length;

    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(calls);
    const shell = runShellScript('bash', 'eval "$BLOCK" && printenv AWS_ACCESS_KEY_ID AWS_SESSION_TOKEN', { BLOCK: run.stdout });
    expect(shell.stdout).toBe(`${fromAws.AccessKeyId}\n${fromAws.SessionToken}\n`);

    // With the role cache bypassed, the token `aws sso login` cached is what signs the call.
    const fresh = await runAwscreds(['export', '--profile', 'dev', '--no-cache'], env);
    expect(fresh.status).toBe(0);
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(calls + 1);
  }, 90_000);
});
