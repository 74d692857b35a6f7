import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { emulatedHomeForEachTest } from '../commands/commandsTestSetup';
import { tokenCacheKey } from '../emulator/awsCliCacheFormat';
import { SEED_ACCOUNT_ID, SEED_SSO_REGION, SEED_START_URL } from '../emulator/seedHome';
import { runAwscreds } from '../helpers/runAwscreds';

// Tokens other tools leave in ~/.aws/sso/cache (reference: aws-sso.md). An IDE extension (AWS
// Toolkit / Amazon Q) signed in to the same start URL writes its token, with the `scopes` of
// its registration (CodeWhisperer/Q only, no sso:account:access), to sha1(start URL).json:
// the very file a legacy profile of that start URL reads. Such a token gets 401 from
// GetRoleCredentials; awscreds must not use it, must say so in one line naming the file, and
// must never overwrite it (signing in would have: the IDE would lose its sign-in).

const home = emulatedHomeForEachTest();
const IDE_SCOPES = ['codewhisperer:completions', 'codewhisperer:analysis', 'codewhisperer:conversations', 'codewhisperer:transformations', 'codewhisperer:taskassist'];

const legacyTokenPath = (): string => join(home.seeded.cacheDir, `${tokenCacheKey(SEED_START_URL)}.json`);

/** What the IDE writes after its own sign-in (aws-toolkit-vscode's token cache: registration fields, then the token's). */
function writeIdeToken(scopes: readonly string[]): { path: string; accessToken: string; bytes: string } {
  const { emulator } = home;
  const client = emulator.registerClient({ clientName: 'AWS IDE Extensions for VSCode', scopes: [...scopes], grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: SEED_START_URL });
  const session = emulator.issueSession({ clientId: client.clientId, expiresInSeconds: 3600, refreshToken: true });
  const record = {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    scopes,
    region: SEED_SSO_REGION,
    startUrl: SEED_START_URL,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresAt: new Date(session.expiresAt).toISOString(),
    registrationExpiresAt: new Date(client.clientSecretExpiresAt * 1000).toISOString(),
  };
  const bytes = JSON.stringify(record, undefined, 4);
  writeFileSync(legacyTokenPath(), bytes, { mode: 0o600 });
  return { path: legacyTokenPath(), accessToken: session.accessToken, bytes };
}

/** The first line names the file and fits 80 columns besides it; the fix fits 80 columns. */
function expectOneLineNamingTheFile(stderr: string, path: string): void {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(2);
  expect(lines.filter((line) => line.includes(path))).toHaveLength(1);
  expect(lines[0]).toBe(`awscreds: ${path} is another tool's SSO token (no sso:account:access); not used.`);
  expect((lines[0] ?? '').replace(path, '').length).toBeLessThanOrEqual(80);
  expect((lines[1] ?? '').length).toBeLessThanOrEqual(80);
}

it('the emulator answers as AWS does: such a token gets 401 from GetRoleCredentials (real SDK client), one with sso:account:access works', async () => {
  const client = new SSOClient({ region: SEED_SSO_REGION, endpoint: home.emulator.url });
  try {
    const ide = writeIdeToken(IDE_SCOPES);
    await expect(client.send(new GetRoleCredentialsCommand({ accountId: SEED_ACCOUNT_ID, roleName: 'ReadOnly', accessToken: ide.accessToken }))).rejects.toMatchObject({ name: 'UnauthorizedException' });
    const good = writeIdeToken([...IDE_SCOPES, 'sso:account:access']);
    const answer = await client.send(new GetRoleCredentialsCommand({ accountId: SEED_ACCOUNT_ID, roleName: 'ReadOnly', accessToken: good.accessToken }));
    expect(answer.roleCredentials?.accessKeyId).toBeDefined();
  } finally {
    client.destroy();
  }
});

