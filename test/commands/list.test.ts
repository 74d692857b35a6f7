import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { formatTokenCacheFile, tokenCacheKey } from '../emulator/awsCliCacheFormat';
import type { AccountSpec } from '../emulator/ssoEmulator';
import { runAwscreds } from '../helpers/runAwscreds';
import { emulatedHome, type EmulatedHome } from './commandsTestSetup';

let home: EmulatedHome;
afterEach(async () => home?.stop());

/** 205 accounts (three ListAccounts pages of 100), one of them with 130 roles (two pages). */
function manyAccounts(): AccountSpec[] {
  const accounts: AccountSpec[] = [];
  for (let i = 0; i < 205; i++) {
    const accountId = String(100000000000 + i);
    accounts.push({ accountId, accountName: `Account ${String(i).padStart(3, '0')}`, emailAddress: `a${i}@example.com`, roles: i === 7 ? Array.from({ length: 130 }, (_, r) => `Role${String(r).padStart(3, '0')}`) : ['Dev'] });
  }
  return accounts;
}

interface ListJson {
  schemaVersion: number;
  ssoSession: string | null;
  startUrl: string;
  ssoRegion: string;
  accounts: Array<{ accountId: string; accountName: string | null; emailAddress: string | null; roles: Array<{ roleName: string; profiles: string[] }> }>;
}

