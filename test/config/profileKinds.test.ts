import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeProfile, holdsSecret, loadProfile, roleLevelsOf, ssoRootOf, type ResolvedProfile } from '../../src/config/loadProfile';
import { loadSharedConfig } from '../../src/config/sharedConfig';
import { configuredRoleChains, resolveSignInTarget } from '../../src/config/ssoSessions';
import { errorOf } from '../helpers/errorOf';
import { ACCESS_KEY_ID, BROKEN_ROLE_CHAINS, KEYS_CREDENTIALS, MFA_SERIAL, SECRET_KEY, expectNoSecret, makeHome, removeHomes } from './fixtures';
import { NEEDS, needing } from '../helpers/needs';

afterAll(removeHomes);

const SSO = `[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1

[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Dev

[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly
`;

const CONFIG = `${SSO}
[profile admin]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = sso
region = eu-west-1

[profile deep]
role_arn = arn:aws:iam::333333333333:role/Deep
source_profile = admin
role_session_name = alice
external_id = ext-123
mfa_serial = ${MFA_SERIAL}
duration_seconds = 1800

[profile fromkeys]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = keys

[profile fromlegacy]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = legacy

[profile fromproc]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = proc

[profile self]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = self
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY}

[profile selfnokeys]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = selfnokeys

[profile keysandrole]
role_arn = arn:aws:iam::999999999999:role/Ignored
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY}

[profile viakeysandrole]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = keysandrole

[profile env]
role_arn = arn:aws:iam::210987654321:role/Admin
credential_source = Environment

[profile badsource]
role_arn = arn:aws:iam::210987654321:role/Admin
credential_source = environment

[profile both]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = sso
credential_source = Environment

[profile neither]
role_arn = arn:aws:iam::210987654321:role/Admin

[profile empty]
region = eu-west-1

[profile fromempty]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = empty

[profile web]
web_identity_token_file = /var/run/token
role_arn = arn:aws:iam::210987654321:role/Web
role_session_name = pod

[profile webnorole]
web_identity_token_file = /var/run/token

[profile proc]
credential_process = PROC_PATH

[profile badduration]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = sso
duration_seconds = one hour
${BROKEN_ROLE_CHAINS}`;

function setup(): { home: string; load: (name: string) => ResolvedProfile } {
  const home = makeHome({ credentials: KEYS_CREDENTIALS });
  const proc = join(home, 'creds.sh');
  writeFileSync(proc, `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${ACCESS_KEY_ID}", "SecretAccessKey": "${SECRET_KEY}"}'\n`);
  chmodSync(proc, 0o755);
  writeFileSync(join(home, '.aws', 'config'), CONFIG.replace('PROC_PATH', proc));
  const shared = loadSharedConfig({ env: {}, home });
  return { home, load: (name) => loadProfile(shared, name) };
}

describe('profile kinds', () => {
  const { load } = setup();

  it('a role rooted in an SSO profile: its settings, the exported region and the chain', () => {
    const admin = load('admin');
    expect(admin).toMatchObject({ kind: 'role', name: 'admin', region: 'eu-west-1', role: { roleArn: 'arn:aws:iam::210987654321:role/Admin' }, chain: ['admin', 'sso'] });
    expect(admin.kind === 'role' && admin.source).toMatchObject({ kind: 'sso', name: 'sso', sso: { sessionName: 'corp', roleName: 'Dev' } });
    expect(ssoRootOf(admin)?.name).toBe('sso');
  });

  it('a chain of three with every role setting', () => {
    const deep = load('deep');
    expect(deep).toMatchObject({
      kind: 'role',
      role: { roleArn: 'arn:aws:iam::333333333333:role/Deep', roleSessionName: 'alice', externalId: 'ext-123', mfaSerial: MFA_SERIAL, durationSeconds: 1800 },
      chain: ['deep', 'admin', 'sso'],
    });
    expect(deep.kind === 'role' && deep.region).toBeUndefined(); // the exported profile's own region only
    expect(roleLevelsOf(deep).map((r) => r.roleArn)).toEqual(['arn:aws:iam::333333333333:role/Deep', 'arn:aws:iam::210987654321:role/Admin']);
    expect(ssoRootOf(deep)?.name).toBe('sso');
  });

  it('roots: long-term keys, a legacy SSO profile, credential_process, credential_source', () => {
    expect(load('fromkeys')).toMatchObject({ kind: 'role', source: { kind: 'static', name: 'keys' } });
    expect(load('fromlegacy')).toMatchObject({ kind: 'role', source: { kind: 'sso', name: 'legacy' } });
    expect(load('fromproc')).toMatchObject({ kind: 'role', source: { kind: 'process', name: 'proc' } });
    expect(load('env')).toMatchObject({ kind: 'role', source: { kind: 'credential-source', source: 'Environment' } });
    expect(ssoRootOf(load('fromkeys'))).toBeUndefined();
  });

  it('a profile that is its own source uses its keys; a source with keys and role_arn gives its keys', () => {
    expect(load('self')).toMatchObject({ kind: 'role', source: { kind: 'static', name: 'self' }, chain: ['self'] });
    expect(load('viakeysandrole')).toMatchObject({ kind: 'role', source: { kind: 'static', name: 'keysandrole' } });
  });

  it('web identity, credential_process', () => {
    expect(load('web')).toEqual({ kind: 'web-identity', name: 'web', role: { roleArn: 'arn:aws:iam::210987654321:role/Web', roleSessionName: 'pod' }, tokenFile: '/var/run/token' });
    expect(load('proc')).toMatchObject({ kind: 'process', name: 'proc' });
  });

  it('duration_seconds that is not a number is ignored, as botocore ignores it', () => {
    expect(load('badduration').kind === 'role' && (load('badduration') as { role: object }).role).toEqual({ roleArn: 'arn:aws:iam::210987654321:role/Admin' });
  });
});

