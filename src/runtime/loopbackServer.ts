import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The one HTTP listener pattern awscreds uses: on 127.0.0.1 only, an ephemeral port, every
 * answer `no-store`. `login`'s callback (login/callbackServer.ts), `exec --serve`'s credential
 * endpoint (exec/credentialServer.ts) and `console`'s one-shot redirect (oneShotRedirect.ts)
 * are built on it. Any local process can reach such a port: each caller decides what a request
 * must carry (a random path, a state, a token) before it answers with anything that matters.
 */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Stops listening and drops open connections (idempotent). */
  close(): void;
}

/** A request as handlers see it: its method and its URL, parsed. */
export type LoopbackHandler = (request: IncomingMessage, url: URL, response: ServerResponse) => void;

/** Listens on 127.0.0.1 (ephemeral port). Rejects only when it cannot listen. */
export async function listenOnLoopback(handler: LoopbackHandler): Promise<LoopbackServer> {
  const server = createServer((request, response) => handler(request, new URL(request.url ?? '/', 'http://127.0.0.1'), response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    origin: `http://127.0.0.1:${port}`,
    close() {
      if (closed) return;
      closed = true;
      server.close();
      server.closeAllConnections();
    },
  };
}

/** What a loopback answer holds besides its status. */
export interface LoopbackAnswer {
  readonly contentType?: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Keep the connection open for the next request (a client that polls); default: close it. */
  readonly keepAlive?: boolean;
}

/**
 * Sends one complete answer: never cached (`no-store`), no Referer to wherever it leads
 * (a loopback URL can hold a one-time secret), the connection closed after it unless `keepAlive`.
 */
export function respond(response: ServerResponse, status: number, { contentType = 'text/plain; charset=utf-8', body = '', headers = {}, keepAlive = false }: LoopbackAnswer = {}): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    ...(keepAlive ? {} : { connection: 'close' }),
    ...headers,
  });
  response.end(body);
}

/** A minimal page for a browser: `text` must be awscreds' own words (it is not escaped). */
export function htmlPage(text: string): Pick<LoopbackAnswer, 'contentType' | 'body'> {
  return { contentType: 'text/html; charset=utf-8', body: `<!doctype html><html><head><meta charset="utf-8"><title>awscreds</title></head><body><p>${text}</p></body></html>` };
}
