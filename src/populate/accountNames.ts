import { readPrivateJson, writePrivateJson, type PrivateFileInput } from '../runtime/privateJson';

// The account names IAM Identity Center gave the last populate, by account id, in awscreds'
// private cache, so that the profile picker can match on them. The config file never holds
// them: they are the service's text, and may hold anything.

const FILE = 'account-names.json';
const MAX_BYTES = 8 * 1024 * 1024;

/** Account id → name as last seen; empty when there is no trusted cache file. */
export function readAccountNames(input: PrivateFileInput): Map<string, string> {
  const accounts = readPrivateJson(input, FILE, MAX_BYTES)?.accounts;
  const names = new Map<string, string>();
  if (typeof accounts === 'object' && accounts !== null) for (const [id, name] of Object.entries(accounts)) if (typeof name === 'string') names.set(id, name);
  return names;
}

/** Adds these accounts' names to the cache. */
export function rememberAccountNames(input: PrivateFileInput, accounts: ReadonlyArray<{ readonly accountId: string; readonly accountName?: string }>): void {
  const names = readAccountNames(input);
  for (const a of accounts) if (a.accountName !== undefined) names.set(a.accountId, a.accountName);
  writePrivateJson(input, FILE, { accounts: Object.fromEntries(names) });
}
