// Drives the REAL AWS SDK v3 clients against the emulator through the endpoint
// environment variables, so the emulator is checked against the SDK's own wire format.
import http from 'node:http';
import { createHash } from 'node:crypto';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  SSOClient,
  UnauthorizedException,
} from '@aws-sdk/client-sso';
import {
  AuthorizationPendingException,
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { DEVICE_CODE_GRANT, SSO_BEARER_HEADER, SsoEmulator, startSsoEmulator } from './ssoEmulator';

interface SdkError extends Error {
  $metadata?: { httpStatusCode?: number };
  error?: string;
  error_description?: string;
}

async function errorOf(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err as SdkError;
    throw new Error(`rejected with a non-Error: ${String(err)}`);
  }
  throw new Error('expected the call to fail');
}

function httpGet(url: string): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('utf8') }),
        );
      })
      .on('error', reject);
  });
}

const ENV_KEYS = [
  'AWS_ENDPOINT_URL_SSO',
  'AWS_ENDPOINT_URL_SSO_OIDC',
  'AWS_ENDPOINT_URL',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_PROFILE',
] as const;

let emulator: SsoEmulator;
let sso: SSOClient;
let oidc: SSOOIDCClient;
const savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

beforeAll(async () => {
  emulator = await startSsoEmulator();
  for (const key of ENV_KEYS) {
    const value = process.env[key];
    if (value !== undefined) savedEnv[key] = value;
    delete process.env[key];
  }
  process.env.AWS_ENDPOINT_URL_SSO = emulator.url;
  process.env.AWS_ENDPOINT_URL_SSO_OIDC = emulator.url;
  // Keep the developer's own ~/.aws out of the SDK's configuration.
  process.env.AWS_CONFIG_FILE = '/nonexistent/awscreds-emulator-test/config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/awscreds-emulator-test/credentials';
  sso = new SSOClient({ region: 'us-east-1', maxAttempts: 1 });
  oidc = new SSOOIDCClient({ region: 'us-east-1', maxAttempts: 1 });
});

