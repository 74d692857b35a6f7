import { driver } from '../helpers/shellDriver';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import { SHELL_NAMES } from '../../src/shells/Shell';
import { formatTokenCacheFile } from '../emulator/awsCliCacheFormat';
import { awsHostsToEmulatorEnv } from '../emulator/awsHostsToEmulator';
import { childEnv, SEED_START_URL, seedSignedInHome, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds } from '../helpers/runAwscreds';
import { runShellScript } from '../helpers/runShellScript';

const DEV_ROLE_CACHE = 'ecc1e3c8d4fe9b118d11b9cfe1c4a2a4f4a548ae.json'; // account 123456789012, role Dev, session corp
const CORP_TOKEN_FILE = 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json'; // sha1("corp")

let emulator: SsoEmulator;
let seeded: SeededHome;
let env: Record<string, string>;

beforeEach(async () => {
  emulator = await startSsoEmulator();
});
afterEach(async () => {
  seeded?.cleanup();
  await emulator.stop();
});

function seed(options: Parameters<typeof seedSignedInHome>[1] = {}): void {
  seeded = seedSignedInHome(emulator, options);
  env = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
}

const roleCacheDir = (): string => join(seeded.home, '.aws', 'cli', 'cache');
const roleCacheFile = (): string => join(roleCacheDir(), DEV_ROLE_CACHE);
const tokenFile = (): string => join(seeded.home, '.aws', 'sso', 'cache', CORP_TOKEN_FILE);

