import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCachedTokenFile, type CachedTokenFile } from './readCachedTokenFile';

/**
 * The SSO token files in a cache directory, as `aws sso logout` finds them: every *.json file
 * holding an `accessToken` (client registrations, which share the directory, have none).
 */
export function listCachedSSOTokenFiles(cacheDir: string, debug: (text: string) => void): CachedTokenFile[] {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const tokens: CachedTokenFile[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith('.json')) continue;
    const file = readCachedTokenFile(join(cacheDir, name), debug);
    if (file.accessToken !== undefined) tokens.push(file);
  }
  return tokens;
}
