import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NETWORK_POLICY } from '../../src/runtime/network';
import { POST_FORM_MAX_BYTES, postForm } from '../../src/runtime/postForm';

// The one HTTP call awscreds makes without the SDK: a form POST, bounded in time and size,
// https only (plain http to a loopback host alone).

interface Seen {
  method?: string;
  url?: string;
  contentType?: string;
  body: string;
}

async function server(answer: (res: http.ServerResponse) => void): Promise<{ url: string; seen: Seen[]; close: () => void }> {
  const seen: Seen[] = [];
  const s = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], body });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/federation`, seen, close: () => (s.close(), s.closeAllConnections()) };
}

describe('postForm', () => {
  it('sends the form in the body, never in the URL, and returns the status and body', async () => {
    const s = await server((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"SigninToken":"t"}'));
    try {
      const answer = await postForm(s.url, { Action: 'getSigninToken', Session: '{"sessionKey":"se/cr+et"}' });
      expect(answer).toEqual({ status: 200, body: '{"SigninToken":"t"}' });
      expect(s.seen).toEqual([{ method: 'POST', url: '/federation', contentType: 'application/x-www-form-urlencoded', body: 'Action=getSigninToken&Session=%7B%22sessionKey%22%3A%22se%2Fcr%2Bet%22%7D' }]);
    } finally {
      s.close();
    }
  });

  it('refuses plain http to anything but a loopback host, before connecting', async () => {
    await expect(postForm('http://signin.aws.amazon.com/federation', { a: 'b' })).rejects.toThrow('not https');
    await expect(postForm('ftp://127.0.0.1/federation', { a: 'b' })).rejects.toThrow('not https');
  });

  it('gives up on an answer larger than the bound, and on one that never comes', async () => {
    const big = await server((res) => res.writeHead(200).end('x'.repeat(POST_FORM_MAX_BYTES + 1)));
    const hung = await server(() => undefined);
    try {
      await expect(postForm(big.url, {})).rejects.toThrow(`larger than ${POST_FORM_MAX_BYTES} bytes`);
      // Control: exactly the bound is read.
      const exact = await server((res) => res.writeHead(200).end('x'.repeat(POST_FORM_MAX_BYTES)));
      await expect(postForm(exact.url, {})).resolves.toMatchObject({ status: 200 });
      exact.close();
      const started = Date.now();
      await expect(postForm(hung.url, {})).rejects.toThrow(`no answer within ${NETWORK_POLICY.requestTimeoutMs} ms`);
      expect(Date.now() - started).toBeLessThan(NETWORK_POLICY.requestTimeoutMs + 2000);
    } finally {
      big.close();
      hung.close();
    }
  }, 15_000);

  it('stops when the signal aborts (Ctrl-C)', async () => {
    const hung = await server(() => undefined);
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await expect(postForm(hung.url, {}, controller.signal)).rejects.toThrow('interrupted');
    } finally {
      hung.close();
    }
  });
});
