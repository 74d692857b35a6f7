// `awscreds login` with the device-code flow (legacy profiles, --use-device-code), end to end.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { formatRegistrationCacheFile, registrationCacheKey, tokenCacheKey } from '../emulator/awsCliCacheFormat';
import { SEED_SCOPES, SEED_SESSION_NAME, SEED_SSO_REGION, SEED_START_URL, type SeededHome, type SeedHomeOptions } from '../emulator/seedHome';
import { DEVICE_CODE_GRANT, startSsoEmulator, type EmulatorOptions, type EmulatorRequest, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds } from '../helpers/runAwscreds';
import { approveShownCode, AUTHORIZE_URL, CORP_TOKEN_FILE, filesIn, recordingBrowser, seedHome, startAwscreds, USER_CODE, visit } from './loginHarness';

const LEGACY_TOKEN_FILE = `${tokenCacheKey(SEED_START_URL)}.json`;
const LEGACY_REGISTRATION_FILE = `${registrationCacheKey({ region: SEED_SSO_REGION, startUrl: SEED_START_URL })}.json`;
const CORP_REGISTRATION_FILE = `${registrationCacheKey({ region: SEED_SSO_REGION, startUrl: SEED_START_URL, scopes: SEED_SCOPES, sessionName: SEED_SESSION_NAME })}.json`;
/** The line with the URL that fills in the code. */
const COMPLETE_URL = /fills in the code:\n\s+(\S+)/;

let emulator: SsoEmulator | undefined;
let seeded: SeededHome | undefined;
let env: Record<string, string>;
let cacheDir: string;

async function setup(emulatorOptions: EmulatorOptions = {}, seedOptions: SeedHomeOptions = { signedOut: true }): Promise<SsoEmulator> {
  emulator = await startSsoEmulator(emulatorOptions);
  const home = seedHome(emulator, seedOptions);
  seeded = home.seeded;
  env = home.env;
  cacheDir = seeded.cacheDir;
  return emulator;
}
afterEach(async () => {
  seeded?.cleanup();
  await emulator?.stop();
  seeded = undefined;
  emulator = undefined;
});

const bodyOf = (request: EmulatorRequest | undefined): Record<string, unknown> => (request?.body ?? {}) as Record<string, unknown>;
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(cacheDir, file), 'utf8'));

