// The sign-in's building blocks, in process: no binary, no emulator.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { buildAuthorizeUrl } from '../../src/login/authorizationCode';
import { createPkcePair } from '../../src/login/authorizationCode';
import type { DeviceAuthorization } from '../../src/login/deviceCode';
import { getClientRegistration } from '../../src/login/clientRegistration';
import { getClientRegistrationCacheFilepath } from '../../src/awsCliCache/cachePaths';
import { openBrowser } from '../../src/runtime/browser';
import { pollForDeviceToken } from '../../src/login/deviceCode';
import { startWaitProgress } from '../../src/login/waitForUser';
import { writeCachedClientRegistration } from '../../src/awsCliCache/clientRegistrationFile';
import { formatRegistrationCacheFile, registrationCacheKey } from '../emulator/awsCliCacheFormat';

describe('createPkcePair', () => {
  it('makes a 64-character verifier of [A-Za-z0-9-._~] and its S256 challenge', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { verifier, challenge } = createPkcePair();
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
      expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(verifier);
    }
    expect(seen.size).toBe(200);
  });

  it('uses all 66 characters of the alphabet', () => {
    let n = 0;
    const { verifier } = createPkcePair(() => n++ % 66);
    expect(verifier.slice(0, 66 - 2)).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.');
    expect(createPkcePair(() => 65).verifier).toBe('~'.repeat(64));
  });
});

describe('getClientRegistrationCacheFilepath', () => {
  it('names the file as botocore does (checked against an independent implementation on node:crypto)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.option(fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), { nil: undefined }),
        fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }), { nil: undefined }),
        (startUrl, scopes, sessionName) => {
          const expected = join('/h', '.aws', 'sso', 'cache', `${registrationCacheKey({ region: 'us-east-1', startUrl, ...(scopes ? { scopes } : {}), ...(sessionName !== undefined ? { sessionName } : {}) })}.json`);
          expect(getClientRegistrationCacheFilepath('/h', { ssoRegion: 'us-east-1', startUrl, ...(scopes ? { scopes } : {}), ...(sessionName !== undefined ? { sessionName } : {}) })).toBe(expected);
        },
      ),
    );
  });

  it('pins one known name: sha1 of {"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "corp", "startUrl": …, "tool": "botocore"}', () => {
    const json = '{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "corp", "startUrl": "https://d-1234567890.awsapps.com/start", "tool": "botocore"}';
    expect(getClientRegistrationCacheFilepath('/h', { ssoRegion: 'us-east-1', startUrl: 'https://d-1234567890.awsapps.com/start', scopes: ['sso:account:access'], sessionName: 'corp' })).toBe(
      `/h/.aws/sso/cache/${createHash('sha1').update(json).digest('hex')}.json`,
    );
  });
});

describe('buildAuthorizeUrl', () => {
  it('puts the parameters in the AWS CLI order under <endpoint>/authorize, scopes space-separated', () => {
    const url = buildAuthorizeUrl({ oidcEndpoint: 'https://oidc.us-east-1.amazonaws.com/', clientId: 'c', redirectUri: 'http://127.0.0.1:5/oauth/callback', state: 's', scopes: ['a:b', 'c'], codeChallenge: 'x' });
    expect(url).toBe('https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=c&redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Foauth%2Fcallback&state=s&code_challenge_method=S256&scopes=a%3Ab+c&code_challenge=x');
    expect(new URL(url).searchParams.get('scopes')).toBe('a:b c');
  });
});

describe('startWaitProgress', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('on a terminal: one line rewritten in place with a spinner and the time left, replaced at the end', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = startWaitProgress({ log: (t) => lines.push(t), isTTY: true, now: () => new Date(now), deadline: 600_000, waitingFor: 'approval' });
    now = 1_500;
    jest.advanceTimersByTime(120);
    progress.stop('done.');
    expect(lines).toEqual(['⠋ waiting for approval: 10:00 left (Ctrl-C to cancel)', '\u001b[1A\u001b[2K⠙ waiting for approval: 9:59 left (Ctrl-C to cancel)', '\u001b[1A\u001b[2Kdone.']);
    jest.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(3);
  });

  it('elsewhere: plain lines, one a minute', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = startWaitProgress({ log: (t) => lines.push(t), isTTY: false, now: () => new Date(now), deadline: 600_000, waitingFor: 'approval' });
    now = 60_000;
    jest.advanceTimersByTime(60_000);
    progress.stop();
    expect(lines).toEqual(['awscreds: waiting for approval (10:00 left; Ctrl-C to cancel)', 'awscreds: still waiting for approval (9:00 left)']);
  });
});

