import { formatCacheDate } from '../cache/formatCacheDate';
import type { CredentialSet } from '../credentials/CredentialSet';

/**
 * The JSON a `credential_process` prints (AWS CLI and SDKs): Version 1, the keys, and for a
 * temporary set its session token and expiration (ISO 8601, UTC, whole seconds as in the caches).
 */
export function renderCredentialProcess(set: CredentialSet): string {
  const document: Record<string, string | number> = {
    Version: 1,
    AccessKeyId: set.accessKeyId,
    SecretAccessKey: set.secretAccessKey,
  };
  if (set.sessionToken !== undefined) document.SessionToken = set.sessionToken;
  if (set.expiration !== undefined) document.Expiration = formatCacheDate(set.expiration);
  return `${JSON.stringify(document)}\n`;
}
