import { randomBytes } from 'node:crypto';
import { loopbackPeerUid, type PeerUid } from './loopbackPeer';
import { htmlPage, listenOnLoopback, respond } from './loopbackServer';

/** How a one-shot redirect ended: the browser came for it, nobody came in time, or Ctrl-C. */
export type RedirectOutcome = 'followed' | 'expired' | 'interrupted';

export interface OneShotRedirect {
  /** `http://127.0.0.1:PORT/<random>`: what the browser's command line holds, worthless once used. */
  readonly url: string;
  readonly outcome: Promise<RedirectOutcome>;
  /** Stops at once (idempotent): the outcome becomes `interrupted` unless it was settled. */
  close(): void;
}

/** How long the loopback URL leads anywhere. */
export const REDIRECT_TTL_MS = 60_000;

const GONE = htmlPage('awscreds: this console link was already used or has expired. Run <code>awscreds console</code> again.');

/**
 * Hands `target` (the console login URL, a secret) to a browser without putting it on the
 * browser's command line, where every local user can read it: a listener on 127.0.0.1 answers
 * the first GET of a random path with a redirect to `target`, then closes. A request for any
 * other path gets a 404 and the wait goes on; one after the link was used, or after `ttlMs`
 * (by `now`), gets a 410 and no redirect. The path is on the browser's command line, so another
 * local user could race the browser to it: where the OS tells who connected (Linux), a request
 * from another uid than `uid` gets a 403, `log` warns, and the wait goes on.
 */
export async function serveOneRedirect({ target, now, signal, debug, log, uid, peerUid = loopbackPeerUid, ttlMs = REDIRECT_TTL_MS }: {
  readonly target: string;
  readonly now: () => Date;
  readonly signal: AbortSignal;
  readonly debug: (text: string) => void;
  readonly log: (text: string) => void;
  /** The user the browser runs as: ours. */
  readonly uid: number;
  readonly peerUid?: PeerUid;
  readonly ttlMs?: number;
}): Promise<OneShotRedirect> {
  const path = `/${randomBytes(32).toString('base64url')}`;
  const startedAt = now().getTime();
  let settle: (outcome: RedirectOutcome) => void = () => undefined;
  const outcome = new Promise<RedirectOutcome>((resolve) => (settle = resolve));
  let ended = false;

  const server = await listenOnLoopback((request, url, response) => {
    if (url.pathname !== path || request.method !== 'GET') {
      debug(`console: loopback ${request.method ?? '?'} to another path ignored`);
      return respond(response, 404, { body: 'Not found' });
    }
    if (ended) return respond(response, 410, GONE);
    const asker = peerUid({ remotePort: request.socket.remotePort ?? 0, localPort: request.socket.localPort ?? 0 });
    if (asker !== undefined && asker !== uid) {
      log(`awscreds: warning: user ${asker} asked for the console link; refused.`);
      return respond(response, 403, { body: 'Forbidden' });
    }
    if (now().getTime() - startedAt > ttlMs) {
      debug('console: the loopback link was asked for after it expired');
      respond(response, 410, GONE);
      return end('expired');
    }
    debug('console: the browser followed the loopback link; redirected it to the console sign-in');
    ended = true;
    response.once('finish', () => end('followed'));
    respond(response, 302, { headers: { location: target } });
  });

  const timer = setTimeout(() => end('expired'), ttlMs);
  const onAbort = (): void => end('interrupted');
  function end(result: RedirectOutcome): void {
    ended = true;
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    server.close();
    settle(result);
  }
  if (signal.aborted) end('interrupted');
  else signal.addEventListener('abort', onAbort, { once: true });
  return { url: `${server.origin}${path}`, outcome, close: () => end('interrupted') };
}