afterAll(async () => {
  sso.destroy();
  oidc.destroy();
  await emulator.stop();
  for (const key of ENV_KEYS) {
    const value = savedEnv[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

beforeEach(() => {
  emulator.clearRequests();
  emulator.clearFaults();
  emulator.setAutoApprove(false);
});

describe('portal', () => {
  test('GetRoleCredentials returns STS-shaped credentials, a new set each call', async () => {
    const accessToken = emulator.issueAccessToken();
    const before = Date.now();
    const out = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName: 'Dev' }));
    const creds = out.roleCredentials;
    expect(creds?.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(creds?.secretAccessKey).toHaveLength(40);
    expect(creds?.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(creds?.secretAccessKey).toContain('/');
    expect(creds?.secretAccessKey).toContain('+');
    const token = creds?.sessionToken ?? '';
    expect(token.length).toBeGreaterThanOrEqual(400);
    expect(token).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    for (const ch of ['+', '/', '=']) expect(token).toContain(ch);
    expect(creds?.expiration).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(creds?.expiration).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000);

    const again = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName: 'Dev' }));
    expect(again.roleCredentials?.accessKeyId).not.toBe(creds?.accessKeyId);
    expect(again.roleCredentials?.sessionToken).not.toBe(token);
    expect(emulator.issuedRoleCredentials.slice(-2).map((c) => c.accessKeyId)).toEqual([
      creds?.accessKeyId,
      again.roleCredentials?.accessKeyId,
    ]);

    const [logged] = emulator.requestsFor('GetRoleCredentials');
    expect(logged).toMatchObject({
      method: 'GET',
      path: '/federation/credentials',
      query: { account_id: '123456789012', role_name: 'Dev' },
      status: 200,
    });
    expect(logged?.headers[SSO_BEARER_HEADER]).toBe(true);
    expect(JSON.stringify(emulator.requests)).not.toContain(accessToken);
  });

  test('unknown, expired and revoked tokens give UnauthorizedException; unassigned roles ForbiddenException', async () => {
    const call = (accessToken: string, roleName = 'Dev') =>
      sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName }));

    const unknown = await errorOf(call('not-a-token'));
    expect(unknown.name).toBe('UnauthorizedException');
    expect(unknown).toBeInstanceOf(UnauthorizedException);
    expect(unknown.message).toBe('Session token not found or invalid');
    expect(unknown.$metadata?.httpStatusCode).toBe(401);

    const shortLived = emulator.issueAccessToken({ expiresInSeconds: 60 });
    await expect(call(shortLived)).resolves.toBeDefined();
    emulator.advanceClock(61);
    expect((await errorOf(call(shortLived))).name).toBe('UnauthorizedException');
    expect(emulator.describeAccessToken(shortLived)).toMatchObject({ valid: false, expired: true });
    emulator.advanceClock(-61);

    const revoked = emulator.issueAccessToken();
    expect(emulator.revokeAccessToken(revoked)).toBe(true);
    expect((await errorOf(call(revoked))).name).toBe('UnauthorizedException');

    const forbidden = await errorOf(call(emulator.issueAccessToken(), 'Admin'));
    expect(forbidden.name).toBe('ForbiddenException');
    expect(forbidden.$metadata?.httpStatusCode).toBe(403);
  });

  test('ListAccounts and ListAccountRoles paginate with max_result/next_token', async () => {
    const accessToken = emulator.issueAccessToken();
    const defaults = await sso.send(new ListAccountsCommand({ accessToken }));
    expect(defaults.accountList).toEqual([
      { accountId: '123456789012', accountName: 'Dev account', emailAddress: 'dev@example.com' },
      { accountId: '210987654321', accountName: 'Prod', emailAddress: 'prod@example.com' },
    ]);
    expect(defaults.nextToken).toBeUndefined();

    const original = emulator.getAccounts();
    emulator.setAccounts(
      Array.from({ length: 5 }, (_, i) => ({ accountId: `10000000000${i}`, accountName: `acct ${i}`, roles: ['R1', 'R2', 'R3'] })),
    );
    try {
      const pages: string[][] = [];
      let nextToken: string | undefined;
      do {
        const page = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 2, nextToken }));
        pages.push((page.accountList ?? []).map((a) => a.accountId ?? ''));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      expect(pages).toEqual([
        ['100000000000', '100000000001'],
        ['100000000002', '100000000003'],
        ['100000000004'],
      ]);
      const queries = emulator.requestsFor('ListAccounts').slice(1).map((r) => r.query.max_result);
      expect(queries).toEqual(['2', '2', '2']);

      const roles1 = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: '100000000003', maxResults: 2 }));
      expect(roles1.roleList).toEqual([
        { roleName: 'R1', accountId: '100000000003' },
        { roleName: 'R2', accountId: '100000000003' },
      ]);
      const roles2 = await sso.send(
        new ListAccountRolesCommand({ accessToken, accountId: '100000000003', maxResults: 2, nextToken: roles1.nextToken }),
      );
      expect(roles2.roleList).toEqual([{ roleName: 'R3', accountId: '100000000003' }]);
      expect(roles2.nextToken).toBeUndefined();

      const badToken = await errorOf(sso.send(new ListAccountsCommand({ accessToken, nextToken: 'garbage' })));
      expect(badToken.name).toBe('InvalidRequestException');
      const tooMany = await errorOf(sso.send(new ListAccountsCommand({ accessToken, maxResults: 101 })));
      expect(tooMany.name).toBe('InvalidRequestException');
      expect(tooMany.$metadata?.httpStatusCode).toBe(400);
    } finally {
      emulator.setAccounts(original);
    }
  });

  test('setMaxPageSize: pages hold fewer items than asked; only nextToken says more follow', async () => {
    const accessToken = emulator.issueAccessToken();
    const original = emulator.getAccounts();
    emulator.setAccounts(Array.from({ length: 5 }, (_, i) => ({ accountId: `10000000000${i}`, accountName: `acct ${i}`, roles: ['R1'] })));
    emulator.setMaxPageSize(2);
    try {
      const first = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 100 }));
      expect(first.accountList).toHaveLength(2);
      expect(first.nextToken).toBeDefined();
      emulator.setMaxPageSize(undefined);
      const whole = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 100 })); // control
      expect(whole.accountList).toHaveLength(5);
      expect(whole.nextToken).toBeUndefined();
    } finally {
      emulator.setMaxPageSize(undefined);
      emulator.setAccounts(original);
    }
  });

  test('Logout ends the session', async () => {
    const accessToken = emulator.issueAccessToken();
    await sso.send(new LogoutCommand({ accessToken }));
    expect(emulator.requestsFor('Logout')[0]).toMatchObject({ method: 'POST', path: '/logout', status: 200 });
    expect(emulator.describeAccessToken(accessToken)).toMatchObject({ valid: false, revoked: true });
    const err = await errorOf(sso.send(new ListAccountsCommand({ accessToken })));
    expect(err.name).toBe('UnauthorizedException');
    expect((await errorOf(sso.send(new LogoutCommand({ accessToken })))).name).toBe('UnauthorizedException');
  });

  test('a custom GetRoleCredentials body reaches the client as sent', async () => {
    emulator.transformNextRoleCredentials((body) => ({
      roleCredentials: {
        accessKeyId: body.roleCredentials.accessKeyId,
        secretAccessKey: body.roleCredentials.secretAccessKey,
        expiration: body.roleCredentials.expiration,
      },
    }));
    const accessToken = emulator.issueAccessToken();
    const out = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName: 'Dev' }));
    expect(out.roleCredentials?.accessKeyId).toMatch(/^ASIA/);
    expect(out.roleCredentials?.sessionToken).toBeUndefined();
    const next = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName: 'Dev' }));
    expect(next.roleCredentials?.sessionToken).toBeDefined();
  });
});

