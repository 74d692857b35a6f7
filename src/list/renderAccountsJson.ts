import type { ListedAccount } from './AssignedAccount';
import type { ListTarget } from './resolveListTarget';

/**
 * `awscreds list --json`: `{schemaVersion: 1, ssoSession, startUrl, ssoRegion, accounts: [{accountId,
 * accountName, emailAddress, roles: [{roleName, profiles: [...]}]}]}`. Every key is always
 * present (null when the service sent no value); accounts and roles in the table's order.
 */
export function renderAccountsJson(accounts: readonly ListedAccount[], target: ListTarget): string {
  const document = {
    schemaVersion: 1,
    ssoSession: target.sso.sessionName ?? null,
    startUrl: target.sso.startUrl,
    ssoRegion: target.sso.ssoRegion,
    accounts,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
