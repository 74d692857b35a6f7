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
  it('listens on 127.0.0.1 on an ephemeral port, ignores other paths, takes the first callback and stops', async () => {
    const listener = await listen();
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const base = listener.redirectUri.replace('/oauth/callback', '');
    expect((await get(`${base}/favicon.ico`)).status).toBe(404);
    const page = await get(`${listener.redirectUri}?code=the-code&state=the-state`);
    expect(page.status).toBe(200);
    await expect(listener.outcome).resolves.toEqual({ kind: 'code', code: 'the-code' });
    await expect(get(`${listener.redirectUri}?code=again&state=the-state`)).rejects.toThrow(/ECONNREFUSED/);
    listener.close();
  });

  it('reports the page\'s error, a wrong state (before reading anything else), a missing code', async () => {
    const cases: Array<[string, unknown]> = [
      ['error=access_denied&state=the-state', { kind: 'error', error: 'access_denied' }],
      ['error=invalid_scope&error_description=bad%20scope&state=the-state', { kind: 'error', error: 'invalid_scope', description: 'bad scope' }],
      ['error=x%1b%5B31m&error_description=a%0Ab%07&state=the-state', { kind: 'error', error: 'x?[31m', description: 'a?b?' }], // no control characters reach the terminal
      ['code=c&state=other', { kind: 'state-mismatch' }],
      ['error=access_denied', { kind: 'state-mismatch' }],
      ['state=the-state', { kind: 'no-code' }],
    ];
    for (const [query, expected] of cases) {
      const listener = await listen();
      expect((await get(`${listener.redirectUri}?${query}`)).status).toBe(400);
      await expect(listener.outcome).resolves.toEqual(expected);
      listener.close();
    }
  });

  it('ends with timeout, or interrupted on abort or close, and frees the port', async () => {
    const timedOut = await listen({ timeoutMs: 50 });
    await expect(timedOut.outcome).resolves.toEqual({ kind: 'timeout' });
    await expect(get(timedOut.redirectUri)).rejects.toThrow(/ECONNREFUSED/);

    const controller = new AbortController();
    const aborted = await listen({ signal: controller.signal });
    controller.abort();
    await expect(aborted.outcome).resolves.toEqual({ kind: 'interrupted' });
    await expect(get(aborted.redirectUri)).rejects.toThrow(/ECONNREFUSED/);

    const closed = await listen();
    closed.close();
    await expect(closed.outcome).resolves.toEqual({ kind: 'interrupted' });
  });
});