describe('OIDC', () => {
  test('RegisterClient returns a registration valid for 90 days; bad metadata is refused', async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const reg = await oidc.send(new RegisterClientCommand({ clientName: 'awscreds', clientType: 'public', scopes: ['sso:account:access'] }));
    expect(reg.clientId).toEqual(expect.any(String));
    expect(reg.clientSecret).toMatch(/^eyJ/);
    expect(reg.clientIdIssuedAt).toBeGreaterThanOrEqual(nowSeconds - 1);
    expect((reg.clientSecretExpiresAt ?? 0) - (reg.clientIdIssuedAt ?? 0)).toBe(90 * 24 * 3600);
    expect(emulator.getClient(reg.clientId ?? '')).toMatchObject({ clientName: 'awscreds', scopes: ['sso:account:access'], grantTypes: undefined });
    expect(emulator.requestsFor('RegisterClient')[0]?.body).toEqual({ clientName: 'awscreds', clientType: 'public', scopes: ['sso:account:access'] });

    const err = await errorOf(oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })));
    expect(err.name).toBe('InvalidClientMetadataException');
    expect(err.error).toBe('invalid_client_metadata');
    const noRedirect = await errorOf(
      oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public', grantTypes: ['authorization_code'] })),
    );
    expect(noRedirect.name).toBe('InvalidRedirectUriException');
  });

  test('device code flow: pending, slow down, approved, token with refresh token', async () => {
    const reg = await oidc.send(new RegisterClientCommand({ clientName: 'awscreds', clientType: 'public', scopes: ['sso:account:access'] }));
    const clientId = reg.clientId ?? '';
    const clientSecret = reg.clientSecret ?? '';
    const start = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: 'https://d-1234567890.awsapps.com/start' }),
    );
    expect(start.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(start.verificationUriComplete).toBe(`${emulator.url}/device?user_code=${start.userCode}`);
    expect(start.expiresIn).toBe(600);
    expect(start.interval).toBe(1);
    const poll = () =>
      oidc.send(new CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode: start.deviceCode }));

    const pending = await errorOf(poll());
    expect(pending.name).toBe('AuthorizationPendingException');
    expect(pending).toBeInstanceOf(AuthorizationPendingException);
    expect(pending.error).toBe('authorization_pending');
    expect(pending.$metadata?.httpStatusCode).toBe(400);

    emulator.slowDownNext(1);
    const slow = await errorOf(poll());
    expect(slow.name).toBe('SlowDownException');
    expect(slow.error).toBe('slow_down');

    emulator.approveDeviceCode(start.userCode ?? '');
    const token = await poll();
    expect(token.accessToken).toMatch(/^aoa/);
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBe(3600);
    expect(token.refreshToken).toMatch(/^aor/);
    expect(emulator.requestsFor('CreateToken')).toHaveLength(3);
    expect(emulator.deviceAuthorizations().find((d) => d.userCode === start.userCode)).toMatchObject({ status: 'consumed', polls: 3 });

    const accounts = await sso.send(new ListAccountsCommand({ accessToken: token.accessToken }));
    expect(accounts.accountList).toHaveLength(2);

    expect((await errorOf(poll())).name).toBe('InvalidGrantException');
  });

  test('device code flow: legacy client (no scopes) gets no refresh token; denial, expiry and bad clients', async () => {
    const reg = await oidc.send(new RegisterClientCommand({ clientName: 'legacy', clientType: 'public' }));
    const clientId = reg.clientId ?? '';
    const clientSecret = reg.clientSecret ?? '';
    const startUrl = 'https://d-1234567890.awsapps.com/start';
    const begin = () => oidc.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl }));
    const poll = (deviceCode: string | undefined) =>
      oidc.send(new CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode }));

    // The user opens verificationUriComplete: the page alone approves nothing; allowing does.
    const a = await begin();
    const page = await httpGet(a.verificationUriComplete ?? '');
    expect(page.status).toBe(200);
    expect((await errorOf(poll(a.deviceCode))).name).toBe('AuthorizationPendingException');
    emulator.approveDeviceCode(a.userCode ?? '');
    const token = await poll(a.deviceCode);
    expect(token.accessToken).toBeDefined();
    expect(token.refreshToken).toBeUndefined();

    const b = await begin();
    emulator.denyDeviceCode(b.userCode ?? '');
    const denied = await errorOf(poll(b.deviceCode));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.error).toBe('access_denied');

    const c = await begin();
    emulator.advanceClock(601);
    try {
      const expired = await errorOf(poll(c.deviceCode));
      expect(expired.name).toBe('ExpiredTokenException');
      expect(expired.error).toBe('expired_token');
    } finally {
      emulator.advanceClock(-601);
    }

    const badClient = await errorOf(
      oidc.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret: 'wrong', startUrl })),
    );
    expect(badClient.name).toBe('InvalidClientException');
    expect(badClient.$metadata?.httpStatusCode).toBe(401);

    // autoApprove is for /authorize only: a device code still waits for the user.
    emulator.setAutoApprove(true);
    const d = await begin();
    expect((await errorOf(poll(d.deviceCode))).name).toBe('AuthorizationPendingException');
    expect(emulator.deviceAuthorizations().find((x) => x.userCode === d.userCode)?.status).toBe('pending');
  });

  test('refresh_token grant rotates the refresh token; logout and legacy clients cannot refresh', async () => {
    const client = emulator.registerClient({
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
    });
    const session = emulator.issueSession({ clientId: client.clientId, expiresInSeconds: -10 });
    expect(session.refreshToken).toBeDefined();
    const refresh = (refreshToken: string | undefined, c = client) =>
      oidc.send(new CreateTokenCommand({ clientId: c.clientId, clientSecret: c.clientSecret, grantType: 'refresh_token', refreshToken }));

    const out = await refresh(session.refreshToken);
    expect(out.accessToken).not.toBe(session.accessToken);
    expect(out.refreshToken).toBeDefined();
    expect(out.refreshToken).not.toBe(session.refreshToken);
    await expect(sso.send(new ListAccountsCommand({ accessToken: out.accessToken }))).resolves.toBeDefined();

    const reused = await errorOf(refresh(session.refreshToken));
    expect(reused.name).toBe('InvalidGrantException');
    expect(reused.error).toBe('invalid_grant');

    await sso.send(new LogoutCommand({ accessToken: out.accessToken }));
    expect((await errorOf(refresh(out.refreshToken))).name).toBe('InvalidGrantException');

    const legacy = emulator.registerClient();
    const legacySession = emulator.issueSession({ clientId: legacy.clientId });
    expect(legacySession.refreshToken).toBeUndefined();
    expect((await errorOf(refresh('anything', legacy))).name).toBe('UnauthorizedClientException');
  });

  test('a refresh can answer with the same refresh token, or without one (the old one stays valid)', async () => {
    const client = emulator.registerClient({ scopes: ['sso:account:access'], grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'] });
    const session = emulator.issueSession({ clientId: client.clientId, expiresInSeconds: -10 });
    const refresh = (refreshToken: string | undefined) =>
      oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken }));
    try {
      emulator.setRefreshTokenOnRefresh('omit');
      const first = await refresh(session.refreshToken);
      expect(first.accessToken).toMatch(/^aoa/);
      expect(first.refreshToken).toBeUndefined();
      expect(emulator.requestsFor('CreateToken')[0]?.status).toBe(200);
      const second = await refresh(session.refreshToken); // still valid
      expect(second.refreshToken).toBeUndefined();
      expect(second.accessToken).not.toBe(first.accessToken);
      emulator.setRefreshTokenOnRefresh('reuse');
      expect((await refresh(session.refreshToken)).refreshToken).toBe(session.refreshToken);
    } finally {
      emulator.setRefreshTokenOnRefresh('rotate');
    }
    // Positive control: the default rotates, and the old one is then refused.
    const rotated = await refresh(session.refreshToken);
    expect(rotated.refreshToken).toMatch(/^aor/);
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect((await errorOf(refresh(session.refreshToken))).name).toBe('InvalidGrantException');
  });

  test('authorization code + PKCE: /authorize redirects with code and state; the verifier is checked', async () => {
    const reg = await oidc.send(
      new RegisterClientCommand({
        clientName: 'botocore-client-corp',
        clientType: 'public',
        scopes: ['sso:account:access'],
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        issuerUrl: 'https://d-1234567890.awsapps.com/start',
      }),
    );
    const clientId = reg.clientId ?? '';
    const clientSecret = reg.clientSecret ?? '';
    const verifier = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~'.slice(0, 64);
    // botocore sends urlsafe_b64encode(sha256) with its final '=' trimmed.
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:49152/oauth/callback';
    const authorizeUrl = (state: string, extra: Record<string, string> = {}) => {
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        state,
        code_challenge_method: 'S256',
        scopes: 'sso:account:access',
        code_challenge: challenge,
        ...extra,
      });
      return `${emulator.url}/authorize?${q.toString()}`;
    };
    const exchange = (code: string | null, codeVerifier: string, uri = redirectUri) =>
      oidc.send(
        new CreateTokenCommand({ clientId, clientSecret, grantType: 'authorization_code', code: code ?? '', redirectUri: uri, codeVerifier }),
      );

    // Approved in advance.
    emulator.approveAuthorization();
    const first = await httpGet(authorizeUrl('state-1'));
    expect(first.status).toBe(302);
    const location = new URL(first.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('state-1');
    const code = location.searchParams.get('code');
    expect(code).toBeTruthy();

    const token = await exchange(code, verifier);
    expect(token.accessToken).toMatch(/^aoa/);
    expect(token.refreshToken).toMatch(/^aor/);
    expect((await errorOf(exchange(code, verifier))).name).toBe('InvalidGrantException');

    // The browser waits on the sign-in page until the test decides.
    const waiting = httpGet(authorizeUrl('state-2'));
    await new Promise((r) => setTimeout(r, 50));
    expect(emulator.authorizations().find((a) => a.state === 'state-2')?.outcome).toBe('waiting');
    emulator.approveAuthorization('state-2');
    const second = new URL((await waiting).location ?? '');
    const wrong = await errorOf(exchange(second.searchParams.get('code'), verifier.replace('a', 'b')));
    expect(wrong.name).toBe('InvalidGrantException');
    expect(wrong.error_description).toMatch(/verifier/);

    emulator.denyAuthorization();
    const denied = new URL((await httpGet(authorizeUrl('state-3'))).location ?? '');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('state-3');
    expect(denied.searchParams.get('code')).toBeNull();

    const plain = new URL((await httpGet(authorizeUrl('state-4', { code_challenge_method: 'plain' }))).location ?? '');
    expect(plain.searchParams.get('error')).toBe('invalid_request');
    const foreign = await httpGet(authorizeUrl('state-5', { redirect_uri: 'http://evil.example/cb' }));
    expect(foreign.status).toBe(400);
    expect(foreign.location).toBeUndefined();

    emulator.setAutoApprove(true);
    const auto = new URL((await httpGet(authorizeUrl('state-6'))).location ?? '');
    const wrongUri = await errorOf(exchange(auto.searchParams.get('code'), verifier, 'http://127.0.0.1:1/oauth/callback'));
    expect(wrongUri.name).toBe('InvalidGrantException');
  });
});

