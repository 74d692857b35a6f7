import type { ResolvedProfile } from '../config/loadProfile';
import { stsRegion } from '../credentials/assumeRole';
import type { CredentialSet, CredentialSetInput } from '../credentials/CredentialSet';
import { credentialsFor, getCredentialSet } from '../credentials/getCredentialSet';
import { AwscredsError } from '../runtime/AwscredsError';
import type { Env, SdkClients } from '../runtime/Runtime';
import { describeServiceError } from '../runtime/text';
import type { ConsoleKeys, Provenance } from './federation';

/**
 * The set for a console session, through the same path as `export` (caches, locks, sign-in).
 * A role or web-identity profile's own role is assumed afresh, never taken from the cache: the
 * console (without SessionDuration, which a role chain cannot send) lasts only as long as the
 * credentials do, and a cached set may have minutes left. The chain's sources use their caches.
 */
export async function consoleCredentialSet(input: CredentialSetInput): Promise<CredentialSet> {
  const { profile } = input;
  if (profile.kind !== 'role' && profile.kind !== 'web-identity') return getCredentialSet(input);
  const { fetchAssumedRole } = await import('../credentials/assumeRole');
  return fetchAssumedRole(profile, input, credentialsFor);
}

/**
 * Where a profile's temporary credentials come from. A role whose source is not long-term keys
 * in the config files counts as chained (credential_source and credential_process may give
 * temporary keys): sending it SessionDuration would get a 400.
 */
export function provenanceOf(profile: ResolvedProfile): Provenance {
  switch (profile.kind) {
    case 'sso':
      return 'sso';
    case 'web-identity':
      return 'web-identity';
    case 'role':
      return profile.source.kind === 'static' && profile.source.sessionToken === undefined ? 'assumed' : 'chained';
    case 'static':
    case 'process':
      return 'unknown-temporary';
  }
}

/** GetFederationToken's DurationSeconds when --duration is not given: an hour, as aws-vault. */
export const DEFAULT_FEDERATION_MINUTES = 60;
/** GetFederationToken's range, in minutes (900–129600 s; the root user at most 60). */
export const FEDERATION_MINUTES = { min: 15, max: 2160 } as const;
/** A session policy that allows everything: the federated user keeps the IAM user's own permissions. */
const PASS_THROUGH_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

/** GetFederationToken's Name: `awscreds-<profile>`, in its alphabet, at most 32 characters. */
export function federatedUserName(profileName: string): string {
  return `awscreds-${profileName.replace(/[^\w+=,.@-]/g, '-')}`.slice(0, 32);
}

/**
 * Keys the sign-in endpoint accepts: temporary sets as they are; long-term keys (which it
 * refuses) exchanged for GetFederationToken credentials, as aws-vault does.
 */
export async function consoleKeys(set: CredentialSet, profile: ResolvedProfile, input: { sdk: SdkClients; env: Env; durationMinutes?: number; debug: (text: string) => void }): Promise<ConsoleKeys> {
  if (set.sessionToken !== undefined) return { accessKeyId: set.accessKeyId, secretAccessKey: set.secretAccessKey, sessionToken: set.sessionToken, provenance: provenanceOf(profile) };
  const minutes = input.durationMinutes ?? DEFAULT_FEDERATION_MINUTES;
  const name = federatedUserName(profile.name);
  const region = stsRegion(input.env, profile.region);
  const [{ GetFederationTokenCommand }, client] = await Promise.all([import('@aws-sdk/client-sts'), input.sdk.sts(region, { accessKeyId: set.accessKeyId, secretAccessKey: set.secretAccessKey })]);
  input.debug(`console: GetFederationToken ${name} in ${region} for ${minutes} min (profile "${profile.name}")`);
  try {
    const { Credentials: c } = await client.send(new GetFederationTokenCommand({ Name: name, Policy: PASS_THROUGH_POLICY, DurationSeconds: minutes * 60 }));
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
      throw new AwscredsError('INVALID_CREDENTIALS', `GetFederationToken for profile "${profile.name}" returned an incomplete set.`, 'try again; STS always returns all fields.');
    }
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, provenance: 'federation-token' };
  } catch (error) {
    if (error instanceof AwscredsError) throw error;
    if ((error as Error).name === 'AccessDenied') {
      throw new AwscredsError('ACCESS_DENIED', `profile "${profile.name}": GetFederationToken denied (AccessDenied).`, 'allow sts:GetFederationToken for this IAM user, or use a role profile.');
    }
    throw new AwscredsError('SERVICE', `GetFederationToken for profile "${profile.name}" failed: ${describeServiceError(error)}.`, `check --duration (the root user: at most 60) and your network.`);
  } finally {
    client.destroy();
  }
}
