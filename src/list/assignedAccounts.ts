import { awsSsoLoginCommand, type ConfiguredSsoProfile, type ListTarget } from '../config/ssoSessions';
import { AwscredsError } from '../runtime/AwscredsError';
import type { SdkClients } from '../runtime/Runtime';
import { describeServiceError } from '../runtime/text';
import { getUsableSSOToken, notSignedInError } from '../token/getUsableSSOToken';

/** An account IAM Identity Center lets the signed-in user reach, with the roles there. */
export interface AssignedAccount {
  readonly accountId: string;
  readonly accountName?: string;
  readonly emailAddress?: string;
  /** Role (permission set) names, sorted. */
  readonly roles: readonly string[];
}

/** An assigned account as `awscreds list` shows it: each role with the profiles that use it. */
export interface ListedAccount {
  readonly accountId: string;
  readonly accountName: string | null;
  readonly emailAddress: string | null;
  readonly roles: ReadonlyArray<{ readonly roleName: string; readonly profiles: readonly string[] }>;
}

/** The largest page ListAccounts and ListAccountRoles accept. */
const PAGE_SIZE = 100;
/** ListAccountRoles calls in flight at once: fast for hundreds of accounts, gentle on throttling. */
const CONCURRENCY = 8;

export interface FetchAssignedAccountsInput {
  readonly target: ListTarget;
  readonly accessToken: string;
  readonly sdk: SdkClients;
  readonly debug: (text: string) => void;
  /** Ctrl-C: no further page is asked for, and the listing ends with INTERRUPTED. */
  readonly signal?: AbortSignal;
}

/** Every account the token reaches and its roles: ListAccounts, then ListAccountRoles per account, every page. */
export async function fetchAssignedAccounts(input: FetchAssignedAccountsInput): Promise<AssignedAccount[]> {
  const { target, accessToken, sdk, debug, signal } = input;
  const { ListAccountsCommand, ListAccountRolesCommand } = await import('@aws-sdk/client-sso');
  const client = await sdk.sso(target.sso.ssoRegion);
  try {
    const accounts: Array<{ accountId: string; accountName?: string; emailAddress?: string }> = [];
    await eachPage(target, 'ListAccounts', signal, async (nextToken) => {
      const page = await client.send(new ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, nextToken }));
      for (const a of page.accountList ?? []) {
        if (a.accountId) accounts.push({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress });
      }
      return page.nextToken;
    });
    debug(`list: ${accounts.length} account(s); listing their roles`);
    return await mapConcurrently(accounts, CONCURRENCY, async (account) => {
      const roles: string[] = [];
      await eachPage(target, `ListAccountRoles (account ${account.accountId})`, signal, async (nextToken) => {
        const page = await client.send(new ListAccountRolesCommand({ accessToken, accountId: account.accountId, maxResults: PAGE_SIZE, nextToken }));
        for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
        return page.nextToken;
      });
      return { ...account, roles: [...new Set(roles)].sort(compare) };
    });
  } finally {
    client.destroy();
  }
}

/** Throttled pages are asked again this many times (beyond the SDK's own retries), after a jittered backoff. */
const THROTTLED_RETRIES = 8;
const THROTTLED_BACKOFF_BASE_MS = 250;
const THROTTLED_BACKOFF_CAP_MS = 8_000;

/**
 * Calls `fetchPage` until it returns no next token (a page may hold fewer items than asked:
 * only the token says there is more), mapping service errors to awscreds errors. A page the
 * service throttles (429) is asked again after a full-jitter exponential backoff.
 */