/** One raw request with the Host header a client resolving the AWS default endpoint sends. */
function rawRequest(
  method: string,
  path: string,
  host: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<{ status: number; errorType: string | undefined; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port: emulator.port, method, path, agent: false, headers: { ...headers, host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, errorType: res.headers['x-amzn-errortype'] as string | undefined, json: raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>) });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe('regions', () => {
  const portal = (region: string): string => `portal.sso.${region}.amazonaws.com`;
  const oidcHost = (region: string): string => `oidc.${region}.amazonaws.com`;
  const roleCredentials = (token: string, region: string) =>
    rawRequest('GET', '/federation/credentials?account_id=123456789012&role_name=Dev', portal(region), { [SSO_BEARER_HEADER]: token });

  test('a token works only in the region that issued it; the region comes from the Host, else the emulator\'s', async () => {
    expect(emulator.region).toBe('us-east-1');
    const east = emulator.issueAccessToken();
    const west = emulator.issueAccessToken({ region: 'eu-west-1' });
    expect(emulator.describeAccessToken(west)).toMatchObject({ valid: true, region: 'eu-west-1' });
    expect((await roleCredentials(east, 'us-east-1')).status).toBe(200);
    expect(await roleCredentials(east, 'eu-west-1')).toMatchObject({ status: 401, errorType: 'UnauthorizedException' });
    expect((await roleCredentials(west, 'eu-west-1')).status).toBe(200);
    expect(await roleCredentials(west, 'us-east-1')).toMatchObject({ status: 401, errorType: 'UnauthorizedException' });
    expect(emulator.requestsFor('GetRoleCredentials').map((r) => r.region)).toEqual(['us-east-1', 'eu-west-1', 'eu-west-1', 'us-east-1']);
    // Through the endpoint variables (no region in the Host): the emulator's own region.
    await expect(sso.send(new GetRoleCredentialsCommand({ accessToken: east, accountId: '123456789012', roleName: 'Dev' }))).resolves.toBeDefined();
    expect((await errorOf(sso.send(new GetRoleCredentialsCommand({ accessToken: west, accountId: '123456789012', roleName: 'Dev' })))).name).toBe('UnauthorizedException');
    expect(emulator.requestsFor('GetRoleCredentials').slice(-2).map((r) => r.region)).toEqual(['us-east-1', 'us-east-1']);
  });

  test('client registrations are regional, and each host serves its own service only', async () => {
    const registered = await rawRequest('POST', '/client/register', oidcHost('eu-central-1'), {}, { clientName: 'c', clientType: 'public', scopes: ['sso:account:access'] });
    expect(registered.status).toBe(200);
    const clientId = String(registered.json.clientId);
    const clientSecret = String(registered.json.clientSecret);
    expect(emulator.getClient(clientId)?.region).toBe('eu-central-1');
    const start = (region: string) => rawRequest('POST', '/device_authorization', oidcHost(region), {}, { clientId, clientSecret, startUrl: 'https://d-1234567890.awsapps.com/start' });
    expect((await start('eu-central-1')).status).toBe(200);
    expect(await start('us-east-1')).toMatchObject({ status: 401, errorType: 'InvalidClientException' });
    expect(emulator.deviceAuthorizations().at(-1)?.region).toBe('eu-central-1');
    // The portal's paths do not exist on the OIDC host, nor the OIDC's on the portal host.
    const token = emulator.issueAccessToken();
    expect(await rawRequest('GET', '/federation/credentials?account_id=123456789012&role_name=Dev', oidcHost('us-east-1'), { [SSO_BEARER_HEADER]: token })).toMatchObject({ status: 404 });
    expect(await rawRequest('POST', '/client/register', portal('eu-central-1'), {}, { clientName: 'c', clientType: 'public' })).toMatchObject({ status: 404 });
    expect((await roleCredentials(token, 'us-east-1')).status).toBe(200); // positive control
  });
});

