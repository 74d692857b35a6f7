import { formatCacheDate } from '../cache/formatCacheDate';
import type { SSOToken } from '../token/SSOToken';
import type { ClientRegistration } from './ClientRegistration';
import type { OidcToken } from './OidcToken';
import type { SignInTarget } from './SignInTarget';

/**
 * The token cache entry the AWS CLI writes after `aws sso login`, field for field and in its
 * order: startUrl, region, accessToken, expiresAt, clientId, clientSecret,
 * registrationExpiresAt, and refreshToken when one was issued.
 */
export function buildSSOToken({ target, token, registration, now }: { target: SignInTarget; token: OidcToken; registration: ClientRegistration; now: Date }): SSOToken {
  return {
    startUrl: target.startUrl,
    region: target.ssoRegion,
    accessToken: token.accessToken,
    expiresAt: formatCacheDate(new Date(now.getTime() + token.expiresIn * 1000)),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: formatCacheDate(new Date(Date.parse(registration.expiresAt))),
    ...(token.refreshToken !== undefined ? { refreshToken: token.refreshToken } : {}),
  };
}