it('export of a legacy profile: not used, one line naming the file, nothing called, the file left as the IDE wrote it', async () => {
  const ide = writeIdeToken(IDE_SCOPES);
  const run = await runAwscreds(['export', '--profile', 'legacy'], home.env);
  expect(run.status).toBe(EXIT_CODES.CONFIG.code);
  expect(run.stdout).toBe('false\n');
  expectOneLineNamingTheFile(run.stderr, ide.path);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(0);
  expect(readFileSync(ide.path, 'utf8')).toBe(ide.bytes);
});

it('login for that profile refuses before any sign-in starts, and never overwrites the file', async () => {
  const ide = writeIdeToken(IDE_SCOPES);
  const run = await runAwscreds(['login', '--profile', 'legacy', '--no-browser'], home.env);
  expect(run.status).toBe(EXIT_CODES.CONFIG.code);
  expectOneLineNamingTheFile(run.stderr, ide.path);
  expect(home.emulator.requestsFor('StartDeviceAuthorization')).toHaveLength(0);
  expect(readFileSync(ide.path, 'utf8')).toBe(ide.bytes);
});

it('list for that profile: the same line', async () => {
  const ide = writeIdeToken(IDE_SCOPES);
  const run = await runAwscreds(['list', '--profile', 'legacy'], home.env);
  expect(run.status).toBe(EXIT_CODES.CONFIG.code);
  expectOneLineNamingTheFile(run.stderr, ide.path);
  expect(home.emulator.requestsFor('ListAccounts')).toHaveLength(0);
});

it('positive control: the IDE\'s token with sso:account:access among its scopes is used', async () => {
  const ide = writeIdeToken([...IDE_SCOPES, 'sso:account:access']);
  const run = await runAwscreds(['export', '--profile', 'legacy'], home.env);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
  expect(readFileSync(ide.path, 'utf8')).toBe(ide.bytes);
});

it('a session-form profile is unaffected: its token has a file of its own', async () => {
  writeIdeToken(IDE_SCOPES);
  const run = await runAwscreds(['export', '--profile', 'dev'], home.env);
  expect(run.status).toBe(0);
});

it('a sign-in whose sso_registration_scopes lack sso:account:access: its token is not used, one line naming the file; the seeded session (positive control) works', async () => {
  const { emulator, seeded } = home;
  appendFileSync(
    seeded.configFile,
    `\n[sso-session ide]\nsso_start_url = ${SEED_START_URL}\nsso_region = ${SEED_SSO_REGION}\nsso_registration_scopes = codewhisperer:completions\n\n[profile q]\nsso_session = ide\nsso_account_id = ${SEED_ACCOUNT_ID}\nsso_role_name = Dev\n`,
  );
  // What `aws sso login --sso-session ide` leaves: a token of a client registered for those scopes.
  const client = emulator.registerClient({ clientName: 'botocore-client-ide', scopes: ['codewhisperer:completions'], grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: SEED_START_URL });
  const session = emulator.issueSession({ clientId: client.clientId, expiresInSeconds: 3600 });
  const path = join(seeded.cacheDir, `${tokenCacheKey(SEED_START_URL, 'ide')}.json`);
  writeFileSync(path, JSON.stringify({ startUrl: SEED_START_URL, region: SEED_SSO_REGION, accessToken: session.accessToken, expiresAt: new Date(session.expiresAt).toISOString().replace(/\.\d+Z$/, 'Z') }), { mode: 0o600 });
  const run = await runAwscreds(['export', '--profile', 'q'], home.env);
  expect(run.status).toBe(EXIT_CODES.CONFIG.code);
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines).toEqual([`awscreds: ${path}: its sign-in's scopes lack sso:account:access; not used.`, '  fix: add sso:account:access to sso_registration_scopes of [sso-session ide].']);
  expect((lines[0] ?? '').replace(path, '').length).toBeLessThanOrEqual(80);
  expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(0);
  const control = await runAwscreds(['export', '--profile', 'dev'], home.env);
  expect(control.status).toBe(0);
});
