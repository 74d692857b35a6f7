// `awscreds login` with the authorization-code flow (PKCE), end to end: the built binary,
// real SDK clients, the emulator as IAM Identity Center, the test as the user's browser.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { formatRegistrationCacheFile, registrationCacheKey } from '../emulator/awsCliCacheFormat';
import { SEED_SCOPES, SEED_SESSION_NAME, SEED_SSO_REGION, SEED_START_URL, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type EmulatorRequest, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds } from '../helpers/runAwscreds';
import { AUTHORIZE_URL, CORP_TOKEN_FILE, filesIn, recordingBrowser, seedHome, startAwscreds, visit, type Finished } from './loginHarness';

const REPO = join(__dirname, '..', '..');
const CORP_REGISTRATION_FILE = `${registrationCacheKey({ region: SEED_SSO_REGION, startUrl: SEED_START_URL, scopes: SEED_SCOPES, sessionName: SEED_SESSION_NAME })}.json`;

let emulator: SsoEmulator;
let seeded: SeededHome;
let env: Record<string, string>;
let scratch: string;

beforeEach(async () => {
  emulator = await startSsoEmulator();
  ({ seeded, env } = seedHome(emulator, { signedOut: true }));
  scratch = mkdtempSync(join(tmpdir(), 'awscreds-login-'));
});
afterEach(async () => {
  seeded.cleanup();
  rmSync(scratch, { recursive: true, force: true });
  await emulator.stop();
});

const tokenFile = (): string => join(seeded.cacheDir, CORP_TOKEN_FILE);
const bodyOf = (request: EmulatorRequest | undefined): Record<string, unknown> => (request?.body ?? {}) as Record<string, unknown>;

/** Runs node with `args` in the repository (so it resolves the SDK from node_modules). */
function runNode(args: string[], runEnv: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: REPO, env: runEnv, encoding: 'utf8' }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
  });
}

/** Runs `awscreds login …` with --no-browser and approves in the "browser" from the printed URL. */
async function loginApproving(args: readonly string[], runEnv = env): Promise<Finished> {
  const run = startAwscreds(['login', '--no-browser', ...args], runEnv);
  const [, url] = await run.waitForStderr(AUTHORIZE_URL);
  emulator.approveAuthorization();
  const page = await visit(url ?? '');
  expect(page.status).toBe(200);
  return run.done;
}

