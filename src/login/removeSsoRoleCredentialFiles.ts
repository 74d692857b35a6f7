import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AwscredsError } from '../AwscredsError';

/**
 * Deletes role-credential cache files that hold credentials obtained with an SSO token (their
 * `ProviderType` is `sso`, as `aws sso logout` checks): the given `paths`, or with none given
 * every such file in `cacheDir`. Files of other providers (assume-role…) are left alone.
 * Returns the paths removed; a file that cannot be removed is an error.
 */
export function removeSsoRoleCredentialFiles({ cacheDir, paths, debug }: { cacheDir: string; paths?: readonly string[]; debug: (text: string) => void }): string[] {
  let candidates: readonly string[];
  if (paths) candidates = paths;
  else {
    try {
      candidates = readdirSync(cacheDir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => join(cacheDir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
  const removed: string[] = [];
  for (const path of candidates) {
    let providerType: unknown;
    try {
      providerType = (JSON.parse(readFileSync(path, 'utf8')) as { ProviderType?: unknown } | null)?.ProviderType;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') debug(`sign-out: ${path} is unreadable or not JSON; left alone`);
      continue;
    }
    if (providerType !== 'sso') {
      debug(`sign-out: ${path} holds ${typeof providerType === 'string' ? providerType : 'non-SSO'} credentials; left alone`);
      continue;
    }
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new AwscredsError('FILESYSTEM', `cannot remove the cached role credentials ${path}: ${(error as Error).message}`, `remove it yourself (rm ${path}), or fix the permissions of ${cacheDir} and sign out again.`);
    }
    removed.push(path);
  }
  return removed;
}
