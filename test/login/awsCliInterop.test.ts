// Interoperability with the real AWS CLI (Debian's v2): after `awscreds login`, `aws` is signed
// in too, and it reaches the emulator through AWS_DATA_PATH endpoint rule sets.
import { runProcess } from '../helpers/runAwscreds';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { createAwsCliDataPath, DEBIAN_AWS_CLI, type AwsCliDataPath } from '../helpers/awsCliDataPath';
import { approveShownCode, AUTHORIZE_URL, CORP_TOKEN_FILE, seedHome, startAwscreds, visit } from './loginHarness';
import { NEEDS, needing } from '../helpers/needs';

const withAwsCli = needing('awsCliInterop: signing in with awscreds and the AWS CLI', NEEDS.awsCli);

const aws = (args: string[], env: Record<string, string>): ReturnType<typeof runProcess> => runProcess(DEBIAN_AWS_CLI, args, env);

withAwsCli.describe(`the real AWS CLI (${DEBIAN_AWS_CLI}) uses the sign-in awscreds made`, () => {
  let emulator: SsoEmulator;
  let seeded: SeededHome;
  let env: Record<string, string>;
  let dataPath: AwsCliDataPath;
  beforeEach(async () => {
    emulator = await startSsoEmulator({ autoApprove: true });
    ({ seeded, env } = seedHome(emulator, { signedOut: true }));
    dataPath = createAwsCliDataPath(emulator.url);
  });
  afterEach(async () => {
    seeded.cleanup();
    dataPath.cleanup();
    await emulator.stop();
  });

  const awsEnv = (): Record<string, string> => ({ ...env, ...dataPath.env, AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '' });

  it('session form (authorization code): aws configure export-credentials --profile dev works after awscreds login', async () => {
    const login = startAwscreds(['login', '--profile', 'dev', '--no-browser'], env);
    const [, url] = await login.waitForStderr(AUTHORIZE_URL);
    await visit(url ?? '');
    expect((await login.done).status).toBe(0);
    const token = JSON.parse(readFileSync(join(seeded.cacheDir, CORP_TOKEN_FILE), 'utf8'));

    const run = await aws(['configure', 'export-credentials', '--profile', 'dev', '--format', 'env'], awsEnv());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const issued = emulator.issuedRoleCredentials[0];
    expect(run.stdout).toContain(`export AWS_ACCESS_KEY_ID=${issued?.accessKeyId}`);
    expect(run.stdout).toContain(`export AWS_SECRET_ACCESS_KEY=${issued?.secretAccessKey}`);
    expect(run.stdout).toContain(`export AWS_SESSION_TOKEN=${issued?.sessionToken}`);
    // With the token awscreds wrote, not a refreshed one.
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
    expect(emulator.requestsFor('CreateToken')).toHaveLength(1);
    expect(emulator.describeAccessToken(token.accessToken)?.valid).toBe(true);
  }, 30_000);

  it('legacy form (device code): aws configure export-credentials --profile legacy works after awscreds login', async () => {
    const login = startAwscreds(['login', '--profile', 'legacy', '--no-browser'], env);
    await approveShownCode(login, emulator);
    expect((await login.done).status).toBe(0);
    const run = await aws(['configure', 'export-credentials', '--profile', 'legacy', '--format', 'env'], awsEnv());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`export AWS_ACCESS_KEY_ID=${emulator.issuedRoleCredentials[0]?.accessKeyId}`);
  }, 30_000);
});
