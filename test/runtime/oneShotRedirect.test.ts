import http from 'node:http';
import { REDIRECT_TTL_MS, serveOneRedirect, type OneShotRedirect } from '../../src/runtime/oneShotRedirect';
import { NEEDS, needing } from '../helpers/needs';
import { runProcess } from '../helpers/runAwscreds';

// As root with setpriv, a real second user (nobody) can be made to ask.
const itAsAnotherUser = needing('oneShotRedirect: another user', NEEDS.root).test;

// The loopback hand-off of the console login URL: the first GET of the random path gets the
// redirect, nothing else ever does.

const TARGET = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=secret-token';

/** One GET without following redirects, on a connection of its own; `refused` when nothing listens or the connection is dropped. */
function get(url: string): Promise<{ status: number; location?: string; body: string } | 'refused'> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (d: string) => (body += d));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, ...(response.headers.location ? { location: response.headers.location } : {}), body }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET' ? resolve('refused') : reject(error)));
  });
}

let clock = 0;
const debugLines: string[] = [];
const logged: string[] = [];
let redirect: OneShotRedirect | undefined;
async function start(): Promise<OneShotRedirect> {
  clock = 1_800_000_000_000;
  redirect = await serveOneRedirect({ target: TARGET, now: () => new Date(clock), signal: new AbortController().signal, debug: (t) => void debugLines.push(t), log: (t) => void logged.push(t), uid: process.getuid?.() ?? 0 });
  return redirect;
}
afterEach(() => redirect?.close());

describe('serveOneRedirect', () => {
  it('a random loopback path; the first GET is redirected to the target, and the server closes', async () => {
    const one = await start();
    expect(one.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}$/);
    expect(one.url).not.toContain('secret-token');
    const first = await get(one.url);
    expect(first).toMatchObject({ status: 302, location: TARGET });
    await expect(one.outcome).resolves.toBe('followed');
    // A second request: nothing listens any more, so no redirect.
    expect(await get(one.url)).toBe('refused');
  });

  it('two requests at once: only one is redirected', async () => {
    const one = await start();
    const answers = await Promise.all([get(one.url), get(one.url), get(one.url)]);
    const redirected = answers.filter((a) => a !== 'refused' && a.status === 302);
    expect(redirected).toHaveLength(1);
    expect(answers.filter((a) => a !== 'refused' && a.status !== 302 && a.status !== 410)).toEqual([]);
  });

  it('a wrong path gets a 404 and no redirect, and the right one still works afterwards', async () => {
    const one = await start();
    const origin = new URL(one.url).origin;
    for (const path of ['/', '/federation', `${new URL(one.url).pathname}x`]) {
      const answer = await get(`${origin}${path}`);
      expect(answer).toMatchObject({ status: 404 });
      expect(answer !== 'refused' && answer.location).toBeFalsy();
    }
    expect(await get(one.url)).toMatchObject({ status: 302, location: TARGET });
  });

  it('a request later than the time to live (by the injected clock) gets a 410, no redirect, and ends the wait', async () => {
    const one = await start();
    clock += REDIRECT_TTL_MS + 1;
    const late = await get(one.url);
    expect(late).toMatchObject({ status: 410 });
    expect(late !== 'refused' && late.body).not.toContain('secret-token');
    await expect(one.outcome).resolves.toBe('expired');
    // Control: just inside the time to live, the redirect is given.
    const again = await start();
    clock += REDIRECT_TTL_MS - 1;
    expect(await get(again.url)).toMatchObject({ status: 302 });
  });

  it('with nobody coming, it ends as expired after the time to live; close() ends it as interrupted', async () => {
    const timed = await serveOneRedirect({ target: TARGET, now: () => new Date(), signal: new AbortController().signal, debug: () => undefined, log: () => undefined, uid: 0, ttlMs: 50 });
    await expect(timed.outcome).resolves.toBe('expired');
    expect(await get(timed.url)).toBe('refused');
    const closed = await start();
    closed.close();
    await expect(closed.outcome).resolves.toBe('interrupted');
  });

  it('the OS names the same user as the asker (the peer check reads /proc/net/tcp on Linux)', async () => {
    if (process.platform !== 'linux') return;
    const seen: Array<number | undefined> = [];
    const { loopbackPeerUid } = await import('../../src/runtime/loopbackPeer');
    const one = await serveOneRedirect({
      target: TARGET,
      now: () => new Date(),
      signal: new AbortController().signal,
      debug: () => undefined,
      log: () => undefined,
      uid: process.getuid?.() ?? 0,
      peerUid: (connection) => {
        const uid = loopbackPeerUid(connection);
        seen.push(uid);
        return uid;
      },
    });
    redirect = one;
    expect(await get(one.url)).toMatchObject({ status: 302 });
    expect(seen).toEqual([process.getuid?.()]);
  });

  it('a request from another user gets a 403 and a warning; the browser still gets the redirect', async () => {
    let asker = 4242;
    const one = await serveOneRedirect({ target: TARGET, now: () => new Date(), signal: new AbortController().signal, debug: () => undefined, log: (t) => void logged.push(t), uid: 1000, peerUid: () => asker });
    redirect = one;
    const stranger = await get(one.url);
    expect(stranger).toMatchObject({ status: 403 });
    expect(stranger !== 'refused' && stranger.location).toBeFalsy();
    expect(logged.at(-1)).toBe('awscreds: warning: user 4242 asked for the console link; refused.');
    asker = 1000;
    expect(await get(one.url)).toMatchObject({ status: 302, location: TARGET });
  });

  itAsAnotherUser('a real request from another user (nobody, by setpriv) gets no redirect; ours does', async () => {
    const one = await start();
    const probe = `require('node:http').get(process.argv[1], { agent: false }, (r) => { console.log(r.statusCode, r.headers.location || '-'); }).on('error', (e) => console.log(e.code));`;
    const asNobody = await runProcess('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', probe, one.url], { PATH: process.env.PATH ?? '' }, '', { guardMs: 10_000 });
    expect(asNobody.stdout.trim()).toBe('403 -');
    expect(logged.at(-1)).toBe('awscreds: warning: user 65534 asked for the console link; refused.');
    // Control: the same program as ourselves gets the redirect.
    const asUs = await runProcess(process.execPath, ['-e', probe, one.url], { PATH: process.env.PATH ?? '' }, '', { guardMs: 10_000 });
    expect(asUs.stdout.trim()).toBe(`302 ${TARGET}`);
  });

  it('debug lines never hold the target', () => {
    expect(debugLines.length).toBeGreaterThan(0);
    expect(debugLines.join('\n')).not.toContain('secret-token');
  });
});
