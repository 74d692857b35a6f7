import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { formatCacheDate } from '../cache/formatCacheDate';
import type { ClientRegistration } from './ClientRegistration';
import { isAbortError } from './isAbortError';
import { AUTHORIZATION_CODE_GRANT_TYPES, REGISTERED_REDIRECT_URI } from './signInConstants';
import { signInServiceError } from './signInServiceError';
import type { SignInFlow, SignInTarget } from './SignInTarget';

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
