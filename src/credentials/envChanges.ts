import { formatCacheDate } from '../awsCliCache/botocoreFormat';
import type { EnvChanges } from '../shells/Shell';
import type { CredentialSet } from './CredentialSet';

/** The AWS variables that make up a credential set, as the AWS CLI and SDKs read them. */
export const AWS_CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN', // legacy alias: the AWS CLI reads it before AWS_SESSION_TOKEN
  'AWS_CREDENTIAL_EXPIRATION',
] as const;

/**
 * awscreds' bookkeeping, exported beside every set so the prompt hooks can tell, without
 * forking a process, which key and token belong together and when they expire.
 */
export const BOOKKEEPING_VARIABLES = [
  'AWSCREDS_PROFILE', // the profile the set came from
  'AWSCREDS_EXPIRES_AT', // expiry in epoch seconds (absent for long-term keys)
  'AWSCREDS_KEY_ID', // the access key id exported with this set
  'AWSCREDS_TOKEN_FP', // tokenFingerprint() of the session token exported with it
] as const;

export const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

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

/**
 * A short marker of a session token that the hooks can recompute with shell builtins alone
 * (length and last 8 characters). Session tokens are hundreds of random characters, so the
 * tail identifies one export but is useless for signing a request.
 */
export function tokenFingerprint(sessionToken: string): string {
  return `${sessionToken.length}:${sessionToken.slice(-8)}`;
}

/**
 * What `awscreds unset` does: clear every AWS credential variable and awscreds' bookkeeping.
 * The region variables stay: they choose where to work, not who you are.
 */
export function unsetAllChanges(): EnvChanges {
  return { unset: [...AWS_CREDENTIAL_VARIABLES, ...BOOKKEEPING_VARIABLES], set: [] };
}

/**
 * The variables that point AWS SDKs and tools at a credential endpoint instead of keys
 * (`exec --serve`), and those that would win over it and are removed.
 */
export const CONTAINER_ENDPOINT_VARIABLES = ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'] as const;
const OVERRIDING_ENDPOINT_VARIABLES = ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const;

/**
 * What `exec --serve` gives its command: no keys at all (every credential and bookkeeping
 * variable removed, and the profile variables, which SDKs read before the endpoint), the
 * endpoint and its token, and the profile's region.
 */
export function endpointEnvChanges(set: Pick<CredentialSet, 'region'>, endpoint: { readonly url: string; readonly authorizationToken: string }): EnvChanges {
  const variables: Array<[string, string]> = [
    ['AWS_CONTAINER_CREDENTIALS_FULL_URI', endpoint.url],
    ['AWS_CONTAINER_AUTHORIZATION_TOKEN', endpoint.authorizationToken],
  ];
  if (set.region !== undefined) variables.push(['AWS_REGION', set.region], ['AWS_DEFAULT_REGION', set.region]);
  return { unset: [...AWS_CREDENTIAL_VARIABLES, ...BOOKKEEPING_VARIABLES, ...OVERRIDING_ENDPOINT_VARIABLES], set: variables };
}

/** An environment with `changes` applied as the export block would apply them: unsets, then sets. */
export function applyEnvChanges(env: Readonly<Record<string, string | undefined>>, changes: EnvChanges): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) result[name] = value;
  for (const name of changes.unset) delete result[name];
  for (const [name, value] of changes.set) result[name] = value;
  return result;
}
