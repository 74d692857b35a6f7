import { formatCacheDate } from '../cache/formatCacheDate';
import type { EnvChanges } from '../shells/Shell';
import type { CredentialSet } from './CredentialSet';
import { AWS_CREDENTIAL_VARIABLES, BOOKKEEPING_VARIABLES } from './envVariables';
import { tokenFingerprint } from './tokenFingerprint';

/**
 * What the export block does: every credential and bookkeeping variable that is not part of
 * the new set is cleared (a stale AWS_SESSION_TOKEN is the classic failure), then the set.
 */
export function credentialSetToEnvChanges(set: CredentialSet): EnvChanges {
  const variables: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', set.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', set.secretAccessKey],
  ];
  if (set.sessionToken !== undefined) variables.push(['AWS_SESSION_TOKEN', set.sessionToken]);
  if (set.expiration !== undefined) variables.push(['AWS_CREDENTIAL_EXPIRATION', formatCacheDate(set.expiration)]);
  if (set.region !== undefined) variables.push(['AWS_REGION', set.region], ['AWS_DEFAULT_REGION', set.region]);
  variables.push(['AWSCREDS_PROFILE', set.profileName], ['AWSCREDS_KEY_ID', set.accessKeyId]);
  if (set.expiration !== undefined) variables.push(['AWSCREDS_EXPIRES_AT', String(Math.floor(set.expiration.getTime() / 1000))]);
  if (set.sessionToken !== undefined) variables.push(['AWSCREDS_TOKEN_FP', tokenFingerprint(set.sessionToken)]);

  const setNames = new Set(variables.map(([name]) => name));
  const unset = [...AWS_CREDENTIAL_VARIABLES, ...BOOKKEEPING_VARIABLES].filter((name) => !setNames.has(name));
  return { unset, set: variables };
}
