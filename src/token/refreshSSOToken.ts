import type { SdkClients } from '../cli/CliContext';
import { formatCacheDate } from '../cache/formatCacheDate';
import type { SsoSettings } from '../config/types';
import type { SSOToken } from './SSOToken';

/**
 * Exchanges the cached refresh token for a new access token (CreateToken, grant
 * refresh_token), as the AWS CLI does for session-form profiles. Returns the token to write
 * back: every field of the old one kept, and the refresh token kept unless a new one came.
 */
export async function refreshSSOToken(token: SSOToken & Required<Pick<SSOToken, 'clientId' | 'clientSecret' | 'refreshToken'>>, sso: SsoSettings, sdk: SdkClients, now: Date): Promise<SSOToken> {
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
  const client = await sdk.oidc(sso.ssoRegion);
  const response = await client.send(
    new CreateTokenCommand({
      grantType: 'refresh_token',
      clientId: token.clientId,
      clientSecret: token.clientSecret,
      refreshToken: token.refreshToken,
    }),
  );
  if (!response.accessToken || !response.expiresIn) throw new Error('CreateToken returned no accessToken or expiresIn');
  return {
    ...token,
    startUrl: sso.startUrl,
    region: sso.ssoRegion,
    accessToken: response.accessToken,
    expiresAt: formatCacheDate(new Date(now.getTime() + response.expiresIn * 1000)),
    refreshToken: response.refreshToken ?? token.refreshToken,
  };
}
