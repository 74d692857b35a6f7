import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { formatCacheDate } from '../awsCliCache/botocoreFormat';
import type { CredentialSet } from '../credentials/CredentialSet';
import { AwscredsError } from '../runtime/AwscredsError';
import { listenOnLoopback, respond } from '../runtime/loopbackServer';

/** The path the endpoint answers on; anything else is 404. */
export const CREDENTIALS_PATH = '/credentials';

export interface CredentialServerInput {
  /** The set fetched before the command started. */
  readonly initial: CredentialSet;
  /** Fetches a set anew (shared caches, token refresh): called when the served one runs low. */
  readonly refresh: () => Promise<CredentialSet>;
  /** A set with less than this left is replaced before it is served (`--min-ttl`). */
  readonly minRemainingMs: number;
  readonly now: () => Date;
  readonly log: (text: string) => void;
  readonly debug: (text: string) => void;
  /** The user's shell's quoting, for the commands a message suggests. */
  readonly quote: (word: string) => string;
}

export interface CredentialServer {
  /** `http://127.0.0.1:PORT/credentials`: AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  readonly url: string;
  /** 32 random bytes, base64url: AWS_CONTAINER_AUTHORIZATION_TOKEN. A new one every run. */
  readonly authorizationToken: string;
  /** Stops listening and drops open connections. */
  close(): void;
}

/**
 * A credential endpoint on 127.0.0.1 (ephemeral port) in the format the AWS SDKs' container
 * providers read (`AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`), for `awscreds exec
 * --serve`. Only a request carrying the token in `Authorization` gets a secret. The set is
 * replaced before it runs low, ahead of time by a timer and at the latest when it is asked for,
 * with one refresh in flight at a time; when refreshing fails (the sign-in has ended) the
 * endpoint answers 400 with a Code and Message the SDKs show, and stderr says what to run, once per failure.
 */
export async function startCredentialServer(input: CredentialServerInput): Promise<CredentialServer> {
  const { minRemainingMs, now, log, debug } = input;
  const authorizationToken = randomBytes(32).toString('base64url');
  const expected = Buffer.from(authorizationToken);
  let current = input.initial;
  let pending: Promise<CredentialSet> | undefined;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;

  let receivedAt = now().getTime();
  // Low: less than --min-ttl left, or less than half its lifetime for a role session shorter than
  // twice --min-ttl (else every request would fetch anew). The shared cache then agrees it is
  // low, since the threshold is never above --min-ttl, so a refresh really fetches a new set.
  const lowThreshold = (set: CredentialSet): number => Math.min(minRemainingMs, ((set.expiration?.getTime() ?? 0) - receivedAt) / 2);
  const runsLow = (set: CredentialSet): boolean => set.expiration !== undefined && set.expiration.getTime() - now().getTime() <= lowThreshold(set);
  const refresh = (): Promise<CredentialSet> => {
    pending ??= input
      .refresh()
      .then((set) => {
        if (failing) log('awscreds: exec --serve: credentials are available again.');
        failing = false;
        current = set;
        receivedAt = now().getTime();
        debug(`exec --serve: serving a new set (expires ${set.expiration?.toISOString() ?? 'never'})`);
        schedule();
        return set;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  // Renew in the background a second after the set runs low, so requests rarely wait.
  const schedule = (): void => {
    clearTimeout(timer);
    if (current.expiration === undefined) return;
    const untilLow = current.expiration.getTime() - now().getTime() - lowThreshold(current);
    timer = setTimeout(() => void refresh().catch(() => undefined), Math.min(Math.max(untilLow, 0) + 1000, 2 ** 31 - 1));
    timer.unref();
  };
  const usable = async (): Promise<CredentialSet> => (runsLow(current) ? refresh() : current);

  const server = await listenOnLoopback((request, url, response) => {
    if (request.method !== 'GET' || url.pathname !== CREDENTIALS_PATH) return send(response, 404, { Code: 'NotFound', Message: `awscreds serves credentials at ${CREDENTIALS_PATH} only` });
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length === 0) return send(response, 401, { Code: 'Unauthorized', Message: 'no Authorization header: pass AWS_CONTAINER_AUTHORIZATION_TOKEN' });
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return send(response, 403, { Code: 'AccessDenied', Message: 'wrong authorization token' });
    usable().then(
      (set) => send(response, 200, { AccessKeyId: set.accessKeyId, SecretAccessKey: set.secretAccessKey, Token: set.sessionToken, Expiration: set.expiration === undefined ? undefined : formatCacheDate(set.expiration) }),
      (error: unknown) => {
        const message = error instanceof AwscredsError ? error.message : String(error);
        if (!failing) log(error instanceof AwscredsError ? `awscreds: exec --serve: ${error.toUserText(input.quote).replace(/^awscreds: /, '')}` : `awscreds: exec --serve: ${message}`);
        failing = true;
        // A 4xx: the SDKs then stop retrying and keep Code and Message (botocore shows the body).
        send(response, 400, { Code: 'CredentialsUnavailable', Message: `awscreds could not renew the credentials: ${message}` });
      },
    );
  });

  schedule();
  return {
    url: `${server.origin}${CREDENTIALS_PATH}`,
    authorizationToken,
    close() {
      clearTimeout(timer);
      server.close();
    },
  };
}

function send(response: ServerResponse, status: number, body: Record<string, string | undefined>): void {
  // Kept alive: the SDKs poll the endpoint on one connection.
  respond(response, status, { contentType: 'application/json', body: JSON.stringify(body), keepAlive: true });
}