describe('openBrowser', () => {
  type Call = { command: string; args: readonly string[] };
  const fakeSpawn = (calls: Call[], failing: readonly string[] = []) =>
    ((command: string, args: readonly string[]) => {
      calls.push({ command, args });
      const child = Object.assign(new EventEmitter(), { unref: () => undefined });
      setImmediate(() => child.emit(failing.includes(command) ? 'error' : 'spawn', new Error('ENOENT')));
      return child;
    }) as never;

  it('runs BROWSER commands in order, the URL in place of %s or appended', async () => {
    const calls: Call[] = [];
    const opened = await openBrowser({ url: 'https://x/?a=1&b=2', env: { BROWSER: 'missing-browser:firefox --new-tab "%s"' }, debug: () => undefined, platform: 'linux', spawn: fakeSpawn(calls, ['missing-browser']) });
    expect(opened).toBe(true);
    expect(calls).toEqual([
      { command: 'missing-browser', args: ['https://x/?a=1&b=2'] },
      { command: 'firefox', args: ['--new-tab', 'https://x/?a=1&b=2'] },
    ]);
  });

  it('uses xdg-open only with a display, open on macOS, and reports when there is no browser', async () => {
    const calls: Call[] = [];
    expect(await openBrowser({ url: 'u', env: {}, debug: () => undefined, platform: 'linux', spawn: fakeSpawn(calls) })).toBe(false);
    expect(await openBrowser({ url: 'u', env: { WAYLAND_DISPLAY: 'wayland-0' }, debug: () => undefined, platform: 'linux', spawn: fakeSpawn(calls) })).toBe(true);
    expect(await openBrowser({ url: 'u', env: {}, debug: () => undefined, platform: 'darwin', spawn: fakeSpawn(calls) })).toBe(true);
    expect(await openBrowser({ url: 'u', env: { DISPLAY: ':0' }, debug: () => undefined, platform: 'linux', spawn: fakeSpawn(calls, ['xdg-open']) })).toBe(false);
    expect(calls.map((c) => c.command)).toEqual(['xdg-open', 'open', 'xdg-open']);
  });
});

describe('pollForDeviceToken', () => {
  const authorization = (expiresAt: number, intervalSeconds = 5): DeviceAuthorization => ({ deviceCode: 'dc', userCode: 'ABCD-EFGH', verificationUri: 'v', expiresAt, intervalSeconds });
  const serviceError = (name: string): Error => Object.assign(new Error(name), { name });

  /** A client answering from a script, and a sleep that only advances a fake clock. */
  function scripted(answers: Array<Error | { accessToken: string; expiresIn: number }>) {
    let now = 0;
    const sleeps: number[] = [];
    const client = {
      send: async () => {
        const next = answers.shift();
        if (!next) throw new Error('no more answers');
        if (next instanceof Error) throw next;
        return next;
      },
    } as unknown as SSOOIDCClient;
    const sleep = async (ms: number): Promise<boolean> => {
      sleeps.push(ms);
      now += ms;
      return true;
    };
    return { client, sleeps, now: () => new Date(now), sleep };
  }
  const signal = new AbortController().signal;
  const registration = { clientId: 'c', clientSecret: 's' };

  it('waits the interval before each poll, 5 s more after each SlowDown, and returns the token', async () => {
    const s = scripted([serviceError('AuthorizationPendingException'), serviceError('SlowDownException'), serviceError('SlowDownException'), serviceError('AuthorizationPendingException'), { accessToken: 't', expiresIn: 60 }]);
    const outcome = await pollForDeviceToken({ client: s.client, registration, authorization: authorization(600_000, 1), now: s.now, signal, debug: () => undefined, sleep: s.sleep });
    expect(outcome).toEqual({ kind: 'token', token: { accessToken: 't', expiresIn: 60 } });
    expect(s.sleeps).toEqual([1000, 1000, 6000, 11000, 11000]);
  });

  it('stops when the code expires by its own clock, never sleeping past it', async () => {
    const s = scripted(Array.from({ length: 10 }, () => serviceError('AuthorizationPendingException')));
    const outcome = await pollForDeviceToken({ client: s.client, registration, authorization: authorization(12_000), now: s.now, signal, debug: () => undefined, sleep: s.sleep });
    expect(outcome).toEqual({ kind: 'expired' });
    expect(s.sleeps).toEqual([5000, 5000, 2000]);
  });

  it('maps ExpiredToken and AccessDenied, and throws other errors', async () => {
    const run = (error: Error) => {
      const s = scripted([error]);
      return pollForDeviceToken({ client: s.client, registration, authorization: authorization(600_000), now: s.now, signal, debug: () => undefined, sleep: s.sleep });
    };
    await expect(run(serviceError('ExpiredTokenException'))).resolves.toEqual({ kind: 'expired' });
    await expect(run(serviceError('AccessDeniedException'))).resolves.toEqual({ kind: 'denied' });
    await expect(run(serviceError('InvalidGrantException'))).rejects.toThrow('InvalidGrantException');
  });

  it('returns interrupted when the signal aborts during the wait', async () => {
    const controller = new AbortController();
    const s = scripted([]);
    const outcome = pollForDeviceToken({ client: s.client, registration, authorization: authorization(600_000), now: s.now, signal: controller.signal, debug: () => undefined });
    controller.abort();
    await expect(outcome).resolves.toEqual({ kind: 'interrupted' });
  });
});

