import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { ClientRegistration } from './ClientRegistration';
import { defaultRegistrationScopes } from './defaultRegistrationScopes';
import { getClientRegistrationCacheFilepath } from './getClientRegistrationCacheFilepath';
import { readCachedClientRegistration } from './readCachedClientRegistration';
import { registerClient } from './registerClient';
import { DEVICE_CODE_GRANT_TYPE, REGISTRATION_MIN_REMAINING_MS } from './signInConstants';
import type { SignInFlow, SignInTarget } from './SignInTarget';
import { writeCachedClientRegistration } from './writeCachedClientRegistration';

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
