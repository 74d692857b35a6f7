import type { ListTarget } from '../config/ssoSessions';
import { printable } from '../runtime/text';
import type { ListedAccount } from './assignedAccounts';

/** The human table: one row per role, the account's id and name on each, and its profiles (`-` for none). */
export function renderAccountTable(accounts: readonly ListedAccount[], targetLabel: string): string {
  if (accounts.length === 0) return `No AWS accounts are assigned to you in ${targetLabel}.\n`;
  const rows: string[][] = [['ACCOUNT', 'NAME', 'ROLE', 'PROFILES']];
  for (const account of accounts) {
    const name = printable(account.accountName ?? '');
    if (account.roles.length === 0) rows.push([account.accountId, name, '-', '-']);
    for (const role of account.roles) rows.push([account.accountId, name, printable(role.roleName), role.profiles.length > 0 ? role.profiles.map(printable).join(', ') : '-']);
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')).join('\n') + '\n';
}

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
