import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadProfile } from '../../src/config/loadProfile';
import { loadSharedConfig, resolveProfileName } from '../../src/config/sharedConfig';
import type { AwscredsError } from '../../src/runtime/AwscredsError';
import { errorOf } from '../helpers/errorOf';
import { ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN, expectNoSecret, makeHome, removeHomes } from './fixtures';

afterAll(removeHomes);

const START_URL = 'https://d-1234567890.awsapps.com/start';

const CONFIG = `# written by hand
[default]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin

[profile dev]
sso_session    = corp
sso_account_id = 123456789012
sso_role_name  = Dev
region         = eu-west-1

[profile legacy]
sso_start_url  = ${START_URL}
sso_region     = us-east-1
sso_account_id = 210987654321
sso_role_name  = ReadOnly
region         = us-west-2

[profile team.prod]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = Deploy

[profile "with space"]
sso_session = corp
sso_account_id = 444444444444
sso_role_name = Dev

[profile s3tuned]
sso_session = corp
sso_account_id = 555555555555
sso_role_name = Dev
s3 =
  max_concurrent_requests = 20

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access, codewhisperer:completions

[services local]
s3 =
  endpoint_url = http://localhost:4566
`;

function load(profileName: string, files: { config?: string | Buffer; credentials?: string | Buffer }, env: Record<string, string> = {}) {
  const home = makeHome(files);
  return loadProfile(loadSharedConfig({ env, home }), profileName);
}

function loadError(profileName: string, files: { config?: string; credentials?: string }, env: Record<string, string> = {}): { error: AwscredsError; home: string } {
  const home = makeHome(files);
  const error = errorOf(() => loadProfile(loadSharedConfig({ env, home }), profileName));
  return { error, home };
}

const configPath = (home: string): string => join(home, '.aws', 'config');
const credentialsPath = (home: string): string => join(home, '.aws', 'credentials');

