import { readFileSync } from 'node:fs';
import { roleCredentialsCacheEntrySchema, type RoleCredentialsCacheEntry } from './RoleCredentialsCacheEntry';

/**
 * The cached role credentials, or undefined when the file is absent or unusable: a bad cache
 * entry is only a miss, and the fresh credentials that follow overwrite it.
 */
export function readCachedRoleCredentials(path: string, log: (text: string) => void): RoleCredentialsCacheEntry['Credentials'] | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`awscreds: note: cannot read ${path} (${(error as NodeJS.ErrnoException).code}); fetching new credentials.`);
    return undefined;
  }
  try {
    const parsed = roleCredentialsCacheEntrySchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.Credentials;
  } catch {
    // not JSON: fall through to the note
  }
  log(`awscreds: note: ignoring ${path}: it is not a role-credential cache entry.`);
  return undefined;
}
