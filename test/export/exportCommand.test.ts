import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import { SHELL_NAMES } from '../../src/shells/Shell';
import { childEnv, seedSignedInHome, type SeededHome } from '../emulator/seedHome';
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
  const script =
    shell === 'fish'
      ? `printf '%s' "$BLOCK" | source; or exit 9\nenv`
      : `eval "$BLOCK" || exit 9\nenv`;
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
      ...(shell === 'fish' ? {} : {}),
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
    expect(fish.stdout).toMatch(/^begin\n/);
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
    expect(existsSync(roleCacheDir()) ? readdirSync(roleCacheDir()) : []).toEqual([]);
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