describe('loadProfile: SSO profiles', () => {
  it('resolves the session form through its [sso-session]', () => {
    expect(load('dev', { config: CONFIG })).toEqual({
      kind: 'sso',
      name: 'dev',
      region: 'eu-west-1',
      sso: {
        startUrl: START_URL,
        ssoRegion: 'us-east-1',
        accountId: '123456789012',
        roleName: 'Dev',
        sessionName: 'corp',
        registrationScopes: ['sso:account:access', 'codewhisperer:completions'],
      },
    });
  });

  it('resolves the legacy form, without session name or scopes', () => {
    const profile = load('legacy', { config: CONFIG });
    expect(profile).toEqual({
      kind: 'sso',
      name: 'legacy',
      region: 'us-west-2',
      sso: { startUrl: START_URL, ssoRegion: 'us-east-1', accountId: '210987654321', roleName: 'ReadOnly' },
    });
    expect(profile.kind === 'sso' && 'sessionName' in profile.sso).toBe(false);
  });

  it('reads [default] without a "profile " prefix, and leaves region out when unset', () => {
    const profile = load('default', { config: CONFIG });
    expect(profile).toEqual({
      kind: 'sso',
      name: 'default',
      sso: expect.objectContaining({ accountId: '111111111111', roleName: 'Admin', sessionName: 'corp' }),
    });
    expect('region' in profile).toBe(false);
  });

  it('accepts [profile default] for the default profile', () => {
    const config = `[profile default]\nsso_start_url = ${START_URL}\nsso_region = eu-central-1\nsso_account_id = 999999999999\nsso_role_name = Ops\n`;
    expect(load('default', { config })).toMatchObject({ kind: 'sso', sso: { accountId: '999999999999', ssoRegion: 'eu-central-1' } });
  });

  it('lets the later of [default] and [profile default] win, as the AWS CLI does', () => {
    const base = `sso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_role_name = Ops\n`;
    const first = `[default]\n${base}sso_account_id = 111111111111\n[profile default]\n${base}sso_account_id = 222222222222\n`;
    const second = `[profile default]\n${base}sso_account_id = 222222222222\n[default]\n${base}sso_account_id = 111111111111\n`;
    expect(load('default', { config: first })).toMatchObject({ sso: { accountId: '222222222222' } });
    expect(load('default', { config: second })).toMatchObject({ sso: { accountId: '111111111111' } });
  });

  it('reads dotted and quoted profile names', () => {
    expect(load('team.prod', { config: CONFIG })).toMatchObject({ name: 'team.prod', sso: { accountId: '333333333333', roleName: 'Deploy' } });
    expect(load('with space', { config: CONFIG })).toMatchObject({ name: 'with space', sso: { accountId: '444444444444' } });
  });

  it('is not confused by nested blocks in the profile or in a [services] section', () => {
    expect(load('s3tuned', { config: CONFIG })).toMatchObject({ kind: 'sso', sso: { accountId: '555555555555', sessionName: 'corp' } });
  });

  it('accepts profile keys that repeat the sso-session values exactly', () => {
    const config = `${CONFIG}\n[profile same]\nsso_session = corp\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n`;
    expect(load('same', { config })).toMatchObject({ sso: { startUrl: START_URL, ssoRegion: 'us-east-1', sessionName: 'corp' } });
  });

  it('reads key names in any case, as the AWS CLI (which lower-cases them) does', () => {
    const config = `[profile loud]\nSSO_START_URL = ${START_URL}\nSSO_REGION = ap-southeast-2\nSso_Account_Id = 123456789012\nsso_role_name = Dev\n`;
    expect(load('loud', { config })).toMatchObject({ sso: { startUrl: START_URL, ssoRegion: 'ap-southeast-2', accountId: '123456789012' } });
  });

  it('accepts every partition region shape, including eusc-de-east-1 and us-gov-west-1', () => {
    for (const region of ['us-gov-west-1', 'cn-north-1', 'us-isob-east-1', 'eusc-de-east-1', 'ap-southeast-7']) {
      const config = `[profile p]\nsso_start_url = ${START_URL}\nsso_region = ${region}\nsso_account_id = 123456789012\nsso_role_name = Dev\n`;
      expect(load('p', { config })).toMatchObject({ sso: { ssoRegion: region } });
    }
  });

  it('resolves a profile the same with CRLF line ends, a BOM and comments', () => {
    const config = `\uFEFF; corp SSO\r\n[profile dev]\r\n# the dev account\r\nsso_session = corp\r\nsso_account_id = 123456789012\r\nsso_role_name = Dev\r\n\r\n[sso-session corp]\r\nsso_start_url = ${START_URL}\r\n; the SSO region\r\nsso_region = us-east-1\r\n`;
    expect(load('dev', { config })).toEqual({
      kind: 'sso',
      name: 'dev',
      sso: { startUrl: START_URL, ssoRegion: 'us-east-1', accountId: '123456789012', roleName: 'Dev', sessionName: 'corp' },
    });
  });

  it('prefers SSO over access keys in the credentials file, as the AWS CLI provider order does', () => {
    const credentials = `[dev]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    expect(load('dev', { config: CONFIG, credentials })).toMatchObject({ kind: 'sso', sso: { accountId: '123456789012' } });
  });
});

describe('loadProfile: long-term keys', () => {
  it('reads keys and session token from the credentials file, where sections are bare names', () => {
    const credentials = `[ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\naws_session_token = ${SESSION_TOKEN}\n`;
    expect(load('ci', { credentials })).toEqual({ kind: 'static', name: 'ci', accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN });
  });

  it('needs no config file when the profile is in the credentials file', () => {
    const credentials = `[default]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    const profile = load('default', { credentials });
    expect(profile).toEqual({ kind: 'static', name: 'default', accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY });
  });

  it('reads keys from the config file too, taking region from the profile', () => {
    const config = `[profile old]\nregion = eu-north-1\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    expect(load('old', { config })).toEqual({ kind: 'static', name: 'old', region: 'eu-north-1', accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY });
  });

  it('checks the credentials file first', () => {
    const config = `[profile both]\nregion = eu-north-1\naws_access_key_id = AKIACONFIGFILE000000\naws_secret_access_key = config-secret\n`;
    const credentials = `[both]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    expect(load('both', { config, credentials })).toEqual({ kind: 'static', name: 'both', region: 'eu-north-1', accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY });
  });

  it('lets the credentials file override region, as the AWS CLI merges it over the config file', () => {
    const config = '[profile both]\nregion = eu-north-1\n';
    const credentials = `[both]\nregion = ap-south-1\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    expect(load('both', { config, credentials })).toMatchObject({ region: 'ap-south-1' });
  });

  it('reads the legacy aws_security_token before aws_session_token, as botocore does', () => {
    const credentials = `[ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\naws_session_token = newer\naws_security_token = legacy\n`;
    expect(load('ci', { credentials })).toMatchObject({ sessionToken: 'legacy' });
  });

  it('leaves sessionToken out when it is empty', () => {
    const credentials = `[ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\naws_session_token =\n`;
    expect('sessionToken' in load('ci', { credentials })).toBe(false);
  });

  it('does not take [profile ci] of the credentials file for ci', () => {
    const credentials = `[profile ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    expect(loadError('ci', { credentials }).error.message).toContain('has a [profile ci] section, but there sections are bare profile names: [ci]');
  });
});

describe('loadProfile: file locations', () => {
  it('reads AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE instead of ~/.aws', () => {
    const home = makeHome({ config: '[profile elsewhere]\nregion = eu-west-1\n' });
    const dir = join(home, 'other');
    mkdirSync(dir);
    writeFileSync(join(dir, 'cfg'), `[profile elsewhere]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`);
    writeFileSync(join(dir, 'creds'), `[keys]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`);
    const env = { AWS_CONFIG_FILE: join(dir, 'cfg'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'creds') };
    expect(loadProfile(loadSharedConfig({ env, home }), 'elsewhere')).toMatchObject({ kind: 'sso', sso: { sessionName: 'corp' } });
    expect(loadProfile(loadSharedConfig({ env, home }), 'keys')).toMatchObject({ kind: 'static', accessKeyId: ACCESS_KEY_ID });
  });

  it('loads the profile AWS_PROFILE names over AWS_DEFAULT_PROFILE, and --profile over both', () => {
    const home = makeHome({ config: CONFIG });
    const env = { AWS_PROFILE: 'legacy', AWS_DEFAULT_PROFILE: 'dev' };
    expect(loadProfile(loadSharedConfig({ env, home }), resolveProfileName({ env }))).toMatchObject({ name: 'legacy', sso: { roleName: 'ReadOnly' } });
    expect(loadProfile(loadSharedConfig({ env, home }), resolveProfileName({ env, profileOption: 'team.prod' }))).toMatchObject({ name: 'team.prod', sso: { roleName: 'Deploy' } });
  });

  it('expands ~/ in AWS_CONFIG_FILE against the given home', () => {
    const home = makeHome({ config: CONFIG });
    expect(loadProfile(loadSharedConfig({ env: { AWS_CONFIG_FILE: '~/.aws/config' }, home }), 'dev')).toMatchObject({ kind: 'sso' });
  });

  it('is a FILESYSTEM error when a file exists but cannot be read', () => {
    const home = makeHome({ config: CONFIG });
    const error = errorOf(() => loadProfile(loadSharedConfig({ env: { AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws') }, home }), 'dev'));
    expect(error.reason).toBe('FILESYSTEM');
    expect(error.message).toBe(`cannot read ${join(home, '.aws')}: it is a directory`);
  });

  it('passes parse errors through with file and line', () => {
    const { error, home } = loadError('dev', { config: CONFIG, credentials: `[dev]\naws_secret_access_key ${SECRET_KEY}\n` });
    expect(error.reason).toBe('CONFIG');
    expect(error.message.startsWith(`${credentialsPath(home)}:2: `)).toBe(true);
  });
});

describe('loadProfile: read as botocore reads the files', () => {
  it('gives every profile the [DEFAULT] keys it does not set, in both files, as botocore\'s INI reader does', () => {
    const config = `[DEFAULT]\nregion = eu-central-1\n[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[profile own]\nregion = us-west-2\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`;
    const credentials = `[DEFAULT]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n[ci]\n`;
    const home = makeHome({ config, credentials });
    const shared = loadSharedConfig({ env: {}, home });
    expect(loadProfile(shared, 'dev')).toMatchObject({ kind: 'sso', region: 'eu-central-1' });
    expect(loadProfile(shared, 'own')).toMatchObject({ kind: 'static', region: 'us-west-2' });
    // The credentials file's [DEFAULT] gives ci its keys; the config file's [DEFAULT] reaches only config sections.
    expect(loadProfile(shared, 'ci')).toEqual({ kind: 'static', name: 'ci', accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY });
    // [DEFAULT] is no profile of its own.
    expect(errorOf(() => loadProfile(shared, 'DEFAULT')).message).toMatch(/^profile "DEFAULT" not found/);
  });

  it('reads [profiles dev] and [profile_old dev] as profile "dev" (a later one replacing an earlier one), and [ profile dev ] as no profile', () => {
    const config = '[profile_old dev]\nregion = eu-west-1\n[profiles dev]\nregion = eu-west-2\n[ profile x ]\nregion = eu-west-3\n[profile\u00a0y]\nregion = eu-west-3\n';
    const home = makeHome({ config, credentials: `[dev]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n` });
    const notes: string[] = [];
    const shared = loadSharedConfig({ env: {}, home, debug: (text) => notes.push(text) });
    expect(loadProfile(shared, 'dev')).toMatchObject({ kind: 'static', region: 'eu-west-2' });
    expect([...shared.configProfiles.keys()]).toEqual(['dev']);
    expect(shared.otherConfigSections).toEqual([' profile x ', 'profile\u00a0y']);
    expect(notes).toEqual([
      `${configPath(home)}: [profile_old dev] is read as [profile dev], as the AWS CLI reads it`,
      `${configPath(home)}: [profiles dev] is read as [profile dev], as the AWS CLI reads it`,
      `${configPath(home)}: [profiles dev] replaces the earlier section for profile "dev", as in the AWS CLI`,
      `${configPath(home)}: [profile\u00a0y] is ignored, as the AWS CLI ignores it: it names no profile (write [profile NAME], quoting a NAME with spaces)`,
    ]);
  });

  it('points at a header the AWS CLI does not read as the profile asked for', () => {
    const config = `[profile dev] # the dev account ]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n[ profile dev ]\nregion = eu-west-1\n[profile other]\n`;
    const { error, home } = loadError('dev', { config });
    expect(error.message).toContain(`${configPath(home)} has a [profile dev] # the dev account ] section, which the AWS CLI does not read as a profile`);
    expect(error.message).toContain(`${configPath(home)} has a [ profile dev ] section, which the AWS CLI does not read as a profile`);
    expect(error.message).not.toContain('[profile other] section');
  });

  it('lets [sso-session_old corp] redefine sso-session "corp"', () => {
    const config = `[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n[sso-session_old corp]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\n`;
    expect(load('dev', { config })).toMatchObject({ sso: { startUrl: START_URL, ssoRegion: 'eu-west-1', sessionName: 'corp' } });
  });

  it('reads no file for an empty AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE, as the AWS CLI does', () => {
    const home = makeHome({ config: CONFIG, credentials: `[ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n` });
    // Positive control: with the variables unset, both profiles resolve.
    expect(loadProfile(loadSharedConfig({ env: {}, home }), 'ci')).toMatchObject({ kind: 'static' });
    expect(loadProfile(loadSharedConfig({ env: {}, home }), 'dev')).toMatchObject({ kind: 'sso' });
    const env = { AWS_CONFIG_FILE: '', AWS_SHARED_CREDENTIALS_FILE: '' };
    const shared = loadSharedConfig({ env, home });
    expect(shared.configFileExists || shared.credentialsFileExists).toBe(false);
    expect(errorOf(() => loadProfile(shared, 'ci')).message).toBe(
      'profile "ci" not found: searched no config file (AWS_CONFIG_FILE is set but empty) and no credentials file (AWS_SHARED_CREDENTIALS_FILE is set but empty); no profiles exist in either file',
    );
  });

  it('expands $HOME and ${VAR} in AWS_CONFIG_FILE', () => {
    const home = makeHome({ config: CONFIG });
    expect(loadProfile(loadSharedConfig({ env: { HOME: home, AWS_CONFIG_FILE: '$HOME/.aws/config' }, home: '/nowhere' }), 'dev')).toMatchObject({ kind: 'sso' });
    expect(loadProfile(loadSharedConfig({ env: { D: join(home, '.aws'), AWS_CONFIG_FILE: '${D}/config' }, home: '/nowhere' }), 'dev')).toMatchObject({ kind: 'sso' });
  });

  it('explains an empty AWS_PROFILE, which the AWS CLI reads as the profile ""', () => {
    const env = { AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'dev' };
    const { error } = loadError(resolveProfileName({ env }), { config: CONFIG }, env);
    expect(error.reason).toBe('CONFIG');
    expect(error.message).toContain('AWS_PROFILE (or AWS_DEFAULT_PROFILE) is set to the empty string');
    expect(error.fix).toContain('unset AWS_PROFILE');
  });

  it('says when a refused value comes from [DEFAULT], and that botocore then finds a session\'s region inconsistent too', () => {
    const config = `[DEFAULT]\nregion = eu-west-1\n[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n[profile bad]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    const inconsistent = loadError('dev', { config }).error.message;
    expect(inconsistent).toMatch(/^The value for region is inconsistent between profile "dev" \("us-east-1", in \[profile dev\] of .*\/config\) and sso-session "corp" \("eu-west-1", in \[sso-session corp\] of .*\/config, which inherits it from \[DEFAULT\]\)$/);
    const bad = loadError('bad', { config: config.replace('region = eu-west-1', 'region = nowhere') }).error.message;
    expect(bad).toMatch(/region = "nowhere" in \[profile bad\] of .*\/config, which inherits it from \[DEFAULT\] must be an AWS region/);
  });

  it('refuses only the profile whose keys sit beside a wrapped value, and reads the rest of the file', () => {
    const [head, tail] = [SESSION_TOKEN.slice(0, 20), SESSION_TOKEN.slice(20)];
    const credentials = `[ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\naws_session_token = ${head}\n${tail}\n[other]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    const home = makeHome({ credentials });
    const shared = loadSharedConfig({ env: {}, home });
    expect(loadProfile(shared, 'other')).toMatchObject({ kind: 'static', accessKeyId: ACCESS_KEY_ID });
    const error = errorOf(() => loadProfile(shared, 'ci'));
    expect(error.message).toContain('looks like the rest of a long value (a secret key or session token) that wrapped onto a new line');
    expectNoSecret(error);
  });
});

describe('loadProfile: errors, with the CLI-like message, the file and the exact keys', () => {
  it('names a missing profile, the files searched and the profiles that exist', () => {
    const credentials = `[ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    const { error, home } = loadError('nope', { config: CONFIG, credentials });
    expect(error.reason).toBe('CONFIG');
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(
      `profile "nope" not found: searched ${configPath(home)} for [profile nope] and ${credentialsPath(home)} for [nope]; ` +
        'profiles that exist: ci, default, dev, legacy, s3tuned, team.prod, with space',
    );
    expect(error.fix).toBe('create it with: aws configure sso --profile nope; or pick one of the existing profiles with --profile NAME');
    expectNoSecret(error);
  });

  it('says when neither file exists', () => {
    const { error, home } = loadError('default', {});
    expect(error.message).toBe(
      `profile "default" not found: searched ${configPath(home)} for [default] and ${credentialsPath(home)} for [default]; ` +
        `no profiles exist in either file; ${configPath(home)} does not exist; ${credentialsPath(home)} does not exist`,
    );
    expect(error.fix).toBe('create it with: aws configure sso --profile default');
  });

  it('points out a config-file profile written without the "profile " prefix', () => {
    const { error, home } = loadError('dev', { config: '[dev]\nsso_account_id = 123456789012\n' });
    expect(error.message).toContain(`${configPath(home)} has a [dev] section, but there profile sections must be written [profile dev]`);
  });

  it('reports a missing sso-session as the AWS CLI does, naming the profile and the sessions that exist', () => {
    const config = `${CONFIG}\n[profile broken]\nsso_session = nope\nsso_account_id = 123456789012\nsso_role_name = Dev\n`;
    const { error, home } = loadError('broken', { config });
    expect(error.reason).toBe('CONFIG');
    expect(error.message).toBe(
      `The specified sso-session does not exist: "nope" (profile "broken" sets sso_session = nope in [profile broken] of ${configPath(home)}, ` +
        `but ${configPath(home)} has no [sso-session nope] section; sso-sessions that exist: corp)`,
    );
    expect(error.fix).toContain(`add an [sso-session nope] section with sso_start_url and sso_region to ${configPath(home)}`);
  });

  it('reports a key set differently in profile and sso-session, showing both values', () => {
    const config = `${CONFIG}\n[profile mixed]\nsso_session = corp\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n`;
    const { error, home } = loadError('mixed', { config });
    expect(error.message).toBe(
      `The value for sso_region is inconsistent between profile "mixed" ("eu-west-1", in [profile mixed] of ${configPath(home)}) ` +
        `and sso-session "corp" ("us-east-1", in [sso-session corp] of ${configPath(home)})`,
    );
    expect(error.fix).toBe(`remove sso_region from [profile mixed] of ${configPath(home)} (the sso-session's value then applies), or make the two values equal`);
  });

  it('treats an empty profile value that the session sets as inconsistent, as the AWS CLI does', () => {
    const config = `${CONFIG}\n[profile blank]\nsso_session = corp\nsso_start_url =\nsso_account_id = 123456789012\nsso_role_name = Dev\n`;
    expect(loadError('blank', { config }).error.message).toMatch(/^The value for sso_start_url is inconsistent between profile "blank" \("", in /);
  });

  it('lists every missing SSO key in one error (legacy form)', () => {
    const { error, home } = loadError('half', { config: '[profile half]\nsso_role_name = Dev\n' });
    expect(error.message).toBe(`profile "half" is configured for SSO but is missing sso_start_url, sso_region, sso_account_id (looked in [profile half] of ${configPath(home)})`);
    expect(error.fix).toBe(`add sso_start_url, sso_region, sso_account_id to [profile half] of ${configPath(home)}, or run: aws configure sso --profile half`);
  });

  it('lists missing keys with where each belongs (session form), counting empty values as missing', () => {
    const config = '[profile s]\nsso_session = thin\nsso_account_id = 123456789012\nsso_role_name =\n[sso-session thin]\nsso_region = us-east-1\n';
    const { error, home } = loadError('s', { config });
    expect(error.message).toBe(
      `profile "s" is configured for SSO but is missing sso_start_url, sso_role_name ` +
        `(looked in [profile s] of ${configPath(home)} and [sso-session thin] of ${configPath(home)}, which it reaches via sso_session = thin)`,
    );
    expect(error.fix).toBe(
      `add sso_start_url to [sso-session thin] of ${configPath(home)} and sso_role_name to [profile s] of ${configPath(home)}, or run: aws configure sso --profile s`,
    );
  });

  it('lists all four keys when a profile only has sso_account_id and an empty rest', () => {
    const { error } = loadError('x', { config: '[profile x]\nsso_account_id =\n' });
    expect(error.message).toMatch(/is missing sso_start_url, sso_region, sso_account_id, sso_role_name \(/);
  });

  it('names every malformed value with its key, value and section, in one error', () => {
    const config = [
      '[profile bad]',
      'sso_start_url = http://d-1234567890.awsapps.com/start',
      'sso_region = us-east-1   # SSO region',
      'sso_account_id = 12345678901',
      'sso_role_name = Power User',
      'region = Europe',
    ].join('\n');
    const { error, home } = loadError('bad', { config });
    const where = `[profile bad] of ${configPath(home)}`;
    expect(error.reason).toBe('CONFIG');
    expect(error.message).toBe(
      `profile "bad" has invalid values: ` +
        `sso_start_url = "http://d-1234567890.awsapps.com/start" in ${where} must be an https:// URL, like https://d-1234567890.awsapps.com/start; ` +
        `sso_region = "us-east-1   # SSO region" in ${where} must be an AWS region, like us-east-1 (the AWS CLI does not strip a comment after a value: put the comment on a line of its own); ` +
        `sso_account_id = "12345678901" in ${where} must be a 12-digit AWS account id; ` +
        `sso_role_name = "Power User" in ${where} must be a role (permission set) name: letters, digits and +=,.@_- only; ` +
        `region = "Europe" in ${where} must be an AWS region, like eu-west-1`,
    );
    expect(error.fix).toBe(`correct these values in ${configPath(home)}`);
  });

  it('refuses a start URL with a comment after it, which URL parsing alone would accept', () => {
    const config = `[profile c]\nsso_start_url = ${START_URL} # portal\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n`;
    expect(loadError('c', { config }).error.message).toContain(`sso_start_url = "${START_URL} # portal"`);
  });

  it('refuses registration scopes with a comment after them (the reference example has one)', () => {
    const config = `[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access   # comma-separated; login only\n`;
    const { error, home } = loadError('dev', { config });
    expect(error.message).toBe(
      `profile "dev" has invalid values: sso_registration_scopes = "sso:account:access   # comma-separated; login only" in [sso-session corp] of ${configPath(home)} ` +
        'must be comma-separated scopes, like sso:account:access (the AWS CLI does not strip a comment after a value: put the comment on a line of its own)',
    );
  });

  it('hints at the comment when sso_session has one after its value', () => {
    const { error } = loadError('dev', { config: `${CONFIG.replace('sso_session    = corp', 'sso_session    = corp # shared')}` });
    expect(error.message).toMatch(/^The specified sso-session does not exist: "corp # shared" .*\(the AWS CLI does not strip a comment after a value: put the comment on a line of its own\)$/);
  });

  it('refuses a bad region on a static profile too', () => {
    const credentials = `[ci]\nregion = us-east-1 # default\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    const { error } = loadError('ci', { credentials });
    expect(error.message).toContain('region = "us-east-1 # default" in [ci] of');
    expectNoSecret(error);
  });

  it('refuses a nested block where a single SSO value belongs', () => {
    const { error, home } = loadError('n', { config: `[profile n]\nsso_account_id = 123456789012\nsso_role_name = Dev\nsso_region =\n  x = 1\nsso_start_url = ${START_URL}\n` });
    expect(error.message).toBe(`profile "n": sso_region in [profile n] of ${configPath(home)} is a nested block (indented lines follow it), not a value`);
  });

  it.each([
    ['the secret key', `aws_access_key_id = ${ACCESS_KEY_ID}\n`, 'aws_access_key_id is set and aws_secret_access_key is missing'],
    ['the key id', `aws_secret_access_key = ${SECRET_KEY}\n`, 'aws_access_key_id is missing and aws_secret_access_key is set'],
    ['an empty key id', `aws_access_key_id =\naws_secret_access_key = ${SECRET_KEY}\n`, 'aws_access_key_id is empty and aws_secret_access_key is set'],
  ])('names which access key is missing when only one is there: %s', (_label, keys, states) => {
    const { error, home } = loadError('ci', { credentials: `[ci]\n${keys}` });
    expect(error.reason).toBe('CONFIG');
    expect(error.message).toBe(`profile "ci" has incomplete access keys in [ci] of ${credentialsPath(home)}: ${states}; both are needed`);
    expect(error.fix).toBe(`set both aws_access_key_id and aws_secret_access_key in [ci] of ${credentialsPath(home)}, or remove what is there`);
    expectNoSecret(error);
  });

  it('reports incomplete access keys in the config file too', () => {
    const { error, home } = loadError('old', { config: `[profile old]\naws_secret_access_key = ${SECRET_KEY}\n` });
    expect(error.message).toBe(`profile "old" has incomplete access keys in [profile old] of ${configPath(home)}: aws_access_key_id is missing and aws_secret_access_key is set; both are needed`);
    expectNoSecret(error);
  });

  it('refuses a role_arn that is not a role ARN, naming the file and no secret', () => {
    const config = `[profile assume]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = assume\n`;
    const credentials = `[assume]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;
    const { error, home } = loadError('assume', { config, credentials });
    expect(error.reason).toBe('CONFIG');
    expect(error.message).toBe(`profile "assume" has invalid values: role_arn = "arn:aws:iam::1:role/x" in [profile assume] of ${configPath(home)} must be an IAM role ARN, like arn:aws:iam::123456789012:role/Admin`);
    expectNoSecret(error);
  });

  it('explains a sign-in-only profile (sso_session without account and role)', () => {
    const { error, home } = loadError('login', { config: `${CONFIG}\n[profile login]\nsso_session = corp\n` });
    expect(error.message).toBe(`profile "login" has sso_session but neither sso_account_id nor sso_role_name (in [profile login] of ${configPath(home)}), so it names no account and role to get credentials for`);
    expect(error.fix).toBe(`add sso_account_id and sso_role_name to [profile login] of ${configPath(home)}, or run: aws configure sso --profile login`);
  });

  it('explains a profile with no credential keys at all', () => {
    const { error, home } = loadError('plain', { config: '[profile plain]\nregion = eu-west-1\noutput = json\n' });
    expect(error.message).toBe(
      `profile "plain" ([profile plain] of ${configPath(home)}) has no credentials awscreds can use: no sso_account_id or sso_role_name, ` +
        'no aws_access_key_id and aws_secret_access_key, no role_arn, web_identity_token_file or credential_process; its keys: "region", "output"',
    );
  });

  it('hides a key name that looks like a pasted secret', () => {
    const { error } = loadError('plain', { config: `[profile plain]\nregion = eu-west-1\nwJalrXUtnFEMIK7MDENGbPxRfiCY = 1\n` });
    expect(error.message).toMatch(/its keys: "region", a key whose name is not shown \(it looks like a pasted value\)$/);
    expectNoSecret(error);
  });
});

describe('loadProfile: no secret in any error', () => {
  const secrets = `aws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\naws_session_token = ${SESSION_TOKEN}\n`;
  const fixtures: Array<[string, string, { config?: string; credentials?: string }]> = [
    ['not found', 'nope', { credentials: `[ci]\n${secrets}` }],
    ['bad region', 'ci', { credentials: `[ci]\nregion = nowhere\n${secrets}` }],
    ['missing secret', 'ci', { credentials: `[ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_session_token = ${SESSION_TOKEN}\n` }],
    ['missing key id', 'ci', { credentials: `[ci]\naws_secret_access_key = ${SECRET_KEY}\naws_session_token = ${SESSION_TOKEN}\n` }],
    ['nested token', 'ci', { credentials: `[ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\naws_session_token =\n  a = b\n` }],
    ['role_arn', 'r', { config: '[profile r]\nrole_arn = arn:aws:iam::1:role/x\n', credentials: `[r]\n${secrets}` }],
    ['empty credential_process', 'p', { config: '[profile p]\ncredential_process =\n', credentials: `[p]\naws_session_token = ${SESSION_TOKEN}\n` }],
    ['source without credentials', 'r', { config: '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = p\n[profile p]\nregion = eu-west-1\n', credentials: `[p]\naws_session_token = ${SESSION_TOKEN}\n` }],
    ['inconsistent secret key in session', 's', { config: `[profile s]\nsso_session = c\nsso_account_id = 123456789012\naws_secret_access_key = ${SECRET_KEY}\n[sso-session c]\naws_secret_access_key = other\n` }],
    ['missing sso keys', 's', { config: '[profile s]\nsso_role_name = Dev\n', credentials: `[s]\n${secrets}` }],
    ['no credentials', 'p', { config: '[profile p]\nregion = eu-west-1\n', credentials: `[p]\naws_session_token = ${SESSION_TOKEN}\n` }],
    ['parse error', 'p', { credentials: `[p]\n${SECRET_KEY}\n` }],
    ['wrapped token', 'p', { credentials: `[p]\naws_session_token = IQoJ\n${SESSION_TOKEN}\n` }],
  ];
  it.each(fixtures)('%s', (_label, profile, files) => {
    const { error } = loadError(profile, files);
    expect(error.reason).toBe('CONFIG');
    expectNoSecret(error);
  });
});
