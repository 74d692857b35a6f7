import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { formatCacheDate } from '../awsCliCache/botocoreFormat';
import { getClientRegistrationCacheFilepath } from '../awsCliCache/cachePaths';
import { readCachedClientRegistration, writeCachedClientRegistration, type ClientRegistration } from '../awsCliCache/clientRegistrationFile';
import { isAbortError, signInServiceError } from './signInErrors';
import { AUTHORIZATION_CODE_GRANT_TYPES, DEVICE_CODE_GRANT_TYPE, REGISTERED_REDIRECT_URI, REGISTRATION_MIN_REMAINING_MS, type SignInFlow, type SignInTarget } from './signInTarget';

export interface RegisterClientInput {
  readonly client: SSOOIDCClient;
  readonly target: SignInTarget;
  readonly flow: SignInFlow;
  readonly scopes: readonly string[] | undefined;
  readonly now: Date;
  readonly signal: AbortSignal;
}

/**
 * RegisterClient as the AWS CLI calls it: a public client named `botocore-client-<sso-session>`
 * (the epoch seconds in the legacy form) with the scopes, if any; for the authorization-code
 * flow also its grant types, the loopback redirect URI and the start URL as issuer.
 * Returns the registration in its cache form.
 */
export async function registerClient({ client, target, flow, scopes, now, signal }: RegisterClientInput): Promise<ClientRegistration> {
  const { RegisterClientCommand } = await import('@aws-sdk/client-sso-oidc');
  const authorizationCode = flow === 'authorization-code';
  const command = new RegisterClientCommand({
    clientName: `botocore-client-${target.sessionName ?? Math.floor(now.getTime() / 1000)}`,
    clientType: 'public',
    ...(scopes && scopes.length > 0 ? { scopes: [...scopes] } : {}),
    ...(authorizationCode
      ? { grantTypes: [...AUTHORIZATION_CODE_GRANT_TYPES], redirectUris: [REGISTERED_REDIRECT_URI], issuerUrl: target.startUrl }
      : {}),
  });
  let response;
  try {
    response = await client.send(command, { abortSignal: signal });
  } catch (error) {
    if (isAbortError(error, signal)) throw error;
    throw signInServiceError('RegisterClient', 'OIDC', target, error);
  }
  const { clientId, clientSecret, clientSecretExpiresAt } = response;
  if (!clientId || !clientSecret || !clientSecretExpiresAt) {
    throw signInServiceError('RegisterClient', 'OIDC', target, new Error('the answer lacks clientId, clientSecret or clientSecretExpiresAt'));
  }
  return {
    clientId,
    clientSecret,
    expiresAt: formatCacheDate(new Date(clientSecretExpiresAt * 1000)),
    ...(scopes && scopes.length > 0 ? { scopes: [...scopes] } : {}),
    ...(authorizationCode ? { grantTypes: [...AUTHORIZATION_CODE_GRANT_TYPES] } : {}),
  };
}

export interface GetClientRegistrationInput {
  readonly client: SSOOIDCClient;
  readonly target: SignInTarget;
  readonly flow: SignInFlow;
  readonly home: string;
  readonly now: Date;
  readonly log: (text: string) => void;
  readonly debug: (text: string) => void;
  readonly signal: AbortSignal;
  /** Skip the cache (the service refused the cached client): register and replace it. */
  readonly forceNew?: boolean;
}

/**
 * The OIDC client to sign in with, reused from ~/.aws/sso/cache like the AWS CLI reuses it:
 * only with more than 15 minutes left, and only by the flow whose grant types it holds (both
 * flows share one cache name: an authorization-code registration carries `grantTypes`, a
 * device-code one does not). Otherwise RegisterClient, and the cache file is replaced; a cache
 * that cannot be written costs a warning, not the sign-in.
 */
export async function getClientRegistration(input: GetClientRegistrationInput): Promise<ClientRegistration> {
  const { client, target, flow, home, now, log, debug, signal } = input;
  const scopes = defaultRegistrationScopes(target);
  const path = getClientRegistrationCacheFilepath(home, { ...target, ...(scopes ? { scopes } : {}) });
  if (!input.forceNew) {
    const cached = readCachedClientRegistration(path, debug);
    if (cached) {
      const remainingMs = Date.parse(cached.expiresAt) - now.getTime();
      const fits = flow === 'authorization-code' ? (cached.grantTypes?.includes('authorization_code') ?? false) : cached.grantTypes === undefined || cached.grantTypes.includes(DEVICE_CODE_GRANT_TYPE);
      if (remainingMs <= REGISTRATION_MIN_REMAINING_MS) debug(`client registration: ${path} expires at ${cached.expiresAt}, within 15 min; registering anew`);
      else if (!fits) debug(`client registration: ${path} was made for the ${flow === 'authorization-code' ? 'device-code' : 'authorization-code'} flow; registering anew for the ${flow} flow`);
      else {
        debug(`client registration: reusing ${path} (expires ${cached.expiresAt})`);
        return cached;
      }
    }
  }
  debug(`client registration: RegisterClient for the ${flow} flow${scopes ? ` with scopes ${scopes.join(' ')}` : ''}`);
  const registration = await registerClient({ client, target, flow, scopes, now, signal });
  try {
    writeCachedClientRegistration(path, registration);
    debug(`client registration: cached at ${path} (expires ${registration.expiresAt})`);
  } catch (error) {
    log(`awscreds: warning: could not cache the client registration at ${path} (${(error as Error).message}); the next sign-in will register again.`);
  }
  return registration;
}

/** The scope the AWS CLI asks for in the session form when the sso-session names none. */
const DEFAULT_SESSION_SCOPES: readonly string[] = ['sso:account:access'];

/**
 * The scopes a client registration asks for: the sso-session's `sso_registration_scopes`, else
 * `sso:account:access` (session form); none in the legacy form, as the AWS CLI does. The
 * registration cache key is computed from these same scopes, so a cached registration always
 * holds the scopes its name promises.
 */
export function defaultRegistrationScopes(target: SignInTarget): readonly string[] | undefined {
  if (target.sessionName === undefined) return undefined;
  return target.registrationScopes && target.registrationScopes.length > 0 ? target.registrationScopes : DEFAULT_SESSION_SCOPES;
}
