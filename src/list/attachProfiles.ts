import type { AssignedAccount, ListedAccount } from './AssignedAccount';
import type { ConfiguredSsoProfile } from './configuredSsoProfiles';

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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