describe('awscreds list', () => {
  it('prints a stable JSON document with every assigned account and role, and the profiles that use each', async () => {
    home = await emulatedHome();
    // A second profile on the same role, a legacy one on another, and one of another instance.
    appendFileSync(home.seeded.configFile, '\n[profile dev2]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n[profile other-instance]\nsso_start_url = https://d-9999999999.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 210987654321\nsso_role_name = Admin\n\n[profile broken]\nsso_session = nowhere\nsso_account_id = 1\n');
    const run = await runAwscreds(['list', '--json'], home.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      schemaVersion: 1,
      ssoSession: 'corp',
      startUrl: 'https://d-1234567890.awsapps.com/start',
      ssoRegion: 'us-east-1',
      accounts: [
        { accountId: '123456789012', accountName: 'Dev account', emailAddress: 'dev@example.com', roles: [{ roleName: 'Dev', profiles: ['dev', 'dev2'] }, { roleName: 'ReadOnly', profiles: ['legacy'] }] },
        { accountId: '210987654321', accountName: 'Prod', emailAddress: 'prod@example.com', roles: [{ roleName: 'Admin', profiles: [] }] },
      ],
    });
    // Every call carried the cached token of sso-session corp.
    expect(home.emulator.requests.filter((r) => r.operation.startsWith('List')).every((r) => r.headers['x-amz-sso_bearer_token'] === true)).toBe(true);
  });

  it('lists each sign-in with its own token: another start URL sees its own accounts only', async () => {
    home = await emulatedHome();
    const other = 'https://d-9999999999.awsapps.com/start';
    home.emulator.setAccounts([{ accountId: '333333333333', accountName: 'Other org', roles: ['Ops'] }], other);
    appendFileSync(home.seeded.configFile, `\n[sso-session other]\nsso_start_url = ${other}\nsso_region = us-east-1\n\n[profile ops]\nsso_session = other\nsso_account_id = 333333333333\nsso_role_name = Ops\n`);
    const client = home.emulator.registerClient({ scopes: ['sso:account:access'], issuerUrl: other });
    const session = home.emulator.issueSession({ clientId: client.clientId, startUrl: other, refreshToken: false });
    writeFileSync(
      join(home.seeded.cacheDir, `${tokenCacheKey(other, 'other')}.json`),
      formatTokenCacheFile({ startUrl: other, region: 'us-east-1', accessToken: session.accessToken, expiresAt: session.expiresAt, clientId: client.clientId, clientSecret: client.clientSecret, registrationExpiresAt: client.clientSecretExpiresAt * 1000 }),
      { mode: 0o600 },
    );
    const ops = await runAwscreds(['list', '--sso-session', 'other', '--json'], home.env);
    expect(ops.stderr).toBe('');
    expect((JSON.parse(ops.stdout) as ListJson).accounts).toEqual([{ accountId: '333333333333', accountName: 'Other org', emailAddress: null, roles: [{ roleName: 'Ops', profiles: ['ops'] }] }]);
    // And corp's sign-in still sees corp's accounts (positive control).
    const corp = await runAwscreds(['list', '--sso-session', 'corp', '--json'], home.env);
    expect((JSON.parse(corp.stdout) as ListJson).accounts.map((a) => a.accountId)).toEqual(['123456789012', '210987654321']);
    // The export of a profile of that sign-in gets its role.
    const exported = await runAwscreds(['export', '--profile', 'ops'], home.env);
    expect(exported.status).toBe(0);
    expect(home.emulator.issuedRoleCredentials.map((c) => [c.accountId, c.roleName])).toEqual([['333333333333', 'Ops']]);
  });

  it('prints a table by default, one row per role', async () => {
    home = await emulatedHome();
    const run = await runAwscreds(['list'], home.env);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        'ACCOUNT       NAME         ROLE      PROFILES',
        '123456789012  Dev account  Dev       dev',
        '123456789012  Dev account  ReadOnly  legacy',
        '210987654321  Prod         Admin     -',
        '',
      ].join('\n'),
    );
  });

  it('follows every page of ListAccounts and ListAccountRoles', async () => {
    home = await emulatedHome();
    home.emulator.setAccounts(manyAccounts());
    const run = await runAwscreds(['list', '--json'], home.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const listed = JSON.parse(run.stdout) as ListJson;
    expect(listed.accounts).toHaveLength(205);
    expect(listed.accounts.map((a) => a.accountName)).toEqual(manyAccounts().map((a) => a.accountName));
    expect(listed.accounts[7]?.roles.map((r) => r.roleName)).toEqual(manyAccounts()[7]?.roles);
    expect(home.emulator.requestsFor('ListAccounts')).toHaveLength(3);
    expect(home.emulator.requestsFor('ListAccountRoles')).toHaveLength(206);
    expect(home.emulator.requestsFor('ListAccountRoles').filter((r) => r.query.account_id === '100000000007')).toHaveLength(2);
  });

  it('shows a control character from the service as ? in the table (JSON keeps it, escaped)', async () => {
    home = await emulatedHome();
    home.emulator.setAccounts([{ accountId: '123456789012', accountName: 'Evil\u001b[31mred', roles: ['Dev'] }]);
    const table = await runAwscreds(['list'], home.env);
    expect(table.stdout).toContain('Evil?[31mred');
    expect(table.stdout).not.toContain('\u001b');
    const json = await runAwscreds(['list', '--json'], home.env);
    expect((JSON.parse(json.stdout) as ListJson).accounts[0]?.accountName).toBe('Evil\u001b[31mred');
    expect((JSON.parse(json.stdout) as ListJson).accounts[0]?.emailAddress).toBeNull();
  });

  it('lists the sign-in of --profile, including a legacy one', async () => {
    home = await emulatedHome({ seed: { legacyToken: true } });
    const run = await runAwscreds(['list', '--profile', 'legacy', '--json'], home.env);
    expect(run.status).toBe(0);
    const listed = JSON.parse(run.stdout) as ListJson;
    expect(listed.ssoSession).toBeNull();
    expect(listed.accounts.map((a) => a.accountId)).toEqual(['123456789012', '210987654321']);
  });

  it('refuses when not signed in, with the same NOT_SIGNED_IN error as export', async () => {
    home = await emulatedHome({ seed: { signedOut: true } });
    const list = await runAwscreds(['list', '--profile', 'dev'], home.env);
    const exported = await runAwscreds(['export', '--profile', 'dev'], home.env);
    expect(list.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(list.stdout).toBe('');
    // The same problem, word for word; each fix names its own command to run again.
    expect(list.stderr.split('\n')[0]).toBe(exported.stderr.split('\n')[0]);
    expect(list.stderr).toContain('then run the command again.');
    expect(exported.stderr).toContain('then `eval "$(awscreds export --profile dev)"` again.');
    expect(home.emulator.requestsFor('ListAccounts')).toHaveLength(0);
  });

  it('refuses a token the service rejects as NOT_SIGNED_IN', async () => {
    home = await emulatedHome();
    home.emulator.failNext('ListAccounts', { errorType: 'UnauthorizedException', message: 'Session token not found or invalid' });
    const run = await runAwscreds(['list'], home.env);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stderr).toMatch(/^awscreds: profile "dev" is not signed in: IAM Identity Center rejected the cached SSO token/);
  });

  it('names the operation and account when a call fails', async () => {
    home = await emulatedHome();
    home.emulator.failNext('ListAccountRoles', { errorType: 'InvalidRequestException', message: 'Nope', times: 10 });
    const run = await runAwscreds(['list'], home.env);
    expect(run.status).toBe(EXIT_CODES.SERVICE.code);
    expect(run.stderr).toMatch(/ListAccountRoles \(account \d{12}\) failed for sso-session "corp" \(region us-east-1\): InvalidRequestException: HTTP 400: Nope/);
    expect(run.stderr).toContain('fix: ');
  });

  it('says which sign-ins exist when it cannot tell which to list, and refuses a profile with keys', async () => {
    home = await emulatedHome();
    appendFileSync(home.seeded.configFile, '\n[sso-session other]\nsso_start_url = https://d-9999999999.awsapps.com/start\nsso_region = eu-west-1\n\n[profile keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    const ambiguous = await runAwscreds(['list'], home.env);
    expect(ambiguous.status).toBe(EXIT_CODES.USAGE.code);
    expect(ambiguous.stderr).toContain('sso-sessions: corp, other; SSO profiles: dev, legacy');
    const missing = await runAwscreds(['list', '--sso-session', 'nope'], home.env);
    expect(missing.status).toBe(EXIT_CODES.CONFIG.code);
    // login, logout and list resolve an sso-session in one place (config/ssoSessions.ts), with the AWS CLI's words.
    expect(missing.stderr).toContain('The specified sso-session does not exist: "nope"');
    expect(missing.stderr).toContain('sso-sessions that exist: corp, other');
    const keys = await runAwscreds(['list', '--profile', 'keys'], home.env);
    expect(keys.status).toBe(EXIT_CODES.CONFIG.code);
    expect(keys.stderr).toContain('awscreds: profile "keys" has no accounts to list: it uses long-term access keys.\n');
    const both = await runAwscreds(['list', '--profile', 'dev', '--sso-session', 'corp'], home.env);
    expect(both.status).toBe(EXIT_CODES.USAGE.code);
    // An sso-session no profile uses, not signed in: its own message.
    const other = await runAwscreds(['list', '--sso-session', 'other'], home.env);
    expect(other.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(other.stderr).toContain('sso-session "other" is not signed in');
    expect(other.stderr).toContain('aws sso login --sso-session other');
  });
});