describe('sign-ins of role chains', () => {
  const { home } = setup();
  const shared = loadSharedConfig({ env: {}, home });

  it('login and logout --profile ROLE use the sign-in at the root of its chain', () => {
    expect(resolveSignInTarget(shared, { profileName: 'deep' })).toMatchObject({ sessionName: 'corp', startUrl: 'https://d-1234567890.awsapps.com/start' });
    const legacy = resolveSignInTarget(shared, { profileName: 'fromlegacy' });
    expect(legacy).toMatchObject({ startUrl: 'https://d-1234567890.awsapps.com/start', ssoRegion: 'us-east-1' });
    expect(legacy.sessionName).toBeUndefined();
    expect(errorOf(() => resolveSignInTarget(shared, { profileName: 'fromkeys' })).message).toBe(
      'profile "fromkeys" has no SSO sign-in: its role chain does not start at an SSO profile.',
    );
  });

  it('configuredRoleChains lists the SSO-rooted chains with every level, skipping the rest', () => {
    const chains = configuredRoleChains(shared, () => undefined);
    expect(chains.map((c) => c.name)).toEqual(['admin', 'badduration', 'deep', 'fromlegacy']);
    expect(chains.find((c) => c.name === 'deep')?.levels.map((l) => l.roleArn)).toEqual(['arn:aws:iam::333333333333:role/Deep', 'arn:aws:iam::210987654321:role/Admin']);
  });
});

