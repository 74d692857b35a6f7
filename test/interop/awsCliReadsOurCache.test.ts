import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { childEnv, seedSignedInHome, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds } from '../helpers/runAwscreds';

// Debian's AWS CLI v2 (the pyenv `aws` on PATH may be v1, which has no SSO support).
const AWS_CLI = '/usr/bin/aws';
const describeWithAwsCli = existsSync(AWS_CLI) ? describe : describe.skip;

describeWithAwsCli('the real AWS CLI reads the role-credential cache awscreds wrote', () => {
  let emulator: SsoEmulator;
  let seeded: SeededHome;
  beforeEach(async () => {
    emulator = await startSsoEmulator();
    seeded = seedSignedInHome(emulator);
  });
  afterEach(async () => {
    seeded.cleanup();
    await emulator.stop();
  });

  it('aws configure export-credentials returns the set awscreds cached, without calling IAM Identity Center', async () => {
    const env: Record<string, string> = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(0);
    const issued = emulator.issuedRoleCredentials[0];
    // No endpoint for the AWS CLI: it cannot reach the emulator, so it must use the cache.
    const { AWS_ENDPOINT_URL_SSO: _a, AWS_ENDPOINT_URL_SSO_OIDC: _b, ...offline } = env;
    const aws = spawnSync(AWS_CLI, ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'], {
      env: { ...offline, AWS_EC2_METADATA_DISABLED: 'true' },
      encoding: 'utf8',
    });
    expect(aws.stderr).toBe('');
    expect(aws.status).toBe(0);
    const exported = JSON.parse(aws.stdout);
    expect(exported).toMatchObject({
      Version: 1,
      AccessKeyId: issued?.accessKeyId,
      SecretAccessKey: issued?.secretAccessKey,
      SessionToken: issued?.sessionToken,
    });
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
  }, 60_000);
});
