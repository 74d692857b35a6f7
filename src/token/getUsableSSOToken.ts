import { formatCacheDate } from '../awsCliCache/botocoreFormat';
import { getSSOTokenFilepath } from '../awsCliCache/cachePaths';
import { readSSOTokenFromFile, writeSSOTokenToFile, type SSOToken } from '../awsCliCache/ssoTokenFile';
import type { SsoSettings } from '../config/loadProfile';
import { AwscredsError } from '../runtime/AwscredsError';
import type { SdkClients } from '../runtime/Runtime';
import { describeServiceError } from '../runtime/text';
import { profileArgument } from '../shells/bash';

/** The AWS CLI refreshes a session token inside 15 minutes of its expiry. */
export const TOKEN_REFRESH_WINDOW_MS = 15 * 60 * 1000;

export interface UsableTokenInput {
  readonly home: string;
  readonly profileName: string;
  readonly sso: SsoSettings;
  readonly sdk: SdkClients;
  readonly now: Date;
  readonly log: (text: string) => void;
  readonly debug: (text: string) => void;
}

/**
 * The access token for a profile, from the cache shared with the AWS CLI, refreshed first when
 * it is a session-form token close to expiry. Throws NOT_SIGNED_IN when there is none usable.
 */
export async function getUsableSSOToken(input: UsableTokenInput): Promise<string> {
  const { home, profileName, sso, sdk, now, log, debug } = input;
  const path = getSSOTokenFilepath(home, sso);
  const token = readSSOTokenFromFile(path, log);
  debug(token ? `SSO token: ${path} (expires ${token.expiresAt})` : `SSO token: none at ${path}`);
  if (!token) throw notSignedInError(profileName, sso, 'there is no cached SSO token');

  const expiresAt = Date.parse(token.expiresAt);
  const remaining = expiresAt - now.getTime();
  const { clientId, clientSecret, refreshToken, registrationExpiresAt } = token;
  const refreshable =
    sso.sessionName !== undefined &&
    clientId !== undefined &&
    clientSecret !== undefined &&
    refreshToken !== undefined &&
    registrationExpiresAt !== undefined &&
    Date.parse(registrationExpiresAt) > now.getTime();

  if (remaining >= TOKEN_REFRESH_WINDOW_MS) return token.accessToken;
  if (refreshable) {
    debug(`SSO token within ${TOKEN_REFRESH_WINDOW_MS / 60_000} min of expiry: refreshing with CreateToken (refresh_token)`);
    try {
      const refreshed = await refreshSSOToken({ ...token, clientId, clientSecret, refreshToken }, sso, sdk, now);
      try {
        writeSSOTokenToFile(path, refreshed);
      } catch (error) {
        throw new AwscredsError(
          'FILESYSTEM',
          `refreshed the SSO token for sso-session "${sso.sessionName}" but could not save it to ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the old file was left as it was.`,
          'make ~/.aws/sso/cache a directory you own (mode 0700), then sign in again (`awscreds login`).',
        );
      }
      log(`awscreds: refreshed the SSO token for sso-session "${sso.sessionName}".`);
      return refreshed.accessToken;
    } catch (error) {
      if (error instanceof AwscredsError) throw error;
      if (remaining <= 0) throw notSignedInError(profileName, sso, `the SSO token expired and refreshing it failed (${describeServiceError(error)})`);
      log(`awscreds: warning: refreshing the SSO token failed (${describeServiceError(error)}); using the current one, which expires in ${Math.ceil(remaining / 60000)} min.`);
      return token.accessToken;
    }
  }
  if (remaining <= 0) throw notSignedInError(profileName, sso, `the cached SSO token expired at ${token.expiresAt}`);
  return token.accessToken;
}

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

export function notSignedInError(profileName: string, sso: SsoSettings, why: string): AwscredsError {
  const target = sso.sessionName ? `sso-session "${sso.sessionName}"` : `start URL ${sso.startUrl}`;
  return new AwscredsError('NOT_SIGNED_IN', `profile "${profileName}" is not signed in: ${why} (${target}).`, notSignedInFix(profileName));
}

/** How to sign in, then `rerun` (a command line in the user's shell), or the command again. */
export function notSignedInFix(profileName: string, rerun?: string): string {
  const profileArg = profileArgument(profileName);
  return `sign in with \`awscreds login ${profileArg}\` (or \`aws sso login ${profileArg}\`), then ${rerun ? `\`${rerun}\` again` : 'run the command again'}.`;
}