describe('profile kinds: errors name the chain and the fix', () => {
  const { home, load } = setup();
  const config = join(home, '.aws', 'config');

  it('a loop', () => {
    const error = errorOf(() => load('loop1'));
    expect(error.reason).toBe('CONFIG');
    expect(error.message).toBe(`Infinite loop in profile configuration: source_profile "loop1" in profile "loop2" (in [profile loop2] of ${config}) leads back to a profile already in the chain: "loop1" -> "loop2" -> "loop1"`);
    expect(error.fix).toMatch(/^break the loop/);
    // A profile naming itself without keys of its own is a loop too (as botocore says).
    expect(errorOf(() => load('selfnokeys')).message).toMatch(/^Infinite loop .*"selfnokeys" -> "selfnokeys"$/);
  });

  it('a missing source profile', () => {
    const error = errorOf(() => load('missing'));
    expect(error.message).toMatch(new RegExp(`^The source_profile "nowhere" referenced in the profile "missing" does not exist \\(in \\[profile missing\\] of ${config.replace(/[.]/g, '\\.')}; chain: "missing" -> "nowhere"\\); profiles that exist: `));
    expect(error.fix).toContain('aws configure sso --profile nowhere');
  });

  it('a source without credentials', () => {
    const error = errorOf(() => load('fromempty'));
    expect(error.message).toMatch(/^The source profile "empty" must have credentials \(profile "fromempty" assumes its role with them; chain: "fromempty" -> "empty"\): profile "empty" .* has no credentials awscreds can use/);
  });

  it('source_profile and credential_source together, neither, or an unknown credential_source', () => {
    expect(errorOf(() => load('both')).message).toMatch(/^The profile "both" contains both source_profile and credential_source/);
    expect(errorOf(() => load('neither')).message).toMatch(/^profile "neither" sets role_arn .* but neither source_profile nor credential_source/);
    const bad = errorOf(() => load('badsource'));
    expect(bad.message).toMatch(/^The credential source "environment" referenced in profile "badsource" is not valid/);
    expect(bad.fix).toContain('Environment, EcsContainer or Ec2InstanceMetadata');
  });

  it('web identity without role_arn', () => {
    expect(errorOf(() => load('webnorole')).message).toMatch(/^profile "webnorole" is configured to assume a role with web identity .* but has no role_arn$/);
  });

  it('each kind says whether it holds a secret (what the remembered config must not store) and what it is', () => {
    const cases = ['sso', 'keys', 'fromkeys', 'viakeysandrole', 'deep', 'env', 'web', 'proc'].map((name) => {
      const profile = load(name);
      return [name, profile.kind, holdsSecret(profile), describeProfile(profile)];
    });
    expect(cases).toEqual([
      ['sso', 'sso', false, 'it signs in with IAM Identity Center'],
      ['keys', 'static', true, 'it uses long-term access keys'],
      ['fromkeys', 'role', true, 'its role chain does not start at an SSO profile'],
      ['viakeysandrole', 'role', true, 'its role chain does not start at an SSO profile'],
      ['deep', 'role', false, 'its role chain does not start at an SSO profile'],
      ['env', 'role', false, 'its role chain does not start at an SSO profile'],
      ['web', 'web-identity', false, 'it uses a web identity token'],
      ['proc', 'process', false, 'it uses credential_process'],
    ]);
  });

  it('a kind the types do not know (from outside them) is refused, not taken as safe to remember', () => {
    const stranger = { kind: 'imds', name: 'x' } as unknown as ResolvedProfile;
    expect(() => holdsSecret(stranger)).toThrow('unknown profile kind: "imds"');
    expect(() => describeProfile(stranger)).toThrow('unknown profile kind: "imds"');
    expect(() => ssoRootOf(stranger)).toThrow('unknown profile kind: "imds"');
  });

  it('no error shows a secret', () => {
    for (const name of ['loop1', 'missing', 'fromempty', 'both', 'neither', 'badsource', 'webnorole', 'selfnokeys']) expectNoSecret(errorOf(() => load(name)));
  });
});

// The same decisions as the AWS CLI's own botocore: which provider answers, or that it refuses.
const withAwsCli = needing('profileKinds: as the AWS CLI resolves them', NEEDS.awsCli);
withAwsCli.describe('profile kinds, as the AWS CLI resolves them', () => {
  const { home, load } = setup();
  const BOTOCORE_METHOD: Record<ResolvedProfile['kind'], string[]> = {
    role: ['assume-role'],
    'web-identity': ['assume-role-with-web-identity'],
    sso: ['sso'],
    static: ['shared-credentials-file', 'config-file'],
    process: ['custom-process'],
  };
  const profiles = ['sso', 'legacy', 'admin', 'deep', 'fromkeys', 'fromlegacy', 'fromproc', 'self', 'selfnokeys', 'keysandrole', 'viakeysandrole', 'env', 'badsource', 'both', 'neither', 'loop1', 'loop2', 'missing', 'fromempty', 'web', 'webnorole', 'proc', 'keys'];

  it('every profile: the same kind, or an error in both', () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') };
    // For credential_source = Environment, which botocore reads at once (a named profile ignores them otherwise).
    Object.assign(env, { AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_KEY });
    const run = spawnSync('/usr/bin/python3', [join(__dirname, '..', 'helpers', 'botocoreProfileKind.py'), ...profiles], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const botocore = JSON.parse(run.stdout) as Record<string, string>;
    const ours: Record<string, string> = {};
    const theirs: Record<string, string> = {};
    for (const name of profiles) {
      let kind: string;
      try {
        kind = load(name).kind;
      } catch {
        kind = 'error';
      }
      ours[name] = kind;
      const method = botocore[name] ?? 'none';
      theirs[name] = method.startsWith('error:') ? 'error' : (Object.entries(BOTOCORE_METHOD).find(([, methods]) => methods.includes(method))?.[0] ?? method);
    }
    expect(ours).toEqual(theirs);
    // The comparison can fail: both sides tell kinds apart.
    expect(new Set(Object.values(ours)).size).toBeGreaterThan(4);
  });
});