describe('sign-ins and start URLs', () => {
  const OTHER = 'https://d-9999999999.awsapps.com/start';
  const otherAccounts = [{ accountId: '333333333333', accountName: 'Other org', roles: ['Ops'] }];

  test('a sign-in sees its own start URL\'s accounts and roles only', async () => {
    emulator.setAccounts(otherAccounts, OTHER);
    try {
      const mine = emulator.issueAccessToken();
      const theirs = emulator.issueAccessToken({ startUrl: OTHER });
      expect(emulator.describeAccessToken(theirs)?.startUrl).toBe(OTHER);
      const ids = async (accessToken: string) => ((await sso.send(new ListAccountsCommand({ accessToken }))).accountList ?? []).map((a) => a.accountId);
      expect(await ids(mine)).toEqual(['123456789012', '210987654321']);
      expect(await ids(theirs)).toEqual(['333333333333']);
      const role = (accessToken: string, accountId: string, roleName: string) => sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
      await expect(role(theirs, '333333333333', 'Ops')).resolves.toBeDefined();
      expect((await errorOf(role(theirs, '123456789012', 'Dev'))).name).toBe('ForbiddenException');
      expect((await errorOf(role(mine, '333333333333', 'Ops'))).name).toBe('ForbiddenException');
      await expect(role(mine, '123456789012', 'Dev')).resolves.toBeDefined();
      expect((await errorOf(sso.send(new ListAccountRolesCommand({ accessToken: theirs, accountId: '123456789012' })))).name).toBe('ForbiddenException');
      // A start URL nobody configured has no accounts.
      expect(await ids(emulator.issueAccessToken({ startUrl: 'https://d-0000000000.awsapps.com/start' }))).toEqual([]);
    } finally {
      emulator.setAccounts([], OTHER);
    }
  });

  test('the device-code flow signs in to the start URL it was started for', async () => {
    emulator.setAccounts(otherAccounts, OTHER);
    try {
      const reg = await oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public', scopes: ['sso:account:access'] }));
      const start = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: OTHER }));
      emulator.approveDeviceCode(start.userCode ?? '');
      const token = await oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode: start.deviceCode }));
      const accounts = await sso.send(new ListAccountsCommand({ accessToken: token.accessToken }));
      expect(accounts.accountList?.map((a) => a.accountId)).toEqual(['333333333333']);
      // Refreshing keeps the sign-in's start URL.
      const refreshed = await oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'refresh_token', refreshToken: token.refreshToken }));
      expect(emulator.describeAccessToken(refreshed.accessToken ?? '')?.startUrl).toBe(OTHER);
    } finally {
      emulator.setAccounts([], OTHER);
    }
  });
});