/** Runs the export block the way users do and returns the AWS variables a child then sees. */
function evalInShell(shell: (typeof SHELL_NAMES)[number], block: string, initial: Record<string, string> = {}): Record<string, string> {
  const script = `${driver(shell).loadVariable('BLOCK')}\n${driver(shell).dumpEnv}`;
  const result = runShellScript(shell, script, { ...initial, BLOCK: block });
  expect(result.status).toBe(0);
  return Object.fromEntries(
    result.stdout
      .split('\n')
      .filter((l) => /^AWS/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('awscreds export, signed in', () => {
  beforeEach(() => seed());

  it.each(SHELL_NAMES)('exports the complete set GetRoleCredentials returned, in %s', async (shell) => {
    const run = await runAwscreds(['export', '--profile', 'dev', '--shell', shell], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const issued = emulator.issuedRoleCredentials.at(-1);
    expect(issued).toBeDefined();
    const seen = evalInShell(shell, run.stdout, { AWS_SESSION_TOKEN: 'stale', AWS_SECURITY_TOKEN: 'older' });
    expect(seen).toEqual({
      AWS_ACCESS_KEY_ID: issued?.accessKeyId,
      AWS_SECRET_ACCESS_KEY: issued?.secretAccessKey,
      AWS_SESSION_TOKEN: issued?.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: new Date(Math.floor((issued?.expiration ?? 0) / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWSCREDS_PROFILE: 'dev',
      AWSCREDS_KEY_ID: issued?.accessKeyId,
      AWSCREDS_EXPIRES_AT: String(Math.floor((issued?.expiration ?? 0) / 1000)),
      AWSCREDS_TOKEN_FP: tokenFingerprint(issued?.sessionToken ?? ''),
    });
  });

  it('caches role credentials like the AWS CLI (name, format, 0600 in 0700) and reuses them without a call', async () => {
    const first = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(first.status).toBe(0);
    expect(readdirSync(roleCacheDir())).toEqual([DEV_ROLE_CACHE]);
    expect(statSync(roleCacheFile()).mode & 0o777).toBe(0o600);
    expect(statSync(roleCacheDir()).mode & 0o777).toBe(0o700);
    const issued = emulator.issuedRoleCredentials[0];
    const expiration = new Date(Math.floor((issued?.expiration ?? 0) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    // Python's json.dumps layout, field for field, as botocore writes it.
    expect(readFileSync(roleCacheFile(), 'utf8')).toBe(
      `{"ProviderType": "sso", "Credentials": {"AccessKeyId": "${issued?.accessKeyId}", "SecretAccessKey": "${issued?.secretAccessKey}", "SessionToken": "${issued?.sessionToken}", "Expiration": "${expiration}", "AccountId": "123456789012"}}`,
    );

    const second = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
  });

  it('fetches anew when the cached set has less than --min-ttl left, and with --no-cache neither reads nor writes the cache', async () => {
    await runAwscreds(['export', '--profile', 'dev'], env);
    const run = await runAwscreds(['export', '--profile', 'dev', '--min-ttl', '61'], env);
    expect(run.status).toBe(0);
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(2);
    const cachedNow = readFileSync(roleCacheFile(), 'utf8');
    expect(cachedNow).toContain(emulator.issuedRoleCredentials[1]?.accessKeyId);

    const uncached = await runAwscreds(['export', '--profile', 'dev', '--no-cache'], env);
    expect(uncached.status).toBe(0);
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(3);
    expect(uncached.stdout).toContain(emulator.issuedRoleCredentials[2]?.accessKeyId);
    expect(readFileSync(roleCacheFile(), 'utf8')).toBe(cachedNow);
  });

  it('treats a corrupt cache entry as a miss and replaces it', async () => {
    mkdirSync(roleCacheDir(), { recursive: true, mode: 0o700 });
    writeFileSync(roleCacheFile(), '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIA', { mode: 0o600 });
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('ignoring');
    expect(JSON.parse(readFileSync(roleCacheFile(), 'utf8')).Credentials.AccessKeyId).toBe(emulator.issuedRoleCredentials[0]?.accessKeyId);
  });

  it('detects the shell from $SHELL and refuses to guess without it', async () => {
    const fish = await runAwscreds(['export', '--profile', 'dev'], { ...env, SHELL: '/usr/bin/fish' });
    expect(fish.stdout).toMatch(/^begin; true \(true\); end .*\nbegin\n/);
    const { SHELL: _unused, ...noShell } = env;
    const none = await runAwscreds(['export', '--profile', 'dev'], noShell);
    expect(none.status).toBe(EXIT_CODES.USAGE.code);
    expect(none.stdout).toBe('false\n');
    expect(none.stderr).toContain('--shell');
  });
});

describe('awscreds export, SSO token handling', () => {
  it('refreshes a session token close to expiry and writes it back in the AWS CLI format, keeping every field', async () => {
    seed({ tokenExpiresInSeconds: 300 });
    const before = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(0);
    expect(emulator.requestsFor('CreateToken')).toHaveLength(1);
    const text = readFileSync(tokenFile(), 'utf8');
    const after = JSON.parse(text);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.clientId).toBe(before.clientId);
    expect(after.clientSecret).toBe(before.clientSecret);
    expect(after.registrationExpiresAt).toBe(before.registrationExpiresAt);
    expect(after.refreshToken).toEqual(expect.any(String));
    expect(after.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(text).toMatch(/^\{"startUrl": "/);
    expect(statSync(tokenFile()).mode & 0o777).toBe(0o600);
    expect(emulator.describeAccessToken(after.accessToken)?.valid).toBe(true);
  });

  it('refreshes a session token that already expired, then signs the call with the new one', async () => {
    seed({ expired: true });
    const before = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    expect(emulator.describeAccessToken(before.accessToken)).toMatchObject({ valid: false, expired: true });
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('refreshed the SSO token for sso-session "corp"');
    expect(emulator.requestsFor('CreateToken').map((r) => [r.status, (r.body as Record<string, unknown>).grantType])).toEqual([[200, 'refresh_token']]);
    // The old token is expired: a 200 proves the call carried the refreshed one.
    expect(emulator.requestsFor('GetRoleCredentials').map((r) => r.status)).toEqual([200]);
    const after = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    expect(emulator.describeAccessToken(after.accessToken)?.valid).toBe(true);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(after.refreshToken).not.toBe(before.refreshToken); // rotated by the service, and saved
    expect(run.stdout).toContain(emulator.issuedRoleCredentials[0]?.accessKeyId);
  });

  it('keeps the refresh token when the refresh answer brings none, and refreshes with it again', async () => {
    emulator.setRefreshTokenOnRefresh('omit');
    seed({ expired: true });
    const before = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    expect((await runAwscreds(['export', '--profile', 'dev'], env)).status).toBe(0);
    const after = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    // Expired again: the kept refresh token still works.
    writeFileSync(tokenFile(), JSON.stringify({ ...after, expiresAt: '2020-01-01T00:00:00Z' }), { mode: 0o600 });
    const again = await runAwscreds(['export', '--profile', 'dev', '--no-cache'], env);
    expect(again.status).toBe(0);
    expect(emulator.requestsFor('CreateToken').map((r) => r.status)).toEqual([200, 200]);
    expect(JSON.parse(readFileSync(tokenFile(), 'utf8')).refreshToken).toBe(before.refreshToken);
  });

  it('an expired token whose refresh fails: not signed in, only `false` printed, the token file untouched', async () => {
    seed({ expired: true });
    const before = readFileSync(tokenFile(), 'utf8');
    emulator.revokeRefreshToken(seeded.sessionToken?.refreshToken ?? '');
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain('the SSO token expired and refreshing it failed');
    expect(run.stderr).toContain('awscreds login --profile dev');
    expect(emulator.requestsFor('CreateToken').map((r) => r.errorType)).toEqual(['InvalidGrantException']);
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(0);
    expect(readFileSync(tokenFile(), 'utf8')).toBe(before);
    expect(run.stderr).not.toContain(seeded.sessionToken?.refreshToken);
  });

  it('a token close to expiry whose refresh fails is still used, with a warning', async () => {
    seed({ tokenExpiresInSeconds: 300 });
    const before = readFileSync(tokenFile(), 'utf8');
    emulator.revokeRefreshToken(seeded.sessionToken?.refreshToken ?? '');
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('warning: refreshing the SSO token failed');
    expect(run.stderr).toMatch(/using the current one, which expires in [45] min/);
    expect(readFileSync(tokenFile(), 'utf8')).toBe(before);
    expect(emulator.requestsFor('CreateToken').map((r) => r.errorType)).toEqual(['InvalidGrantException']);
    expect(emulator.requestsFor('GetRoleCredentials').map((r) => r.status)).toEqual([200]);
    expect(run.stdout).toContain(emulator.issuedRoleCredentials[0]?.accessKeyId);
  });

  it('reaches both services through the generic AWS_ENDPOINT_URL alone', async () => {
    seed({ expired: true });
    const { AWS_ENDPOINT_URL_SSO: _sso, AWS_ENDPOINT_URL_SSO_OIDC: _oidc, AWS_ENDPOINT_URL_STS: _sts, AWS_ENDPOINT_URL_SIGNIN: _signin, ...rest } = env;
    expect(Object.keys(rest).filter((k) => k.startsWith('AWS_ENDPOINT_URL'))).toEqual([]);
    const run = await runAwscreds(['export', '--profile', 'dev'], { ...rest, AWS_ENDPOINT_URL: emulator.url });
    expect(run.status).toBe(0);
    expect(emulator.requestsFor('CreateToken').map((r) => r.status)).toEqual([200]);
    expect(emulator.requestsFor('GetRoleCredentials').map((r) => r.status)).toEqual([200]);
    expect(run.stdout).toContain(emulator.issuedRoleCredentials[0]?.accessKeyId);
  });

  it('says how to sign in when there is no token, and prints only `false`', async () => {
    seed({ signedOut: true });
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain('profile "dev" is not signed in');
    expect(run.stderr).toContain('awscreds login --profile dev');
    expect(existsSync(roleCacheDir())).toBe(false);
  });

  it('does not refresh a legacy-form token: an expired one means signing in again', async () => {
    seed({ legacyToken: true, expired: true });
    const run = await runAwscreds(['export', '--profile', 'legacy'], env);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain('expired');
    expect(emulator.requestsFor('CreateToken')).toHaveLength(0);
    expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(0);
  });

  it('reports a revoked token as not signed in', async () => {
    seed();
    emulator.revokeAccessToken(seeded.sessionToken?.accessToken ?? '');
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stderr).toContain('rejected the cached SSO token');
    expect(run.stderr).not.toContain(seeded.sessionToken?.accessToken);
  });
});

describe('awscreds export refuses what it cannot vouch for', () => {
  beforeEach(() => seed());

  const refused = async (expectedCode: number, fragment: string): Promise<void> => {
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(expectedCode);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain(fragment);
    expect(run.stderr).toContain('fix:');
    // No cache: at most the record of a failed call, for exports that were waiting on it
    // (fileLock.ts; swept after a minute).
    const left = existsSync(roleCacheDir()) ? readdirSync(roleCacheDir()) : [];
    expect(left.filter((name) => !name.endsWith('.json.lock.failed'))).toEqual([]);
    for (const issued of emulator.issuedRoleCredentials) {
      expect(run.stderr).not.toContain(issued.secretAccessKey);
      expect(run.stderr).not.toContain(issued.sessionToken);
    }
  };

  it('a response without a session token', async () => {
    emulator.transformNextRoleCredentials((body) => ({ roleCredentials: { ...body.roleCredentials, sessionToken: undefined } }) as never);
    await refused(EXIT_CODES.INVALID_CREDENTIALS.code, 'missing: sessionToken');
  });

  it('a secret with characters no AWS secret contains', async () => {
    emulator.transformNextRoleCredentials((body) => ({ roleCredentials: { ...body.roleCredentials, secretAccessKey: "abc'$(touch /tmp/pwned)" } }));
    await refused(EXIT_CODES.INVALID_CREDENTIALS.code, 'secretAccessKey must be base64 characters only');
  });

  it('credentials that already expired on arrival: the local clock is named', async () => {
    emulator.transformNextRoleCredentials((body) => ({ roleCredentials: { ...body.roleCredentials, expiration: Date.now() - 1000 } }));
    await refused(EXIT_CODES.INVALID_CREDENTIALS.code, "before this machine's clock");
  });

  it('credentials valid for years: the local clock is named', async () => {
    emulator.transformNextRoleCredentials((body) => ({ roleCredentials: { ...body.roleCredentials, expiration: Date.now() + 3 * 365 * 86_400_000 } }));
    await refused(EXIT_CODES.INVALID_CREDENTIALS.code, 'the local clock is probably behind');
  });

  it('a service error', async () => {
    emulator.failNext('GetRoleCredentials', { errorType: 'TooManyRequestsException', status: 429, message: 'Rate exceeded', times: 10 });
    await refused(EXIT_CODES.SERVICE.code, 'TooManyRequestsException');
  });

  it('a role the user is not assigned', async () => {
    emulator.failNext('GetRoleCredentials', { errorType: 'ForbiddenException', status: 403, message: 'No access' });
    await refused(EXIT_CODES.CONFIG.code, 'no role "Dev" in account 123456789012');
  });

  it('an endpoint that does not answer', async () => {
    env.AWS_ENDPOINT_URL_SSO = 'http://127.0.0.1:9';
    await refused(EXIT_CODES.SERVICE.code, 'GetRoleCredentials failed');
  });
});

describe('awscreds export, configuration and usage errors', () => {
  beforeEach(() => seed());

  it('an unknown profile: exit 3, names the profiles that exist', async () => {
    const run = await runAwscreds(['export', '--profile', 'nosuch'], env);
    expect(run.status).toBe(EXIT_CODES.CONFIG.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain('"nosuch"');
    expect(run.stderr).toContain('dev, legacy');
  });

  it.each([
    [['export', '--shell', 'tcsh']],
    [['export', '--bogus']],
    [['export', '--min-ttl', 'soon']],
    [['export', 'extra']],
  ])('bad usage %j: exit 2, stdout `false`', async (args) => {
    const run = await runAwscreds(args, env);
    expect(run.status).toBe(EXIT_CODES.USAGE.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toMatch(/^awscreds: .+\n {2}fix: /);
  });

  it('exports a long-term profile as a complete long-term set that clears a leftover session token', async () => {
    writeFileSync(seeded.credentialsFile, '[static]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n', { mode: 0o600 });
    const run = await runAwscreds(['export', '--profile', 'static'], env);
    expect(run.status).toBe(0);
    const seen = evalInShell('bash', run.stdout, { AWS_SESSION_TOKEN: 'left-over', AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z', AWSCREDS_TOKEN_FP: '9:left-over' });
    expect(seen).toEqual({
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWSCREDS_PROFILE: 'static',
      AWSCREDS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    });
    expect(emulator.requests).toHaveLength(0);
  });

  it('refuses a temporary key in the credentials file without its session token', async () => {
    writeFileSync(seeded.credentialsFile, '[half]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n', { mode: 0o600 });
    const run = await runAwscreds(['export', '--profile', 'half'], env);
    expect(run.status).toBe(EXIT_CODES.INVALID_CREDENTIALS.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain('temporary (ASIA…) but there is no session token');
    expect(run.stderr).not.toContain('wJalrXUtnFEMI');
  });
});

describe('awscreds export --debug', () => {
  it('logs requests and cache decisions, and no secret', async () => {
    seed({ tokenExpiresInSeconds: 300 });
    const before = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    const run = await runAwscreds(['export', '--debug', '--profile', 'dev'], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('role-credential cache miss');
    expect(run.stderr).toContain('refreshing with CreateToken');
    expect(run.stderr).toContain('GetRoleCredentialsCommand');
    expect(run.stderr).toContain('role-credential cache write');
    const after = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    const issued = emulator.issuedRoleCredentials[0];
    const secrets = [before.accessToken, before.refreshToken, before.clientSecret, after.accessToken, after.refreshToken, issued?.secretAccessKey, issued?.sessionToken];
    for (const secret of secrets) {
      expect(typeof secret).toBe('string');
      expect(run.stderr).not.toContain(secret);
    }
  });
});

describe('awscreds export when a cache cannot be written', () => {
  it('still exports the set, warns, and leaves no temp file', async () => {
    seed();
    // A file where the cache directory should be: even root cannot create files below it.
    mkdirSync(join(seeded.home, '.aws', 'cli'), { recursive: true });
    writeFileSync(roleCacheDir(), 'not a directory');
    const run = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(emulator.issuedRoleCredentials[0]?.accessKeyId);
    expect(run.stderr).toContain('could not cache the role credentials');
    expect(readdirSync(join(seeded.home, '.aws', 'cli'))).toEqual(['cache']);
  });
});

describe('awscreds export calls the sso_region', () => {
  // The endpoint variables send every region to the same URL, so here awscreds resolves the
  // SDK's default endpoints (portal.sso.<region>.amazonaws.com, oidc.<region>…), routed to the
  // emulator with their Host kept: the emulator sees the region, and its tokens and clients
  // belong to eu-central-1 only. The profile's working region is us-west-2.
  const SSO_REGION = 'eu-central-1';
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'awscreds-region-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  function regionHome(configuredSsoRegion: string, expiresInSeconds: number): { env: Record<string, string>; refreshToken: string } {
    const config = join(home, 'config');
    writeFileSync(config, `[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-west-2\n\n[sso-session corp]\nsso_start_url = ${SEED_START_URL}\nsso_region = ${configuredSsoRegion}\nsso_registration_scopes = sso:account:access\n`);
    const client = emulator.registerClient({ region: SSO_REGION, scopes: ['sso:account:access'], grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: SEED_START_URL });
    const session = emulator.issueSession({ clientId: client.clientId, expiresInSeconds });
    expect(emulator.describeAccessToken(session.accessToken)?.region).toBe(SSO_REGION);
    const cacheDir = join(home, '.aws', 'sso', 'cache');
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    writeFileSync(
      join(cacheDir, CORP_TOKEN_FILE),
      formatTokenCacheFile({ startUrl: SEED_START_URL, region: SSO_REGION, accessToken: session.accessToken, expiresAt: session.expiresAt, clientId: client.clientId, clientSecret: client.clientSecret, registrationExpiresAt: client.clientSecretExpiresAt * 1000, refreshToken: session.refreshToken ?? '' }),
      { mode: 0o600 },
    );
    return {
      env: { ...childEnv({ HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') }), SHELL: '/bin/bash', ...awsHostsToEmulatorEnv(emulator) },
      refreshToken: session.refreshToken ?? '',
    };
  }

  it('GetRoleCredentials and the refresh go to the sso_region, not the profile region', async () => {
    const { env: regionEnv } = regionHome(SSO_REGION, -60);
    const run = await runAwscreds(['export', '--profile', 'dev'], regionEnv);
    expect(run.stderr).toContain('refreshed the SSO token');
    expect(run.status).toBe(0);
    expect(emulator.requests.map((r) => [r.operation, r.region, r.headers.host, r.status])).toEqual([
      ['CreateToken', SSO_REGION, `oidc.${SSO_REGION}.amazonaws.com`, 200],
      ['GetRoleCredentials', SSO_REGION, `portal.sso.${SSO_REGION}.amazonaws.com`, 200],
    ]);
    expect(run.stdout).toContain(emulator.issuedRoleCredentials[0]?.accessKeyId);
  });

  it('negative control: the same sign-in called in another region is refused', async () => {
    // The config now names us-west-2 as sso_region; the token and client belong to eu-central-1.
    const { env: regionEnv } = regionHome('us-west-2', 3600);
    const run = await runAwscreds(['export', '--profile', 'dev'], regionEnv);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stdout).toBe('false\n');
    expect(emulator.requests.map((r) => [r.operation, r.region, r.status])).toEqual([['GetRoleCredentials', 'us-west-2', 401]]);
  });
});
