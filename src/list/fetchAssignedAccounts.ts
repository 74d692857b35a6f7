import { AwscredsError } from '../AwscredsError';
import type { SdkClients } from '../cli/CliContext';
import { describeServiceError } from '../describeServiceError';
import type { AssignedAccount } from './AssignedAccount';
import { listNotSignedInError } from './listNotSignedInError';
import { mapConcurrently } from './mapConcurrently';
import type { ListTarget } from './resolveListTarget';

/** The largest page ListAccounts and ListAccountRoles accept. */
const PAGE_SIZE = 100;
/** ListAccountRoles calls in flight at once: fast for hundreds of accounts, gentle on throttling. */
const CONCURRENCY = 6;

export interface FetchAssignedAccountsInput {
  readonly target: ListTarget;
  readonly accessToken: string;
  readonly sdk: SdkClients;
  readonly debug: (text: string) => void;
}

/** Every account the token reaches and its roles: ListAccounts, then ListAccountRoles per account, every page. */
export async function fetchAssignedAccounts(input: FetchAssignedAccountsInput): Promise<AssignedAccount[]> {
  const { target, accessToken, sdk, debug } = input;
  const { ListAccountsCommand, ListAccountRolesCommand } = await import('@aws-sdk/client-sso');
  const client = await sdk.sso(target.sso.ssoRegion);
  try {
    const accounts: Array<{ accountId: string; accountName?: string; emailAddress?: string }> = [];
    await eachPage(target, 'ListAccounts', async (nextToken) => {
      const page = await client.send(new ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, nextToken }));
      for (const a of page.accountList ?? []) {
        if (a.accountId) accounts.push({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress });
      }
      return page.nextToken;
    });
    debug(`list: ${accounts.length} account(s); listing their roles`);
    return await mapConcurrently(accounts, CONCURRENCY, async (account) => {
      const roles: string[] = [];
      await eachPage(target, `ListAccountRoles (account ${account.accountId})`, async (nextToken) => {
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

/** Calls `fetchPage` until it returns no next token, mapping service errors to awscreds errors. */
async function eachPage(target: ListTarget, operation: string, fetchPage: (nextToken: string | undefined) => Promise<string | undefined>): Promise<void> {
  let nextToken: string | undefined;
  const seen = new Set<string>();
  do {
    try {
      nextToken = await fetchPage(nextToken);
    } catch (error) {
      throw serviceError(target, operation, error);
    }
    if (nextToken === '') nextToken = undefined;
    if (nextToken !== undefined) {
      // A service that hands back a token it already gave would make this loop forever.
      if (seen.has(nextToken)) throw new AwscredsError('SERVICE', `${operation} returned the same page token twice for ${target.label}.`, 'try again; if it repeats, report it.');
      seen.add(nextToken);
    }
  } while (nextToken !== undefined);
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