describe('poll interval enforcement', () => {
  test('polling sooner than the interval (by the emulator clock) answers SlowDownException and adds 5 s', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const strict = await startSsoEmulator({ now: () => clock, enforcePollInterval: true });
    const client = new SSOOIDCClient({ region: 'us-east-1', maxAttempts: 1, endpoint: strict.url });
    try {
      const reg = strict.registerClient({ scopes: ['sso:account:access'] });
      const start = await client.send(
        new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: 'https://x.awsapps.com/start' }),
      );
      const poll = () =>
        client.send(
          new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode: start.deviceCode }),
        );
      expect((await errorOf(poll())).name).toBe('AuthorizationPendingException');
      clock += 500;
      expect((await errorOf(poll())).name).toBe('SlowDownException');
      clock += 1000;
      // Each slow_down adds 5 s for all later polls (RFC 8628 §3.5), as botocore does: 1 + 5 + 5.
      expect((await errorOf(poll())).name).toBe('SlowDownException');
      clock += 11_000;
      expect((await errorOf(poll())).name).toBe('AuthorizationPendingException');
      expect(strict.deviceAuthorizations()[0]?.interval).toBe(11);
      strict.approveDeviceCode(start.userCode ?? '');
      clock += 11_000;
      await expect(poll()).resolves.toMatchObject({ tokenType: 'Bearer' });
    } finally {
      client.destroy();
      await strict.stop();
    }
  });
});

