import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { listProfiles, listSsoSessions, loadSharedConfig } from '../../src/config/sharedConfig';
import { errorOf } from '../helpers/errorOf';
import { ACCESS_KEY_ID, SECRET_KEY, makeHome, removeHomes } from './fixtures';

afterAll(removeHomes);

const CONFIG = `[default]
region = us-east-1
[profile zeta]
sso_session = corp
[profile alpha.beta]
region = eu-west-1
[profile "two words"]
region = eu-west-1
[profile  spaced]
region = eu-west-1
[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access,  codewhisperer:completions
[sso-session bare]
[sso-session "eu team"]
sso_region = eu-central-1
[services local]
s3 =
  endpoint_url = http://localhost:4566
[preview]
cloudfront = true
[profile]
x = 1
[profile a b]
x = 1
`;

const CREDENTIALS = `[default]
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY}
[ci]
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY}
`;

describe('listProfiles', () => {
  it('lists profiles of both files, sorted and without repeats, skipping non-profile sections', () => {
    const home = makeHome({ config: CONFIG, credentials: CREDENTIALS });
    expect(listProfiles(loadSharedConfig({ env: {}, home }))).toEqual(['alpha.beta', 'ci', 'default', 'spaced', 'two words', 'zeta']);
  });

  it('is empty when neither file exists', () => {
    expect(listProfiles(loadSharedConfig({ env: {}, home: makeHome() }))).toEqual([]);
  });

  it('reads the files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    const home = makeHome({ config: CONFIG, credentials: CREDENTIALS });
    writeFileSync(join(home, 'cfg'), '[profile only-here]\n');
    writeFileSync(join(home, 'creds'), '[creds-only]\n');
    const env = { AWS_CONFIG_FILE: join(home, 'cfg'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'creds') };
    expect(listProfiles(loadSharedConfig({ env, home }))).toEqual(['creds-only', 'only-here']);
  });

  it('passes on a parse error with file and line', () => {
    const home = makeHome({ config: '[profile a]\nbroken line\n' });
    const error = errorOf(() => listProfiles(loadSharedConfig({ env: {}, home })));
    expect(error.reason).toBe('CONFIG');
    expect(error.message.startsWith(`${join(home, '.aws', 'config')}:2: `)).toBe(true);
  });
});

describe('listSsoSessions', () => {
  it('lists sso-sessions with their settings as written, sorted by name', () => {
    const home = makeHome({ config: CONFIG, credentials: CREDENTIALS });
    expect(listSsoSessions(loadSharedConfig({ env: {}, home }))).toEqual([
      { name: 'bare' },
      {
        name: 'corp',
        startUrl: 'https://d-1234567890.awsapps.com/start',
        ssoRegion: 'us-east-1',
        registrationScopes: ['sso:account:access', 'codewhisperer:completions'],
      },
      { name: 'eu team', ssoRegion: 'eu-central-1' },
    ]);
  });

  it('ignores [sso-session] sections in the credentials file, as the AWS CLI does', () => {
    const home = makeHome({ credentials: '[sso-session corp]\nsso_region = us-east-1\n' });
    expect(listSsoSessions(loadSharedConfig({ env: {}, home }))).toEqual([]);
  });
});