describe('awscreds login (authorization code with PKCE)', () => {
  it('signs in through the browser and writes the token and registration exactly as the AWS CLI does', async () => {
    const browser = recordingBrowser(scratch);
    const run = startAwscreds(['login', '--profile', 'dev'], { ...env, ...browser.env });
    const url = await browser.waitForUrl();
    expect(run.stderr()).toContain(url); // printed too, for when no browser opens
    emulator.approveAuthorization();
    const page = await visit(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('signed in');
    const result = await run.done;
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/signed in to sso-session "corp"/);

    // RegisterClient: as the AWS CLI registers an authorization-code client.
    const register = emulator.requestsFor('RegisterClient');
    expect(register).toHaveLength(1);
    expect(bodyOf(register[0])).toEqual({
      clientName: 'botocore-client-corp',
      clientType: 'public',
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: SEED_START_URL,
    });
    const clientId = bodyOf(emulator.requestsFor('CreateToken')[0]).clientId as string;
    const client = emulator.getClient(clientId);
    expect(client).toBeDefined();

    // The authorize URL: every parameter, in the AWS CLI's order.
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe(`${emulator.url}/authorize`);
    expect([...authorize.searchParams.keys()]).toEqual(['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge_method', 'scopes', 'code_challenge']);
    const query = Object.fromEntries(authorize.searchParams);
    expect(query).toMatchObject({ response_type: 'code', client_id: clientId, code_challenge_method: 'S256', scopes: 'sso:account:access' });
    expect(query.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(query.state).toMatch(/^[\w-]{16,}$/);
    expect(query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.chain).toHaveLength(2);
    expect(new URL(page.chain[1] ?? '').origin + new URL(page.chain[1] ?? '').pathname).toBe(query.redirect_uri);

    // CreateToken: the code, the redirect URI with its port, and the verifier of the challenge.
    const createToken = emulator.requestsFor('CreateToken');
    expect(createToken).toHaveLength(1);
    const body = bodyOf(createToken[0]);
    expect(body).toMatchObject({ grantType: 'authorization_code', clientId, clientSecret: client?.clientSecret, redirectUri: query.redirect_uri });
    expect(body.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(createHash('sha256').update(String(body.codeVerifier)).digest('base64url')).toBe(query.code_challenge);

    // The token file: the AWS CLI's fields, order and layout; 0600.
    const text = readFileSync(tokenFile(), 'utf8');
    const token = JSON.parse(text);
    expect(Object.keys(token)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    expect(text).toBe(
      `{"startUrl": "${SEED_START_URL}", "region": "us-east-1", "accessToken": "${token.accessToken}", "expiresAt": "${token.expiresAt}", "clientId": "${clientId}", "clientSecret": "${client?.clientSecret}", "registrationExpiresAt": "${token.registrationExpiresAt}", "refreshToken": "${token.refreshToken}"}`,
    );
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Date.parse(token.expiresAt) - (Date.now() + 3600_000))).toBeLessThan(10_000);
    expect(token.registrationExpiresAt).toBe(new Date((client?.clientSecretExpiresAt ?? 0) * 1000).toISOString().replace('.000Z', 'Z'));
    expect(emulator.describeAccessToken(token.accessToken)?.valid).toBe(true);
    expect(statSync(tokenFile()).mode & 0o777).toBe(0o600);

    // The registration cache: botocore's file name and layout, 0600.
    expect(filesIn(seeded.cacheDir)).toEqual([CORP_REGISTRATION_FILE, CORP_TOKEN_FILE].sort());
    expect(readFileSync(join(seeded.cacheDir, CORP_REGISTRATION_FILE), 'utf8')).toBe(
      formatRegistrationCacheFile({
        clientId,
        clientSecret: client?.clientSecret ?? '',
        expiresAt: (client?.clientSecretExpiresAt ?? 0) * 1000,
        scopes: ['sso:account:access'],
        grantTypes: ['authorization_code', 'refresh_token'],
      }),
    );
    expect(statSync(join(seeded.cacheDir, CORP_REGISTRATION_FILE)).mode & 0o777).toBe(0o600);

    // No secret reached stderr.
    for (const secret of [client?.clientSecret, token.accessToken, token.refreshToken, body.code, body.codeVerifier]) {
      expect(result.stderr).not.toContain(String(secret));
    }

    // The AWS SDK's own SSO token provider reads the file, and its SSO credential provider
    // gets role credentials with it.
    // Asynchronously: the emulator answers from this very process.
    const sdk = await runNode(
      [
        '-e',
        `const { fromSso } = require('@aws-sdk/token-providers');
         const { fromSSO } = require('@aws-sdk/credential-provider-sso');
         (async () => {
           const t = await fromSso({ profile: 'dev' })();
           const c = await fromSSO({ profile: 'dev' })();
           process.stdout.write(JSON.stringify({ token: t.token, accessKeyId: c.accessKeyId }));
         })().catch((e) => { console.error(e); process.exit(1); });`,
      ],
      { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    );
    expect(sdk.stderr).toBe('');
    expect(JSON.parse(sdk.stdout)).toEqual({ token: token.accessToken, accessKeyId: emulator.issuedRoleCredentials[0]?.accessKeyId });

    // And awscreds export works with it.
    const exported = await runAwscreds(['export', '--profile', 'dev'], env);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain(emulator.issuedRoleCredentials[1]?.accessKeyId);
  });

  it('reuses the cached registration (no RegisterClient), also for --sso-session, and replaces the token', async () => {
    expect((await loginApproving(['--profile', 'dev'])).status).toBe(0);
    const first = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    const second = await loginApproving(['--sso-session', 'corp']);
    expect(second.status).toBe(0);
    expect(second.stderr).toMatch(/signed in to sso-session "corp"/);
    expect(emulator.requestsFor('RegisterClient')).toHaveLength(1);
    const after = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    expect(after.clientId).toBe(first.clientId);
    expect(after.accessToken).not.toBe(first.accessToken);
    expect(emulator.authorizations().map((a) => a.clientId)).toEqual([first.clientId, first.clientId]);
  });

  it('replaces a cached registration with 15 minutes or less left', async () => {
    const expiring = emulator.registerClient({
      clientName: 'botocore-client-corp',
      scopes: SEED_SCOPES,
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: SEED_START_URL,
      expiresInSeconds: 14 * 60,
    });
    const registrationFile = join(seeded.cacheDir, CORP_REGISTRATION_FILE);
    writeFileSync(
      registrationFile,
      formatRegistrationCacheFile({ ...expiring, expiresAt: expiring.clientSecretExpiresAt * 1000, scopes: SEED_SCOPES, grantTypes: ['authorization_code', 'refresh_token'] }),
      { mode: 0o600 },
    );
    const run = await loginApproving(['--profile', 'dev']);
    expect(run.status).toBe(0);
    expect(emulator.requestsFor('RegisterClient')).toHaveLength(1);
    const replaced = JSON.parse(readFileSync(registrationFile, 'utf8'));
    expect(replaced.clientId).not.toBe(expiring.clientId);
    expect(JSON.parse(readFileSync(tokenFile(), 'utf8')).clientId).toBe(replaced.clientId);
    expect(Date.parse(replaced.expiresAt)).toBeGreaterThan(Date.now() + 80 * 24 * 3600_000);
  });

  it('signs in for a profile that names only an sso-session (no account or role yet), as aws sso login does', async () => {
    writeFileSync(seeded.configFile, `${readFileSync(seeded.configFile, 'utf8')}\n[profile browse]\nsso_session = corp\n`);
    const run = await loginApproving(['--profile', 'browse']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('signed in to sso-session "corp"');
    expect(existsSync(tokenFile())).toBe(true);
  });

  it('--no-browser prints the URL without starting a browser', async () => {
    const browser = recordingBrowser(scratch);
    const run = await loginApproving(['--profile', 'dev'], { ...env, ...browser.env });
    expect(run.status).toBe(0);
    expect(browser.urls()).toEqual([]);
    expect(run.stderr).toMatch(/open this URL in a browser on this machine:\n\s+http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
    expect(run.stderr).toContain('--use-device-code');
  });

  it('a denied sign-in says so and keeps waiting (anyone local could send a denial); Ctrl-C then ends it with no token', async () => {
    const run = startAwscreds(['login', '--no-browser', '--profile', 'dev'], env);
    const [, url] = await run.waitForStderr(AUTHORIZE_URL);
    emulator.denyAuthorization();
    const page = await visit(url ?? '');
    expect(page.status).toBe(400);
    await run.waitForStderr(/was denied in the browser \(access_denied\): choose Allow, or press Ctrl-C; still waiting/);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.status).toBe(EXIT_CODES.INTERRUPTED.code);
    expect(result.stdout).toBe('');
    expect(existsSync(tokenFile())).toBe(false);
    expect(emulator.requestsFor('CreateToken')).toHaveLength(0);
  });

  it('ignores a callback without this sign-in\'s state (404, its code never exchanged) and signs in with the real one', async () => {
    const run = startAwscreds(['login', '--no-browser', '--profile', 'dev'], env);
    const [, url] = await run.waitForStderr(AUTHORIZE_URL);
    const redirectUri = new URL(url ?? '').searchParams.get('redirect_uri') ?? '';
    expect((await visit(`${redirectUri}?code=forged-code&state=not-the-state`)).status).toBe(404);
    expect((await visit(`${redirectUri}?error=access_denied`)).status).toBe(404);
    emulator.approveAuthorization();
    expect((await visit(url ?? '')).status).toBe(200);
    const result = await run.done;
    expect(result.status).toBe(0);
    expect(emulator.requestsFor('CreateToken')).toHaveLength(1);
    expect(existsSync(tokenFile())).toBe(true);
  });

  it('a forged code with the right state (visible on the browser\'s command line) is refused by CreateToken and the wait goes on', async () => {
    const run = startAwscreds(['login', '--no-browser', '--profile', 'dev'], env);
    const [, url] = await run.waitForStderr(AUTHORIZE_URL);
    const authorize = new URL(url ?? '');
    const redirectUri = authorize.searchParams.get('redirect_uri') ?? '';
    const state = authorize.searchParams.get('state') ?? '';
    expect((await visit(`${redirectUri}?code=forged-code&state=${encodeURIComponent(state)}`)).status).toBe(200);
    await run.waitForStderr(/refused the code the browser returned \(InvalidGrantException\); still waiting/);
    emulator.approveAuthorization();
    expect((await visit(url ?? '')).status).toBe(200);
    const result = await run.done;
    expect(result.status).toBe(0);
    expect(emulator.requestsFor('CreateToken')).toHaveLength(2);
    expect(existsSync(tokenFile())).toBe(true);
  });

  it('Ctrl-C while waiting for the browser exits 130, writes no token and leaves no temp file', async () => {
    const run = startAwscreds(['login', '--no-browser', '--profile', 'dev'], env);
    const [, url] = await run.waitForStderr(AUTHORIZE_URL);
    await run.waitForStderr(/waiting for the sign-in in the browser/);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.status).toBe(EXIT_CODES.INTERRUPTED.code);
    expect(result.stderr).toContain('interrupted (Ctrl-C) while waiting for the sign-in in the browser; no token was written.');
    expect(filesIn(seeded.cacheDir)).toEqual([CORP_REGISTRATION_FILE]);
    // The listener is gone: the browser's late return reaches nobody.
    const redirectUri = new URL(url ?? '').searchParams.get('redirect_uri') ?? '';
    await expect(visit(`${redirectUri}?code=late&state=late`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('--debug names requests and cache decisions but no code, verifier, secret or token', async () => {
    const run = await loginApproving(['--profile', 'dev', '--debug']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('awscreds[debug]: client registration: RegisterClient for the authorization-code flow');
    expect(run.stderr).toContain('"commandName":"CreateTokenCommand"'); // the SDK's request log is on
    expect(run.stderr).toContain('"code":"***SensitiveInformation***"');
    const body = bodyOf(emulator.requestsFor('CreateToken')[0]);
    const token = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    for (const secret of [body.code, body.codeVerifier, body.clientSecret, token.accessToken, token.refreshToken]) {
      expect(typeof secret).toBe('string');
      expect(run.stderr).not.toContain(String(secret));
    }
  });
});

describe('awscreds login refuses what it cannot sign in to', () => {
  it('an sso-session that does not exist, a profile with long-term keys, both --profile and --sso-session', async () => {
    const missing = await runAwscreds(['login', '--sso-session', 'nope'], env);
    expect(missing.status).toBe(EXIT_CODES.CONFIG.code);
    expect(missing.stderr).toContain('The specified sso-session does not exist: "nope"');
    expect(missing.stderr).toContain('sso-sessions that exist: corp');

    writeFileSync(seeded.credentialsFile, '[static]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n');
    const staticKeys = await runAwscreds(['login', '--profile', 'static'], env);
    expect(staticKeys.status).toBe(EXIT_CODES.CONFIG.code);
    expect(staticKeys.stderr).toContain('uses long-term access keys');

    const both = await runAwscreds(['login', '--profile', 'dev', '--sso-session', 'corp'], env);
    expect(both.status).toBe(EXIT_CODES.USAGE.code);
    expect(emulator.requests).toHaveLength(0);
  });
});
