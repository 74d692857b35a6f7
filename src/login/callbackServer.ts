import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { printable } from '../runtime/text';
import { CALLBACK_PATH } from './signInTarget';

/** How the wait for the browser ended. Only `code` carries a secret: never log it. */
export type CallbackOutcome =
  | { readonly kind: 'code'; readonly code: string }
  /** The page redirected with `error` (access_denied when the user refused). */
  | { readonly kind: 'error'; readonly error: string; readonly description?: string }
  /** A callback whose `state` is not this sign-in's (a stale tab, or a forged request). */
  | { readonly kind: 'state-mismatch' }
  /** A callback with neither `code` nor `error`. */
  | { readonly kind: 'no-code' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'interrupted' };

export interface AuthorizationCodeListener {
  /** `http://127.0.0.1:<port>/oauth/callback`: the redirect_uri to authorize and to CreateToken with. */
  readonly redirectUri: string;
  /** Settles once: the first callback on the path, the timeout, or the signal. Never rejects. */
  readonly outcome: Promise<CallbackOutcome>;
  /** Stops listening (idempotent); a pending `outcome` becomes `interrupted`. */
  close(): void;
}

const PAGES: Record<CallbackOutcome['kind'], { status: number; text: string }> = {
  code: { status: 200, text: 'awscreds: signed in. You can close this tab and return to the terminal.' },
  error: { status: 400, text: 'awscreds: sign-in was not completed. The terminal says what to do next; you can close this tab.' },
  'state-mismatch': { status: 400, text: 'awscreds: this page belongs to another sign-in attempt. Run the sign-in again in the terminal and use the new page.' },
  'no-code': { status: 400, text: 'awscreds: the sign-in page returned without a code. The terminal says what to do next.' },
  timeout: { status: 408, text: 'awscreds: timed out.' },
  interrupted: { status: 410, text: 'awscreds: cancelled.' },
};

/**
 * A one-shot HTTP listener on 127.0.0.1 (ephemeral port) for the authorization-code flow's
 * redirect: the first GET to /oauth/callback settles the outcome (its `state` is checked
 * before anything else is read); other paths get a 404 and the wait goes on. It stops after
 * `timeoutMs`, when `signal` aborts, or on close(). Rejects only when it cannot listen.
 */
export async function listenForAuthorizationCode({
  state,
  timeoutMs,
  signal,
  debug,
}: {
  readonly state: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly debug: (text: string) => void;
}): Promise<AuthorizationCodeListener> {
  let settle: (outcome: CallbackOutcome) => void = () => undefined;
  const outcome = new Promise<CallbackOutcome>((resolve) => (settle = resolve));
  let settled = false;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (settled || url.pathname !== CALLBACK_PATH || request.method !== 'GET') {
      debug(`callback listener: ${request.method ?? '?'} ${url.pathname} ignored (${settled ? 'already answered' : 'not the callback'})`);
      respond(response, settled ? 410 : 404, settled ? 'awscreds: this sign-in is over.' : 'Not found', false);
      return;
    }
    const query = url.searchParams;
    let result: CallbackOutcome;
    if (query.get('state') !== state) result = { kind: 'state-mismatch' };
    else if (query.get('error') !== null) {
      // What the browser sends is printed later: no control characters reach the terminal.
      const description = query.get('error_description');
      result = { kind: 'error', error: printable(query.get('error') ?? ''), ...(description ? { description: printable(description) } : {}) };
    } else {
      const code = query.get('code');
      result = code ? { kind: 'code', code } : { kind: 'no-code' };
    }
    debug(`callback listener: the browser returned (${result.kind === 'error' ? `error=${result.error}` : result.kind})`);
    const page = PAGES[result.kind];
    respond(response, page.status, page.text, true);
    finish(result);
  });

  function respond(response: ServerResponse, status: number, text: string, last: boolean): void {
    const body = `<!doctype html><html><head><meta charset="utf-8"><title>awscreds</title></head><body><p>${text}</p></body></html>`;
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      connection: 'close',
    });
    // Close the listener only once the page is on its way, so the browser gets it whole.
    response.end(body, last ? () => shutDown() : undefined);
  }

  const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
  timer.unref();
  const onAbort = (): void => finish({ kind: 'interrupted' });

  function finish(result: CallbackOutcome): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    if (result.kind !== 'code' && result.kind !== 'error' && result.kind !== 'state-mismatch' && result.kind !== 'no-code') shutDown();
    settle(result);
  }

  let closed = false;
  function shutDown(): void {
    if (closed) return;
    closed = true;
    server.close();
    server.closeAllConnections();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  if (signal.aborted) finish({ kind: 'interrupted' });
  else signal.addEventListener('abort', onAbort, { once: true });
  debug(`callback listener: waiting on 127.0.0.1:${port}${CALLBACK_PATH}`);

  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    outcome,
    close: () => {
      finish({ kind: 'interrupted' });
      shutDown();
    },
  };
}
