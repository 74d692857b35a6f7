// The one-shot callback listener, in process.
import http from 'node:http';
import { listenForAuthorizationCode } from '../../src/login/callbackServer';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

const listen = (options: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
  listenForAuthorizationCode({ state: 'the-state', timeoutMs: options.timeoutMs ?? 5000, signal: options.signal ?? new AbortController().signal, debug: () => undefined });

describe('listenForAuthorizationCode', () => {
  it('listens on 127.0.0.1 on an ephemeral port and queues every callback with this sign-in\'s state', async () => {
    const listener = await listen();
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const base = listener.redirectUri.replace('/oauth/callback', '');
    expect((await get(`${base}/favicon.ico`)).status).toBe(404);
    const page = await get(`${listener.redirectUri}?code=the-code&state=the-state`);
    expect(page.status).toBe(200);
    await expect(listener.next()).resolves.toEqual({ kind: 'code', code: 'the-code' });
    // The caller decides whether a code counts: the listener keeps listening.
    expect((await get(`${listener.redirectUri}?code=again&state=the-state`)).status).toBe(200);
    await expect(listener.next()).resolves.toEqual({ kind: 'code', code: 'again' });
    listener.close();
    await expect(get(listener.redirectUri)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('answers 404 to a callback without this sign-in\'s state and does not report it (any local process can call)', async () => {
    const listener = await listen();
    for (const query of ['code=c&state=other', 'error=access_denied', 'code=c', 'error=access_denied&state=THE-STATE']) {
      expect((await get(`${listener.redirectUri}?${query}`)).status).toBe(404);
    }
    // Positive control: the right state after them is the first thing reported.
    expect((await get(`${listener.redirectUri}?code=real&state=the-state`)).status).toBe(200);
    await expect(listener.next()).resolves.toEqual({ kind: 'code', code: 'real' });
    listener.close();
  });

  it('reports the page\'s error and a missing code, printable only', async () => {
    const cases: Array<[string, unknown]> = [
      ['error=access_denied&state=the-state', { kind: 'error', error: 'access_denied' }],
      ['error=invalid_scope&error_description=bad%20scope&state=the-state', { kind: 'error', error: 'invalid_scope', description: 'bad scope' }],
      ['error=x%1b%5B31m&error_description=a%0Ab%07%E2%80%AEc&state=the-state', { kind: 'error', error: 'x?[31m', description: 'a?b??c' }], // no control or bidi character reaches the terminal
      ['state=the-state', { kind: 'no-code' }],
    ];
    const listener = await listen();
    for (const [query, expected] of cases) {
      expect((await get(`${listener.redirectUri}?${query}`)).status).toBe(400);
      await expect(listener.next()).resolves.toEqual(expected);
    }
    listener.close();
  });

  it('ends with timeout, or interrupted on abort or close, and frees the port', async () => {
    const timedOut = await listen({ timeoutMs: 50 });
    await expect(timedOut.next()).resolves.toEqual({ kind: 'timeout' });
    await expect(timedOut.next()).resolves.toEqual({ kind: 'timeout' });
    await expect(get(timedOut.redirectUri)).rejects.toThrow(/ECONNREFUSED/);

    const controller = new AbortController();
    const aborted = await listen({ signal: controller.signal });
    const pending = aborted.next();
    controller.abort();
    await expect(pending).resolves.toEqual({ kind: 'interrupted' });
    await expect(get(aborted.redirectUri)).rejects.toThrow(/ECONNREFUSED/);

    const closed = await listen();
    closed.close();
    await expect(closed.next()).resolves.toEqual({ kind: 'interrupted' });
  });
});