describe('awscreds login (device code)', () => {
  it('signs a legacy profile in with a device code, writing token and registration as the AWS CLI does', async () => {
    const sso = await setup();
    const run = startAwscreds(['login', '--profile', 'legacy', '--no-browser'], env);
    const [, userCode] = await run.waitForStderr(USER_CODE);
    const [, completeUrl] = await run.waitForStderr(COMPLETE_URL);
    expect(run.stderr()).toContain(`${sso.url}/device\n`);
    expect(completeUrl).toBe(`${sso.url}/device?user_code=${userCode}`);
    await run.waitForStderr(/waiting for approval of code/);
    expect((await visit(completeUrl ?? '')).status).toBe(200); // the user opens the page…
    expect(sso.deviceAuthorizations()[0]?.status).toBe('pending');
    sso.approveDeviceCode(userCode ?? ''); // …and presses "Allow"
    const result = await run.done;
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`signed in to start URL ${SEED_START_URL}`);

    // RegisterClient as the AWS CLI does for a legacy profile: no scopes, no grant types.
    const register = bodyOf(sso.requestsFor('RegisterClient')[0]);
    expect(Object.keys(register).sort()).toEqual(['clientName', 'clientType']);
    expect(register.clientName).toMatch(/^botocore-client-\d{10}$/);
    const clientId = bodyOf(sso.requestsFor('StartDeviceAuthorization')[0]).clientId as string;
    const client = sso.getClient(clientId);
    expect(bodyOf(sso.requestsFor('StartDeviceAuthorization')[0])).toEqual({ clientId, clientSecret: client?.clientSecret, startUrl: SEED_START_URL });
    const polls = sso.requestsFor('CreateToken');
    expect(polls.length).toBeGreaterThanOrEqual(1);
    for (const poll of polls) {
      expect(bodyOf(poll)).toEqual({ grantType: DEVICE_CODE_GRANT, deviceCode: sso.deviceAuthorizations()[0]?.deviceCode, clientId, clientSecret: client?.clientSecret });
    }

    const token = readJson(LEGACY_TOKEN_FILE);
    expect(Object.keys(token)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt']);
    expect(token).toMatchObject({ startUrl: SEED_START_URL, region: 'us-east-1', clientId, clientSecret: client?.clientSecret });
    expect(sso.describeAccessToken(String(token.accessToken))?.valid).toBe(true);
    expect(readFileSync(join(cacheDir, LEGACY_REGISTRATION_FILE), 'utf8')).toBe(
      formatRegistrationCacheFile({ clientId, clientSecret: client?.clientSecret ?? '', expiresAt: (client?.clientSecretExpiresAt ?? 0) * 1000 }),
    );
    expect(filesIn(cacheDir)).toEqual([LEGACY_REGISTRATION_FILE, LEGACY_TOKEN_FILE].sort());
    for (const secret of [client?.clientSecret, token.accessToken, sso.deviceAuthorizations()[0]?.deviceCode]) expect(result.stderr).not.toContain(String(secret));

    const exported = await runAwscreds(['export', '--profile', 'legacy'], env);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain(sso.issuedRoleCredentials[0]?.accessKeyId);
  });

  it('opens the URL that fills in the code in the browser, and reuses the registration next time', async () => {
    const sso = await setup();
    const scratch = mkdtempSync(join(tmpdir(), 'awscreds-login-'));
    try {
      const browser = recordingBrowser(scratch);
      const firstRun = startAwscreds(['login', '--profile', 'legacy'], { ...env, ...browser.env });
      await approveShownCode(firstRun, sso);
      const first = await firstRun.done;
      expect(first.status).toBe(0);
      expect(browser.urls()).toEqual([`${sso.url}/device?user_code=${sso.deviceAuthorizations()[0]?.userCode}`]);
      expect(first.stderr).toContain('opened the page in your browser');
      const secondRun = startAwscreds(['login', '--profile', 'legacy'], { ...env, ...browser.env });
      await approveShownCode(secondRun, sso);
      const second = await secondRun.done;
      expect(second.status).toBe(0);
      expect(sso.requestsFor('RegisterClient')).toHaveLength(1);
      expect(sso.requestsFor('StartDeviceAuthorization')).toHaveLength(2);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('--use-device-code for an sso-session: its own registration (scopes, no grant types); the flows never share one', async () => {
    // Signed in already, with the authorization-code registration the AWS CLI caches.
    const sso = await setup({ autoApprove: true }, { registrationCache: true });
    const authCodeRegistration = readJson(CORP_REGISTRATION_FILE);
    const deviceRun = startAwscreds(['login', '--profile', 'dev', '--use-device-code', '--no-browser'], env);
    await approveShownCode(deviceRun, sso);
    const device = await deviceRun.done;
    expect(device.status).toBe(0);
    expect(bodyOf(sso.requestsFor('RegisterClient')[0])).toEqual({ clientName: 'botocore-client-corp', clientType: 'public', scopes: ['sso:account:access'] });
    const deviceRegistration = readJson(CORP_REGISTRATION_FILE);
    expect(deviceRegistration.clientId).not.toBe(authCodeRegistration.clientId);
    expect(Object.keys(deviceRegistration)).toEqual(['clientId', 'clientSecret', 'expiresAt', 'scopes']);
    const token = readJson(CORP_TOKEN_FILE);
    expect(token.clientId).toBe(deviceRegistration.clientId);
    expect(token.refreshToken).toEqual(expect.any(String)); // scoped clients may refresh

    // And the authorization-code flow does not take the device-code registration.
    const pkce = startAwscreds(['login', '--profile', 'dev', '--no-browser'], env);
    const [, url] = await pkce.waitForStderr(AUTHORIZE_URL);
    await visit(url ?? '');
    expect((await pkce.done).status).toBe(0);
    expect(sso.requestsFor('RegisterClient')).toHaveLength(2);
    expect(readJson(CORP_REGISTRATION_FILE).grantTypes).toEqual(['authorization_code', 'refresh_token']);
  });

  it('SlowDown widens the polling interval by 5 s', async () => {
    const sso = await setup({ devicePollIntervalSeconds: 1 });
    sso.slowDownNext(1);
    const run = startAwscreds(['login', '--profile', 'legacy', '--no-browser', '--debug'], env);
    const [, userCode] = await run.waitForStderr(USER_CODE);
    sso.approveDeviceCode(userCode ?? '');
    const result = await run.done;
    expect(result.status).toBe(0);
    const started = sso.requestsFor('StartDeviceAuthorization')[0]?.at ?? 0;
    const polls = sso.requestsFor('CreateToken').map((r) => r.at);
    expect(polls).toHaveLength(2);
    expect(sso.requestsFor('CreateToken')[0]?.errorType).toBe('SlowDownException');
    expect((polls[0] ?? 0) - started).toBeGreaterThanOrEqual(990); // the interval: 1 s
    expect((polls[1] ?? 0) - (polls[0] ?? 0)).toBeGreaterThanOrEqual(5990); // 1 s + 5 s
    expect((polls[1] ?? 0) - (polls[0] ?? 0)).toBeLessThan(8000);
    expect(result.stderr).toContain('SlowDown from the service; polling every 6 s from now on');
    // --debug shows the SDK's request log, without the device code, client secret or token.
    expect(result.stderr).toContain('"commandName":"StartDeviceAuthorizationCommand"');
    const token = readJson(LEGACY_TOKEN_FILE);
    for (const secret of [sso.deviceAuthorizations()[0]?.deviceCode, token.clientSecret, token.accessToken]) {
      expect(typeof secret).toBe('string');
      expect(result.stderr).not.toContain(String(secret));
    }
  }, 20_000);

  it('an expired device code ends the wait with what to do, and writes no token', async () => {
    const sso = await setup({ deviceCodeTtlSeconds: 2, devicePollIntervalSeconds: 1 });
    const run = await startAwscreds(['login', '--profile', 'legacy', '--no-browser'], env).done;
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stdout).toBe('');
    const userCode = sso.deviceAuthorizations()[0]?.userCode;
    expect(run.stderr).toContain(`the sign-in code ${userCode} for start URL ${SEED_START_URL} expired before it was approved`);
    expect(run.stderr).toContain('fix: run `awscreds login --profile legacy` again, then open the URL and approve the new code within 1 min.');
    expect(filesIn(cacheDir)).toEqual([LEGACY_REGISTRATION_FILE]);
  });

  it('a denied device code says so', async () => {
    const sso = await setup();
    const run = startAwscreds(['login', '--profile', 'legacy', '--no-browser'], env);
    const [, userCode] = await run.waitForStderr(USER_CODE);
    sso.denyDeviceCode(userCode ?? '');
    const result = await run.done;
    expect(result.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(result.stderr).toContain(`the sign-in request with code ${userCode} for start URL ${SEED_START_URL} was denied in the browser.`);
    expect(filesIn(cacheDir)).toEqual([LEGACY_REGISTRATION_FILE]);
  });

  it('Ctrl-C while polling exits 130, writes no token and leaves no temp file', async () => {
    const sso = await setup();
    const run = startAwscreds(['login', '--profile', 'legacy', '--no-browser'], env);
    await run.waitForStderr(/waiting for approval of code/);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.status).toBe(EXIT_CODES.INTERRUPTED.code);
    expect(result.stderr).toMatch(/interrupted \(Ctrl-C\) while waiting for approval of code [A-Z]{4}-[A-Z]{4}; no token was written\./);
    expect(filesIn(cacheDir)).toEqual([LEGACY_REGISTRATION_FILE]);
    const pollsAtExit = sso.requestsFor('CreateToken').length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(sso.requestsFor('CreateToken')).toHaveLength(pollsAtExit); // nothing polls any more
  });

  it('replaces a cached registration the service no longer accepts, once', async () => {
    const sso = await setup();
    writeFileSync(
      join(cacheDir, LEGACY_REGISTRATION_FILE),
      formatRegistrationCacheFile({ clientId: 'revoked-client', clientSecret: 'revoked-secret', expiresAt: Date.now() + 30 * 24 * 3600_000 }),
      { mode: 0o600 },
    );
    const running = startAwscreds(['login', '--profile', 'legacy', '--no-browser'], env);
    await approveShownCode(running, sso);
    const run = await running.done;
    expect(run.status).toBe(0);
    expect(sso.requestsFor('StartDeviceAuthorization').map((r) => r.errorType)).toEqual(['InvalidClientException', undefined]);
    expect(sso.requestsFor('RegisterClient')).toHaveLength(1);
    expect(readJson(LEGACY_REGISTRATION_FILE).clientId).toBe(readJson(LEGACY_TOKEN_FILE).clientId);
  });
});
