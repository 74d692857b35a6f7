import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { childEnv, seedSignedInHome, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds } from '../helpers/runAwscreds';
import { NEEDS, needing } from '../helpers/needs';

// Debian's AWS CLI v2 (the pyenv `aws` on PATH may be v1, which has no SSO support).
const AWS_CLI = '/usr/bin/aws';
const withAwsCli = needing('interop: the AWS CLI reads our cache', NEEDS.awsCli);

withAwsCli.describe('the real AWS CLI reads the role-credential cache awscreds wrote', () => {
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

  it('shares the cache for an sso-session with a non-ASCII name (botocore keys it with json.dumps, ensure_ascii)', async () => {
    // Rename the seeded sso-session "corp" to "café", and move its token where both tools look.
    const session = 'caf\u00e9';
    writeFileSync(seeded.configFile, readFileSync(seeded.configFile, 'utf8').replace('sso_session = corp', `sso_session = ${session}`).replace('[sso-session corp]', `[sso-session ${session}]`));
    const tokenFile = seeded.sessionToken?.file as string;
    renameSync(tokenFile, join(seeded.cacheDir, `${createHash('sha1').update(session, 'utf8').digest('hex')}.json`));
    const env: Record<string, string> = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const cliCache = join(seeded.home, '.aws', 'cli', 'cache');
    expect(readdirSync(cliCache)).toHaveLength(1);
    const { AWS_ENDPOINT_URL_SSO: _a, AWS_ENDPOINT_URL_SSO_OIDC: _b, ...offline } = env;
    const aws = spawnSync(AWS_CLI, ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'], { env: { ...offline, AWS_EC2_METADATA_DISABLED: 'true' }, encoding: 'utf8' });
    expect(aws.stderr).toBe('');
    expect(aws.status).toBe(0);
    expect(JSON.parse(aws.stdout)).toMatchObject({ AccessKeyId: emulator.issuedRoleCredentials[0]?.accessKeyId });
    // Offline, the AWS CLI could only have read the file awscreds named: one fetch in all.
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
    // And logout finds that file by the same name.
    const logout = await runAwscreds(['logout', '--profile', 'dev'], env);
    expect(logout.status).toBe(0);
    expect(readdirSync(cliCache)).toEqual([]);
  }, 60_000);
});
