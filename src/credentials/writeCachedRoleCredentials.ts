import { formatCacheDate } from '../cache/formatCacheDate';
import { pythonJsonDumps } from '../cache/pythonJsonDumps';
import { writeFileAtomic } from '../fs/writeFileAtomic';
import type { CredentialSet } from './CredentialSet';

/** Writes role credentials in the AWS CLI's cache format, so `aws` reuses them too. */
export function writeCachedRoleCredentials(path: string, set: CredentialSet & { sessionToken: string; expiration: Date }): void {
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
