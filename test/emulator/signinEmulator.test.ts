import { AssumeRoleCommand, GetFederationTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { startSsoEmulator, type SsoEmulator } from './ssoEmulator';

// The emulator's GetFederationToken (through the real SDK client) and console sign-in endpoint
// refuse what AWS refuses, and record what they were sent, so the console tests can rely on them.

const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ROOT = { accessKeyId: 'AKIAROOTROOTEXAMPLE1', secretAccessKey: 'root/secret/EXAMPLEKEYEXAMPLEKEYEXAMPLE' };
let emulator: SsoEmulator;
const saved = { ...process.env };

beforeAll(async () => {
  emulator = await startSsoEmulator();
  process.env.AWS_CONFIG_FILE = '/nonexistent/awscreds-signin-test/config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/awscreds-signin-test/credentials';
  emulator.sts.registerAccessKey({ ...KEY, arn: 'arn:aws:iam::111122223333:user/alice' });
  emulator.sts.registerAccessKey({ ...ROOT, arn: 'arn:aws:iam::111122223333:root' });
});
afterAll(async () => {
  process.env = saved;
  await emulator.stop();
});

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const sts = (credentials: Keys): STSClient => new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 });
const keysOf = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Required<Keys> => ({ accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' });

async function nameOfError(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (error: Error) => error.name,
  );
}

/** getSigninToken by form POST (or GET with the Session in the URL): the status and the token. */
async function signinToken(keys: Keys, { duration, get = false }: { duration?: number; get?: boolean } = {}): Promise<{ status: number; token?: string }> {
  const form = new URLSearchParams({ Action: 'getSigninToken', Session: JSON.stringify({ sessionId: keys.accessKeyId, sessionKey: keys.secretAccessKey, sessionToken: keys.sessionToken }), ...(duration ? { SessionDuration: String(duration) } : {}) });
  const response = get ? await fetch(`${emulator.url}/federation?${form}`) : await fetch(`${emulator.url}/federation`, { method: 'POST', body: form });
  const body = await response.text();
  return { status: response.status, ...(response.status === 200 ? { token: (JSON.parse(body) as { SigninToken: string }).SigninToken } : {}) };
}

describe('GetFederationToken', () => {
  it('gives long-term keys a federated user; refuses session credentials, long names and too long a session (the root user: one hour)', async () => {
    const federated = await sts(KEY).send(new GetFederationTokenCommand({ Name: 'awscreds-keys', DurationSeconds: 7200, Policy: '{}' }));
    expect(federated.FederatedUser?.Arn).toBe('arn:aws:sts::111122223333:federated-user/awscreds-keys');
    expect(emulator.sts.issued.at(-1)).toMatchObject({ operation: 'GetFederationToken', durationSeconds: 7200, policy: '{}' });
    expect(await nameOfError(sts(keysOf(federated.Credentials)).send(new GetFederationTokenCommand({ Name: 'again' })))).toBe('AccessDenied');
    expect(await nameOfError(sts(KEY).send(new GetFederationTokenCommand({ Name: 'x'.repeat(33) })))).toBe('ValidationError');
    expect(await nameOfError(sts(ROOT).send(new GetFederationTokenCommand({ Name: 'root-user', DurationSeconds: 7200 })))).toBe('ValidationError');
    expect(await nameOfError(sts(ROOT).send(new GetFederationTokenCommand({ Name: 'root-user', DurationSeconds: 3600 })))).toBe('no error');
  });
});

describe('the console sign-in endpoint', () => {
  it('records whether the Session came in the URL (a GET) or the body (a POST)', async () => {
    const keys = keysOf((await sts(KEY).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/Console', RoleSessionName: 'c1' }))).Credentials);
    expect((await signinToken(keys)).status).toBe(200);
    expect(emulator.signin.tokenRequests.at(-1)).toMatchObject({ method: 'POST', sessionInUrl: false, session: { sessionId: keys.accessKeyId } });
    expect((await signinToken(keys, { get: true })).status).toBe(200);
    expect(emulator.signin.tokenRequests.at(-1)).toMatchObject({ method: 'GET', sessionInUrl: true });
  });

  it('SessionDuration: accepted for a role assumed with long-term keys, refused for a chain, a federation token and out of range', async () => {
    const assumed = keysOf((await sts(KEY).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/Console', RoleSessionName: 'c2' }))).Credentials);
    expect((await signinToken(assumed, { duration: 43200 })).status).toBe(200);
    expect((await signinToken(assumed, { duration: 43201 })).status).toBe(400);
    expect((await signinToken(assumed, { duration: 899 })).status).toBe(400);
    const chained = keysOf((await sts(assumed).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/Next', RoleSessionName: 'c3' }))).Credentials);
    expect((await signinToken(chained, { duration: 3600 })).status).toBe(400);
    expect(emulator.signin.tokenRequests.at(-1)?.reason).toBe('SessionDuration with role-chained credentials');
    expect((await signinToken(chained)).status).toBe(200);
    const federated = keysOf((await sts(KEY).send(new GetFederationTokenCommand({ Name: 'fed' }))).Credentials);
    expect((await signinToken(federated, { duration: 3600 })).status).toBe(400);
    expect((await signinToken(federated)).status).toBe(200);
    // Long-term keys and a wrong secret: refused.
    expect((await signinToken(KEY)).status).toBe(400);
    expect((await signinToken({ ...assumed, secretAccessKey: 'wrong' })).status).toBe(400);
  });

  it('Action=login: a valid token once serves the console page; a reused or unknown one does not', async () => {
    const assumed = keysOf((await sts(KEY).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/Console', RoleSessionName: 'c4' }))).Credentials);
    const { token } = await signinToken(assumed);
    const url = `${emulator.url}/federation?${new URLSearchParams({ Action: 'login', Issuer: 'awscreds', Destination: 'https://console.aws.amazon.com/', SigninToken: token ?? '' })}`;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('arn:aws:sts::210987654321:assumed-role/Console/c4');
    expect((await fetch(url)).status).toBe(400);
    expect((await fetch(url.replace(/SigninToken=[^&]+/, 'SigninToken=made-up'))).status).toBe(400);
  });
});
