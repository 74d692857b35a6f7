import { join } from 'node:path';
import { writeFileAtomic } from '../runtime/files';
import { prepareDirectory, privateCacheDirectory, readTrustedFile } from '../runtime/privateCache';
import type { Env } from '../runtime/Runtime';

// The account names IAM Identity Center gave the last populate (or list), by account id, kept
// in awscreds' private cache so that the profile picker can match on them. The config file
// never holds them: they are the service's text, and may hold anything.

const FILE = 'account-names.json';
const MAX_BYTES = 8 * 1024 * 1024;

interface CacheInput {
  readonly env: Env;
  readonly home: string;
  readonly uid: number;
  readonly debug: (text: string) => void;
}

/** Account id → name as last seen; empty when there is no trusted cache file. */
export function readAccountNames(input: CacheInput): Map<string, string> {
  const bytes = readTrustedFile(privateCacheDirectory(input.env, input.home), FILE, input.uid, MAX_BYTES);
  const names = new Map<string, string>();
  if (!bytes) return names;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { format?: unknown; accounts?: unknown };
    if (parsed.format !== 1 || typeof parsed.accounts !== 'object' || parsed.accounts === null) return names;
    for (const [id, name] of Object.entries(parsed.accounts)) if (typeof name === 'string') names.set(id, name);
  } catch {
    // a torn or foreign file: no names, and the next populate replaces it
  }
  return names;
}

/** Adds these accounts' names to the cache (quietly: without it the picker matches on less). */
export function rememberAccountNames(input: CacheInput, accounts: ReadonlyArray<{ readonly accountId: string; readonly accountName?: string }>): void {
  const directory = privateCacheDirectory(input.env, input.home);
  try {
    const why = prepareDirectory(directory, input.uid);
    if (why !== undefined) return input.debug(`not remembering account names in ${directory}: ${why}`);
    const names = readAccountNames(input);
    for (const a of accounts) if (a.accountName !== undefined) names.set(a.accountId, a.accountName);
    writeFileAtomic(join(directory, FILE), JSON.stringify({ format: 1, accounts: Object.fromEntries(names) }), 0o600);
  } catch (error) {
    input.debug(`not remembering account names in ${directory}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
