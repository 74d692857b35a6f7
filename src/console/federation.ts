import { AwscredsError } from '../runtime/AwscredsError';
import type { PostForm } from '../runtime/postForm';
import { printable } from '../runtime/text';

/**
 * Where temporary credentials came from, which decides whether the sign-in endpoint takes a
 * `SessionDuration`: only credentials of an AssumeRole* made without temporary credentials
 * (IAM Identity Center role credentials, a role assumed with long-term keys, web identity).
 */
export type Provenance = 'sso' | 'assumed' | 'web-identity' | 'chained' | 'federation-token' | 'unknown-temporary';

export interface ConsoleKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly provenance: Provenance;
}

/** SessionDuration's range at the sign-in endpoint, in minutes (900–43200 s). */
export const SESSION_DURATION_MINUTES = { min: 15, max: 720 } as const;

const WHY_NOT: Partial<Record<Provenance, string>> = {
  chained: 'role-chained keys',
  'federation-token': 'GetFederationToken keys (--duration is their lifetime)',
  'unknown-temporary': 'keys of unknown origin',
};

/**
 * The SessionDuration to send (seconds), or none; `note` is the one line that says why a
 * `--duration` was not sent (the console then lasts as long as the credentials do).
 */
export function sessionDuration(provenance: Provenance, durationMinutes: number | undefined): { seconds?: number; note?: string } {
  if (durationMinutes === undefined) return {};
  const why = WHY_NOT[provenance];
  if (why === undefined && durationMinutes > SESSION_DURATION_MINUTES.max) {
    throw new AwscredsError('USAGE', `--duration ${durationMinutes} is over the console's ${SESSION_DURATION_MINUTES.max} minutes.`, `give --duration ${SESSION_DURATION_MINUTES.min} to ${SESSION_DURATION_MINUTES.max}.`);
  }
  if (why === undefined) return { seconds: durationMinutes * 60 };
  if (provenance === 'federation-token') return {};
  return { note: `awscreds: no --duration for ${why}; the console ends with them.` };
}

/**
 * Step 1: a sign-in token for the keys, asked for with a form POST so they never sit in a URL.
 * A 400 is turned into one line naming its likely cause.
 */
export async function getSigninToken({ endpoint, keys, sessionDurationSeconds, postForm, signal, debug }: {
  readonly endpoint: string;
  readonly keys: ConsoleKeys;
  readonly sessionDurationSeconds?: number;
  readonly postForm: PostForm;
  readonly signal?: AbortSignal;
  readonly debug: (text: string) => void;
}): Promise<string> {
  const session = JSON.stringify({ sessionId: keys.accessKeyId, sessionKey: keys.secretAccessKey, sessionToken: keys.sessionToken });
  const form = { Action: 'getSigninToken', Session: session, ...(sessionDurationSeconds !== undefined ? { SessionDuration: String(sessionDurationSeconds) } : {}) };
  debug(`console: getSigninToken at ${endpoint} (${keys.provenance} credentials${sessionDurationSeconds !== undefined ? `, SessionDuration ${sessionDurationSeconds}` : ''})`);
  const where = new URL(endpoint).host;
  let answer;
  try {
    answer = await postForm(endpoint, form, signal);
  } catch (error) {
    if (signal?.aborted) throw new AwscredsError('INTERRUPTED', 'interrupted while asking for the console sign-in token.');
    throw new AwscredsError('SERVICE', `the console sign-in endpoint ${where} failed: ${printable((error as Error).message)}.`, 'check your network (and AWS_ENDPOINT_URL_SIGNIN if set), then try again.');
  }
  if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
    debug(`console: ${where} answered ${answer.status}`);
    if (sessionDurationSeconds !== undefined) {
      throw new AwscredsError('SERVICE', `console sign-in refused SessionDuration=${sessionDurationSeconds} (${answer.status}): a role chain?`, 'run it again without --duration.');
    }
    throw new AwscredsError('SERVICE', `console sign-in refused the keys (${answer.status}): expired or revoked?`, 'run `awscreds console --no-cache` to fetch new ones.');
  }
  if (answer.status !== 200) throw new AwscredsError('SERVICE', `console sign-in at ${where} answered ${answer.status}.`, 'try again in a minute.');
  let token: unknown;
  try {
    token = (JSON.parse(answer.body) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') throw new AwscredsError('SERVICE', `console sign-in at ${where} answered without a SigninToken.`, 'try again in a minute.');
  return token;
}

/** Step 2: the login URL (a secret for 15 minutes): Issuer, Destination and the token. */
export function loginUrl({ endpoint, issuer, destination, signinToken }: { endpoint: string; issuer: string; destination: string; signinToken: string }): string {
  const query = new URLSearchParams({ Action: 'login', Issuer: issuer, Destination: destination, SigninToken: signinToken });
  return `${endpoint}?${query.toString()}`;
}

/**
 * The IAM Identity Center shortcut (`--via-portal`): the portal signs the browser in with its
 * own session, so no credentials leave this machine and the console's multi-session mode works.
 */
export function portalShortcutUrl({ startUrl, accountId, roleName, destination }: { startUrl: string; accountId: string; roleName: string; destination?: string }): string {
  const query = new URLSearchParams({ account_id: accountId, role_name: roleName, ...(destination !== undefined ? { destination } : {}) });
  return `${startUrl.replace(/\/+$/, '')}/#/console?${query.toString()}`;
}