describe('fault injection', () => {
  test('failNext answers the given typed error once per call, then behaves again', async () => {
    const accessToken = emulator.issueAccessToken();
    emulator.failNext('GetRoleCredentials', { errorType: 'TooManyRequestsException', status: 429, message: 'slow down' });
    const throttled = await errorOf(sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName: 'Dev' })));
    expect(throttled.name).toBe('TooManyRequestsException');
    expect(throttled.message).toBe('slow down');
    expect(throttled.$metadata?.httpStatusCode).toBe(429);
    await expect(sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName: 'Dev' }))).resolves.toBeDefined();

    emulator.failNext('ListAccountRoles', { errorType: 'ResourceNotFound' });
    const notFound = await errorOf(sso.send(new ListAccountRolesCommand({ accessToken, accountId: '123456789012' })));
    expect(notFound.name).toBe('ResourceNotFoundException');
    expect(notFound.$metadata?.httpStatusCode).toBe(404);

    emulator.failNext('CreateToken', { errorType: 'InternalServerException', message: 'boom', times: 2 });
    for (let i = 0; i < 2; i += 1) {
      const err = await errorOf(oidc.send(new CreateTokenCommand({ clientId: 'x', clientSecret: 'y', grantType: 'refresh_token' })));
      expect(err.name).toBe('InternalServerException');
      expect(err.$metadata?.httpStatusCode).toBe(500);
      expect(err.error_description).toBe('boom');
    }
    const after = await errorOf(oidc.send(new CreateTokenCommand({ clientId: 'x', clientSecret: 'y', grantType: 'refresh_token' })));
    expect(after.name).toBe('InvalidClientException');

    emulator.failNext('RegisterClient', { errorType: 'InvalidRequestException', message: 'nope' });
    const reg = await errorOf(oidc.send(new RegisterClientCommand({ clientName: 'a', clientType: 'public' })));
    expect(reg.name).toBe('InvalidRequestException');
    expect(reg.error).toBe('invalid_request');

    emulator.failNext('Logout', { errorType: 'UnauthorizedException' });
    expect((await errorOf(sso.send(new LogoutCommand({ accessToken })))).name).toBe('UnauthorizedException');
    expect(emulator.describeAccessToken(accessToken)?.valid).toBe(true);
    expect(emulator.requests.map((r) => r.errorType).filter(Boolean)).toHaveLength(7);
  });
});

