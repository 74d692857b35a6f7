import type { ServerResponse } from 'node:http';
import { htmlPage, listenOnLoopback, respond as answer } from '../runtime/loopbackServer';
import { printable } from '../runtime/text';
import { CALLBACK_PATH } from './signInTarget';

/**
 * What reached the listener. Only `code` carries a secret: never log it. A callback is trusted
 * only with this sign-in's `state`; the state is visible on the browser's command line to other
 * local users, so even then a code counts only once CreateToken accepts it (the caller decides).
 */
export type CallbackOutcome =
  | { readonly kind: 'code'; readonly code: string }
  /** The page redirected with `error` (access_denied when the user refused). */
  | { readonly kind: 'error'; readonly error: string; readonly description?: string }
  /** A callback with the right state but neither `code` nor `error`. */
  | { readonly kind: 'no-code' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'interrupted' };

export interface AuthorizationCodeListener {
  /** `http://127.0.0.1:<port>/oauth/callback`: the redirect_uri to authorize and to CreateToken with. */
  readonly redirectUri: string;
  /**
   * The next callback that carries this sign-in's state, or `timeout` / `interrupted` once the
   * wait is over (then always that). Callbacks without the right state get a 404 and are not
   * reported: any local process can reach the port. Never rejects.
   */
  next(): Promise<CallbackOutcome>;
  /** Stops listening (idempotent); a pending `next()` becomes `interrupted`. */
  close(): void;
}

const PAGES: Record<'code' | 'error' | 'no-code', { status: number; text: string }> = {
  code: { status: 200, text: 'awscreds: received the sign-in. The terminal confirms when you are signed in; you can close this tab.' },
  error: { status: 400, text: 'awscreds: sign-in was not completed. The terminal says what to do next; you can close this tab.' },
  'no-code': { status: 400, text: 'awscreds: the sign-in page returned without a code. The terminal says what to do next.' },
};

/**
 * An HTTP listener on 127.0.0.1 (ephemeral port) for the authorization-code flow's redirect.
 * A GET to /oauth/callback with this sign-in's `state` (checked before anything else is read)
 * is queued for `next()`; anything else gets a 404 and the wait goes on. It stops after
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
  const queued: CallbackOutcome[] = [];
  let waiting: ((outcome: CallbackOutcome) => void) | undefined;
  let ended: CallbackOutcome | undefined;
  const deliver = (outcome: CallbackOutcome): void => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(outcome);
    } else queued.push(outcome);
  };

  const server = await listenOnLoopback((request, url, response) => {
    const query = url.searchParams;
    if (ended || url.pathname !== CALLBACK_PATH || request.method !== 'GET' || query.get('state') !== state) {
      debug(`callback listener: ${request.method ?? '?'} ${url.pathname} ignored (${ended ? 'the wait is over' : url.pathname === CALLBACK_PATH ? 'not this sign-in\'s state' : 'not the callback'})`);
      respond(response, 404, 'Not found');
      return;
    }
    let result: CallbackOutcome;
    if (query.get('error') !== null) {
      const description = query.get('error_description');
      result = { kind: 'error', error: printable(query.get('error') ?? ''), ...(description ? { description: printable(description) } : {}) };
    } else {
      const code = query.get('code');
      result = code ? { kind: 'code', code } : { kind: 'no-code' };
    }
    debug(`callback listener: the browser returned (${result.kind === 'error' ? `error=${result.error}` : result.kind})`);
    const page = PAGES[result.kind as keyof typeof PAGES];
    respond(response, page.status, page.text);
    deliver(result);
  });

  function respond(response: ServerResponse, status: number, text: string): void {
    answer(response, status, htmlPage(text));
  }

  const timer = setTimeout(() => end({ kind: 'timeout' }), timeoutMs);
  timer.unref();
  const onAbort = (): void => end({ kind: 'interrupted' });

  function end(result: CallbackOutcome): void {
    if (ended) return;
    ended = result;
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    server.close();
    deliver(result);
  }

  if (signal.aborted) end({ kind: 'interrupted' });
  else signal.addEventListener('abort', onAbort, { once: true });
  debug(`callback listener: waiting on ${server.origin}${CALLBACK_PATH}`);

  return {
    redirectUri: `${server.origin}${CALLBACK_PATH}`,
    next: () => {
      const outcome = queued.shift() ?? (ended && ended);
      if (outcome) return Promise.resolve(outcome);
      return new Promise((resolve) => (waiting = resolve));
    },
    close: () => end({ kind: 'interrupted' }),
  };
}