describe('getClientRegistration', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'awscreds-reg-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  const target = { startUrl: 'https://d-1234567890.awsapps.com/start', ssoRegion: 'us-east-1', sessionName: 'corp' };
  const now = new Date('2026-01-01T00:00:00Z');
  const client = (registered: string[]) =>
    ({
      send: async () => {
        registered.push('RegisterClient');
        return { clientId: `new-${registered.length}`, clientSecret: 'secret', clientIdIssuedAt: 0, clientSecretExpiresAt: now.getTime() / 1000 + 90 * 86400 };
      },
    }) as unknown as SSOOIDCClient;
  const get = (registered: string[], flow: 'authorization-code' | 'device-code', debug: (t: string) => void = () => undefined) =>
    getClientRegistration({ client: client(registered), target, flow, home, now, log: () => undefined, debug, signal: new AbortController().signal });
  const file = (): string => getClientRegistrationCacheFilepath(home, { ...target, scopes: ['sso:account:access'] });

  it('reuses a registration with more than 15 minutes left for its own flow only', async () => {
    const registered: string[] = [];
    const cache = (minutes: number, grantTypes?: string[]): void =>
      writeCachedClientRegistration(file(), { clientId: 'cached', clientSecret: 'x', expiresAt: new Date(now.getTime() + minutes * 60_000).toISOString().replace('.000Z', 'Z'), scopes: ['sso:account:access'], ...(grantTypes ? { grantTypes } : {}) });
    cache(16, ['authorization_code', 'refresh_token']);
    expect((await get(registered, 'authorization-code')).clientId).toBe('cached');
    cache(15, ['authorization_code', 'refresh_token']);
    expect((await get(registered, 'authorization-code')).clientId).toBe('new-1');
    cache(60);
    const debug: string[] = [];
    expect((await get(registered, 'authorization-code', (t) => debug.push(t))).clientId).toBe('new-2');
    expect(debug.join('\n')).toContain('was made for the device-code flow');
    cache(60);
    expect((await get(registered, 'device-code')).clientId).toBe('cached');
    cache(60, ['authorization_code', 'refresh_token']);
    expect((await get(registered, 'device-code')).clientId).toBe('new-3');
  });

  it('writes the registration as the AWS CLI does, and takes a malformed cache file for none', async () => {
    mkdirSync(dirname(file()), { recursive: true });
    writeFileSync(file(), '{"clientId": "half');
    const registered: string[] = [];
    const registration = await get(registered, 'authorization-code');
    expect(registered).toHaveLength(1);
    expect(readFileSync(file(), 'utf8')).toBe(
      formatRegistrationCacheFile({ clientId: registration.clientId, clientSecret: 'secret', expiresAt: now.getTime() + 90 * 86400_000, scopes: ['sso:account:access'], grantTypes: ['authorization_code', 'refresh_token'] }),
    );
  });
});