async function eachPage(target: ListTarget, operation: string, signal: AbortSignal | undefined, fetchPage: (nextToken: string | undefined) => Promise<string | undefined>): Promise<void> {
  let nextToken: string | undefined;
  const seen = new Set<string>();
  do {
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new AwscredsError('INTERRUPTED', `interrupted (Ctrl-C) while listing the accounts of ${target.label}; nothing was written.`);
      try {
        nextToken = await fetchPage(nextToken);
        break;
      } catch (error) {
        if (!isThrottled(error) || attempt >= THROTTLED_RETRIES) throw serviceError(target, operation, error);
        await sleep(Math.random() * Math.min(THROTTLED_BACKOFF_CAP_MS, THROTTLED_BACKOFF_BASE_MS * 2 ** attempt));
      }
    }
    if (nextToken === '') nextToken = undefined;
    if (nextToken !== undefined) {
      // A service that hands back a token it already gave would make this loop forever.
      if (seen.has(nextToken)) throw new AwscredsError('SERVICE', `${operation} returned the same page token twice for ${target.label}.`, 'try again; if it repeats, report it.');
      seen.add(nextToken);
    }
  } while (nextToken !== undefined);
}

function isThrottled(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | undefined;
  return e?.$metadata?.httpStatusCode === 429 || e?.name === 'TooManyRequestsException' || e?.name === 'ThrottlingException';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function serviceError(target: ListTarget, operation: string, error: unknown): AwscredsError {
  if (error instanceof AwscredsError) return error;
  if ((error as Error).name === 'UnauthorizedException') return listNotSignedInError(target, 'IAM Identity Center rejected the cached SSO token (it expired or was revoked)');
  return new AwscredsError(
    'SERVICE',
    `${operation} failed for ${target.label} (region ${target.sso.ssoRegion}): ${describeServiceError(error)}.`,
    'check your network connection (and AWS_ENDPOINT_URL_SSO if you set it), then try again.',
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `items.map(fn)` with at most `limit` calls in flight; results keep the items' order. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The accounts sorted by name (then id), each role with the profiles that reach it: profiles
 * of the same IAM Identity Center instance (start URL) with that account id and role name,
 * whichever form (sso-session or legacy) they use.
 */
export function attachProfiles(accounts: readonly AssignedAccount[], startUrl: string, profiles: readonly ConfiguredSsoProfile[]): ListedAccount[] {
  const instance = normaliseStartUrl(startUrl);
  const sameInstance = profiles.filter((p) => normaliseStartUrl(p.sso.startUrl) === instance);
  return [...accounts]
    .sort((a, b) => compare(a.accountName ?? '', b.accountName ?? '') || compare(a.accountId, b.accountId))
    .map((account) => ({
      accountId: account.accountId,
      accountName: account.accountName ?? null,
      emailAddress: account.emailAddress ?? null,
      roles: account.roles.map((roleName) => ({
        roleName,
        profiles: sameInstance.filter((p) => p.sso.accountId === account.accountId && p.sso.roleName === roleName).map((p) => p.name),
      })),
    }));
}

function normaliseStartUrl(url: string): string {
  return url.replace(/\/+$/, '').toLowerCase();
}

export interface ListTokenInput {
  readonly target: ListTarget;
  readonly home: string;
  readonly sdk: SdkClients;
  readonly now: Date;
  readonly log: (text: string) => void;
  readonly debug: (text: string) => void;
}

/** The access token for the target's sign-in, read (and refreshed) exactly as export does. */
export async function getListToken(input: ListTokenInput): Promise<string> {
  const { target, ...rest } = input;
  try {
    return await getUsableSSOToken({ ...rest, profileName: target.profileName ?? '', sso: target.sso });
  } catch (error) {
    // export's message names a profile; an sso-session no profile uses gets its own.
    if (target.profileName === undefined && error instanceof AwscredsError && error.reason === 'NOT_SIGNED_IN') {
      throw listNotSignedInError(target, 'there is no usable cached SSO token (none, or it expired and could not be refreshed)');
    }
    throw error;
  }
}

/** NOT_SIGNED_IN for `list`: export's error when a profile signs in this way, else one for the sso-session. */
export function listNotSignedInError(target: ListTarget, why: string): AwscredsError {
  if (target.profileName !== undefined) return notSignedInError(target.profileName, target.sso, why);
  const session = target.sso.sessionName ?? '';
  return new AwscredsError(
    'NOT_SIGNED_IN',
    `${target.label} is not signed in: ${why}.`,
    `sign in with \`${awsSsoLoginCommand({ sessionName: session }, undefined)}\`, or add a profile that uses it and run \`awscreds login --profile NAME\`; then list again.`,
  );
}