describe('lifecycle', () => {
  test('each emulator is independent, follows its own clock, and stops promptly with requests in flight', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const other = await startSsoEmulator({ now: () => clock, roleCredentialsTtlSeconds: 900 });
    expect(other.url).not.toBe(emulator.url);
    const token = other.issueAccessToken({ expiresInSeconds: 120 });
    expect(emulator.describeAccessToken(token)).toBeUndefined();
    expect(other.describeAccessToken(token)?.expiresAt).toBe(clock + 120_000);

    const client = new SSOClient({ region: 'us-east-1', maxAttempts: 1, endpoint: other.url });
    try {
      const out = await client.send(new GetRoleCredentialsCommand({ accessToken: token, accountId: '210987654321', roleName: 'Admin' }));
      expect(out.roleCredentials?.expiration).toBe(clock + 900_000);
      clock += 121_000;
      expect((await errorOf(client.send(new ListAccountsCommand({ accessToken: token })))).name).toBe('UnauthorizedException');
    } finally {
      client.destroy();
    }

    const reg = other.registerClient({ scopes: ['sso:account:access'], grantTypes: ['authorization_code'], redirectUris: ['http://127.0.0.1/cb'] });
    const hanging = httpGet(
      `${other.url}/authorize?response_type=code&client_id=${reg.clientId}&redirect_uri=${encodeURIComponent('http://127.0.0.1:5/cb')}` +
        `&state=s&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=${'A'.repeat(43)}`,
    ).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await other.stop();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(String(await hanging)).toMatch(/socket hang up|ECONNRESET/);
    await other.stop(); // idempotent
  });
});
