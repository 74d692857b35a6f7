import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { AwscredsError } from '../runtime/AwscredsError';
import { MAX_CACHE_FILE_BYTES, describeReadError, readRegularFile, writeFileAtomic } from '../runtime/files';
import { formatCacheDate, pythonJsonDumps } from './botocoreFormat';

/** A file in ~/.aws/cli/cache written by the AWS CLI's SSO provider (or by awscreds). */
export const roleCredentialsCacheEntrySchema = z.looseObject({
  ProviderType: z.optional(z.string()),
  Credentials: z.looseObject({
    AccessKeyId: z.string(),
    SecretAccessKey: z.string(),
    SessionToken: z.string(),
    Expiration: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')),
    AccountId: z.optional(z.string()),
  }),
});

export type RoleCredentialsCacheEntry = z.infer<typeof roleCredentialsCacheEntrySchema>;

/**
 * The cached role credentials, or undefined when the file is absent or unusable: a bad cache
 * entry is only a miss, and the fresh credentials that follow overwrite it.
 */
export function readCachedRoleCredentials(path: string, log: (text: string) => void): RoleCredentialsCacheEntry['Credentials'] | undefined {
  let text: string;
  try {
    text = readRegularFile(path, MAX_CACHE_FILE_BYTES).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`awscreds: note: cannot read ${path} (${describeReadError(error)}); fetching new credentials.`);
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

/** Writes role credentials in the AWS CLI's cache format, so `aws` reuses them too. */
export function writeCachedRoleCredentials(
  path: string,
  set: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken: string; readonly expiration: Date; readonly accountId?: string },
): void {
  const entry = {
    ProviderType: 'sso',
    Credentials: {
      AccessKeyId: set.accessKeyId,
      SecretAccessKey: set.secretAccessKey,
      SessionToken: set.sessionToken,
      Expiration: formatCacheDate(set.expiration),
      AccountId: set.accountId,
    },
  };
  writeFileAtomic(path, pythonJsonDumps(entry));
}

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
      providerType = (JSON.parse(readRegularFile(path, MAX_CACHE_FILE_BYTES).toString('utf8')) as { ProviderType?: unknown } | null)?.ProviderType;
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
