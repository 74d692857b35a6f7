// A HOME signed in and with warm caches, written the way the AWS CLI writes them, so that the
// warm path of both awscreds and `aws` can be measured without any network.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sha1 = (s) => createHash('sha1').update(s).digest('hex');
const utc = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * `profiles` profiles in ~/.aws/config: `dev` (the one exported) last, after others alike (an
 * account and role each, on the same sso-session), as a large organisation's config has them.
 */
export function seedWarmHome({ profiles = 10 } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'awscreds-bench-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true, mode: 0o700 });
  mkdirSync(join(home, '.aws', 'cli', 'cache'), { recursive: true, mode: 0o700 });
  let others = '';
  for (let i = 1; i < profiles; i++) {
    const account = String(200000000000 + i * 7919).padStart(12, '0');
    others += `[profile team-${i}-admin]\nsso_session = corp\nsso_account_id = ${account}\nsso_role_name = AdministratorAccess\nregion = eu-west-1\noutput = json\n\n`;
  }
  writeFileSync(
    join(home, '.aws', 'config'),
    others +
      '[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n\n' +
      // A role chain rooted in dev: its top role is what a warm export reads.
      '[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/Admin\nsource_profile = dev\n\n' +
      '[profile chain]\nrole_arn = arn:aws:iam::333333333333:role/Deploy\nsource_profile = admin\nregion = eu-west-1\n\n' +
      '[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n',
    { mode: 0o600 },
  );
  const inAnHour = new Date(Date.now() + 3600_000);
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', `${sha1('corp')}.json`),
    JSON.stringify({ startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', accessToken: randomBytes(32).toString('base64'), expiresAt: utc(inAnHour) }),
    { mode: 0o600 },
  );
  const key = JSON.stringify({ accountId: '123456789012', roleName: 'Dev', sessionName: 'corp' });
  writeFileSync(
    join(home, '.aws', 'cli', 'cache', `${sha1(key)}.json`),
    JSON.stringify({
      ProviderType: 'sso',
      Credentials: {
        AccessKeyId: 'ASIA' + randomBytes(8).toString('hex').toUpperCase(),
        SecretAccessKey: randomBytes(30).toString('base64'),
        SessionToken: randomBytes(300).toString('base64'),
        Expiration: utc(inAnHour),
        AccountId: '123456789012',
      },
    }),
    { mode: 0o600 },
  );
  // The assume-role cache as the AWS CLI writes it: SHA-1 of json.dumps({"RoleArn": …}, sort_keys=True).
  writeFileSync(
    join(home, '.aws', 'cli', 'cache', `${sha1('{"RoleArn": "arn:aws:iam::333333333333:role/Deploy"}')}.json`),
    JSON.stringify({
      Credentials: {
        AccessKeyId: 'ASIA' + randomBytes(8).toString('hex').toUpperCase(),
        SecretAccessKey: randomBytes(30).toString('base64'),
        SessionToken: randomBytes(300).toString('base64'),
        Expiration: inAnHour.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      },
      AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:botocore-session-1', Arn: 'arn:aws:sts::333333333333:assumed-role/Deploy/botocore-session-1' },
      ResponseMetadata: { RequestId: 'bench', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
    }).replace(/","/g, '", "').replace(/":"/g, '": "').replace(/":\{/g, '": {').replace(/\},"/g, '}, "').replace(/":(\d)/g, '": $1').replace(/(\d),"/g, '$1, "'),
    { mode: 0o600 },
  );
  const env = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', SHELL: '/bin/bash' };
  return { home, env };
}
