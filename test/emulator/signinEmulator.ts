// The console sign-in (federation) endpoint for the local emulator, at `/federation` (the
// path AWS_ENDPOINT_URL_SIGNIN's base gets): `Action=getSigninToken` (GET query or form POST)
// checks the Session JSON's keys against what STS would accept and answers `{"SigninToken"}`,
// refusing as AWS does: long-term keys, unknown or expired keys, and SessionDuration outside
// 900-43200 s or sent with role-chained or GetFederationToken credentials (400). `Action=login`
// with a valid token serves a stand-in console page naming who signed in and where they landed.
//
// Node built-ins only and no jest imports: the demo server bundles this file.
import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { StsIdentity } from './stsEmulator';

export interface SigninTokenRequest {
  readonly method: string;
  /** Whether any key or the Session travelled in the URL (AWS accepts it; awscreds must not do it). */
  readonly sessionInUrl: boolean;
  /** The Session JSON as received. */
  readonly session?: Record<string, unknown>;
  readonly sessionDuration?: string;
  status?: number;
  reason?: string;
}

export interface SigninLogin {
  readonly issuer?: string;
  readonly destination?: string;
  status?: number;
  /** Who the console page says signed in. */
  arn?: string;
}

export interface SigninService {
  readonly tokenRequests: SigninTokenRequest[];
  readonly logins: SigninLogin[];
  /** The next getSigninToken answers this status. */
  failNext(status: number): void;
  /** Answers one request to /federation (the caller has read the body). */
  handle(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): void;
}

interface IssuedToken {
  readonly arn: string;
  readonly issuedAt: number;
  /** epoch ms: when the console session would end. */
  readonly consoleEnds: number;
  used: boolean;
}

const TOKEN_TTL_MS = 15 * 60_000;

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function createSigninService({ now, identity }: { now: () => number; identity: (accessKeyId: string) => StsIdentity | undefined }): SigninService {
  const tokenRequests: SigninTokenRequest[] = [];
  const logins: SigninLogin[] = [];
  const tokens = new Map<string, IssuedToken>();
  const faults: number[] = [];

  function send(res: http.ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  function getSigninToken(req: http.IncomingMessage, url: URL, params: URLSearchParams, res: http.ServerResponse): void {
    const sessionText = params.get('Session');
    let session: Record<string, unknown> | undefined;
    try {
      session = sessionText === null ? undefined : (JSON.parse(sessionText) as Record<string, unknown>);
    } catch {
      session = undefined;
    }
    const duration = params.get('SessionDuration');
    const entry: SigninTokenRequest = {
      method: req.method ?? 'GET',
      sessionInUrl: url.searchParams.has('Session'),
      ...(session ? { session } : {}),
      ...(duration !== null ? { sessionDuration: duration } : {}),
    };
    tokenRequests.push(entry);
    const refuse = (reason: string): void => {
      entry.status = 400;
      entry.reason = reason;
      send(res, 400, 'text/plain', 'Invalid credentials parameter');
    };
    const fault = faults.shift();
    if (fault !== undefined) {
      entry.status = fault;
      return send(res, fault, 'text/plain', 'Injected failure');
    }
    const key = identity(String(session?.sessionId ?? ''));
    if (!session || !key || key.secretAccessKey !== session.sessionKey) return refuse('unknown key or wrong secret');
    if (key.sessionToken === undefined) return refuse('long-term keys');
    if (key.sessionToken !== session.sessionToken) return refuse('wrong session token');
    if (key.expiration !== undefined && key.expiration <= now()) return refuse('expired');
    let consoleEnds = key.expiration ?? now() + 3600_000;
    if (duration !== null) {
      const seconds = Number(duration);
      if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43200) return refuse('SessionDuration out of range');
      if (key.chained || key.federated) return refuse(key.chained ? 'SessionDuration with role-chained credentials' : 'SessionDuration with GetFederationToken credentials');
      consoleEnds = now() + seconds * 1000;
    }
    const token = randomBytes(48).toString('base64url');
    tokens.set(token, { arn: key.arn, issuedAt: now(), consoleEnds, used: false });
    entry.status = 200;
    send(res, 200, 'application/json', JSON.stringify({ SigninToken: token }));
  }

  function login(params: URLSearchParams, res: http.ServerResponse): void {
    const issuer = params.get('Issuer');
    const destination = params.get('Destination');
    const entry: SigninLogin = { ...(issuer !== null ? { issuer } : {}), ...(destination !== null ? { destination } : {}) };
    logins.push(entry);
    const issued = tokens.get(params.get('SigninToken') ?? '');
    if (!issued || issued.used || now() - issued.issuedAt > TOKEN_TTL_MS || destination === null) {
      entry.status = 400;
      return send(res, 400, 'text/html; charset=utf-8', '<!doctype html><html><head><title>Sign-in failed</title></head><body><p id="error">invalid or expired sign-in token</p></body></html>');
    }
    issued.used = true;
    entry.status = 200;
    entry.arn = issued.arn;
    send(
      res,
      200,
      'text/html; charset=utf-8',
      `<!doctype html><html><head><title>AWS Management Console (emulator)</title></head><body><h1 id="console">Console home</h1>` +
        `<p id="arn">${escapeHtml(issued.arn)}</p><p id="destination">${escapeHtml(destination)}</p><p id="ends">${new Date(issued.consoleEnds).toISOString()}</p></body></html>`,
    );
  }

  return {
    tokenRequests,
    logins,
    failNext: (status) => void faults.push(status),
    handle(req, url, body, res) {
      const params = new URLSearchParams(url.search);
      if (req.method === 'POST') for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
      const action = params.get('Action');
      if (action === 'getSigninToken') return getSigninToken(req, url, params, res);
      if (action === 'login' && req.method === 'GET') return login(params, res);
      send(res, 400, 'text/plain', `unknown Action ${action ?? '(none)'}`);
    },
  };
}
