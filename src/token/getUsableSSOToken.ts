import { formatCacheDate } from '../awsCliCache/botocoreFormat';
import { getSSOTokenFilepath, lockFilepath } from '../awsCliCache/cachePaths';
import { ACCOUNT_ACCESS_SCOPE, foreignTokenError, readSSOTokenFromFile, scopelessSignInError, writeSSOTokenToFile, type SSOToken } from '../awsCliCache/ssoTokenFile';
import type { SsoSettings } from '../config/loadProfile';
import { AwscredsError } from '../runtime/AwscredsError';
import { withFileLock } from '../runtime/fileLock';
import { NETWORK_POLICY, untilDeadline } from '../runtime/network';
import type { SdkClients } from '../runtime/Runtime';
import { describeServiceError, printable } from '../runtime/text';
import { profileArgument } from '../runtime/shellWords';

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
  /**
   * When the export began to need the network (epoch ms, real clock; default: when this is
   * called): the token lock is waited for, and a refresh cut off, NETWORK_POLICY.exportBudgetMs
   * after it.
   */
  readonly since?: number;
}

/**
 * The access token for a profile, from the cache shared with the AWS CLI, refreshed first when
 * it is a session-form token close to expiry. Throws NOT_SIGNED_IN when there is none usable.
 */
export async function getUsableSSOToken(input: UsableTokenInput): Promise<string> {
  const { home, profileName, sso, now, debug } = input;
  const path = getSSOTokenFilepath(home, sso);
  const token = readToken(path, profileName, sso);
  debug(`SSO token: ${path} (expires ${token.expiresAt})`);
  if (Date.parse(token.expiresAt) - now.getTime() >= TOKEN_REFRESH_WINDOW_MS) return token.accessToken;
  if (!isRefreshable(token, sso, now)) return useAsIs(token, profileName, sso, now);
  // One refresh per token, however many exports need it at once: the others wait for the lock,
  // then find the refreshed token in the file. Refreshing one refresh token twice at once can
  // sign the user out where the service rotates refresh tokens.
  // Read again under the lock: another process may have refreshed it since the read above
  // (and rotated the refresh token this one holds).
  const since = input.since ?? Date.now();
  // The token as the file holds it now, fresh or usable as it is, else handed to `then`.
  const fromFileOr = async (then: (current: RefreshableToken) => Promise<string> | string): Promise<string> => {
    const current = readToken(path, profileName, sso);
    if (Date.parse(current.expiresAt) - now.getTime() >= TOKEN_REFRESH_WINDOW_MS) {
      debug(`SSO token: refreshed by another process meanwhile (${path})`);
      return current.accessToken;
    }
    return isRefreshable(current, sso, now) ? then(current) : useAsIs(current, profileName, sso, now);
  };
  return withFileLock(
    lockFilepath(path),
    {
      what: `the SSO token for sso-session "${sso.sessionName}"`,
      debug,
      since,
      // The refresh failed in the export that held the lock while this one waited: the same
      // outcome here (a warning, or a sign-in if the token expired), without calling again.
      onFailedMeanwhile: (failure) => fromFileOr((current) => afterFailedRefresh(current, failure.detail, input)),
      failureGroup: path,
    },
    ({ recordFailure }) => fromFileOr((current) => refresh(current, path, input, since + NETWORK_POLICY.exportBudgetMs, recordFailure)),
  );
}

/** Throws NOT_SIGNED_IN when the profile's token file is missing or damaged; checks nothing else. */
export function assertTokenFile(home: string, profileName: string, sso: SsoSettings): void {
  readToken(getSSOTokenFilepath(home, sso), profileName, sso);
}

function readToken(path: string, profileName: string, sso: SsoSettings): SSOToken {
  // A sign-in registered for other scopes only gets tokens that cannot reach accounts (401).
  if (sso.registrationScopes && sso.registrationScopes.length > 0 && !sso.registrationScopes.includes(ACCOUNT_ACCESS_SCOPE)) throw scopelessSignInError(path, sso.sessionName);
  const content = readSSOTokenFromFile(path);
  if (content.kind === 'missing') throw notSignedInError(profileName, sso, `there is no cached SSO token (${path})`);
  if (content.kind === 'corrupt') throw notSignedInError(profileName, sso, `the SSO token cache file ${path} is damaged: ${content.why}; signing in again replaces it`);
  if (content.kind === 'foreign') throw foreignTokenError(path);
  return content.token;
}

type RefreshableToken = SSOToken & Required<Pick<SSOToken, 'clientId' | 'clientSecret' | 'refreshToken' | 'registrationExpiresAt'>>;

function isRefreshable(token: SSOToken, sso: SsoSettings, now: Date): token is RefreshableToken {
  const { clientId, clientSecret, refreshToken, registrationExpiresAt } = token;
  return (
    sso.sessionName !== undefined &&
    clientId !== undefined &&
    clientSecret !== undefined &&
    refreshToken !== undefined &&
    registrationExpiresAt !== undefined &&
    Date.parse(registrationExpiresAt) > now.getTime()
  );
}

function useAsIs(token: SSOToken, profileName: string, sso: SsoSettings, now: Date): string {
  if (Date.parse(token.expiresAt) <= now.getTime()) throw notSignedInError(profileName, sso, `the cached SSO token expired at ${token.expiresAt}`);
  return token.accessToken;
}

async function refresh(token: RefreshableToken, path: string, input: UsableTokenInput, deadline: number, recordFailure: (detail: string) => void): Promise<string> {
  const { sso, sdk, now, log, debug } = input;
  debug(`SSO token within ${TOKEN_REFRESH_WINDOW_MS / 60_000} min of expiry: refreshing with CreateToken (refresh_token)`);
  let refreshed: SSOToken;
  try {
    refreshed = await refreshSSOToken(token, sso, sdk, now, deadline);
  } catch (error) {
    if (error instanceof AwscredsError) throw error;
    const detail = describeServiceError(error);
    recordFailure(detail);
    return afterFailedRefresh(token, detail, input);
  }
  try {
    writeSSOTokenToFile(path, refreshed);
  } catch (error) {
    // The new access token works now: export with it, and say once that it was not kept.
    log(
      `awscreds: warning: refreshed the SSO token for sso-session "${sso.sessionName}" but could not save it to ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next export may need a new sign-in.\n  fix: make ~/.aws/sso/cache a directory you own (mode 0700) on a disk with free space.`,
    );
    return refreshed.accessToken;
  }
  log(`awscreds: refreshed the SSO token for sso-session "${sso.sessionName}".`);
  return refreshed.accessToken;
}

/**
 * A refresh failed (`detail` says how: from this process, or read from another's failure record,
 * so it is made printable here): a sign-in when the token has expired, else a warning and the
 * current token.
 */
function afterFailedRefresh(token: SSOToken, detail: string, input: UsableTokenInput): string {
  const { profileName, sso, now, log } = input;
  const remaining = Date.parse(token.expiresAt) - now.getTime();
  if (remaining <= 0) throw notSignedInError(profileName, sso, `the SSO token expired and refreshing it failed (${detail})`);
  log(`awscreds: warning: refreshing the SSO token failed (${printable(detail)}); using the current one, which expires in ${Math.ceil(remaining / 60000)} min.`);
  return token.accessToken;
}

/**
 * Exchanges the cached refresh token for a new access token (CreateToken, grant
 * refresh_token), as the AWS CLI does for session-form profiles. Returns the token to write
 * back: every field of the old one kept, and the refresh token kept unless a new one came.
 * A call still running at `deadline` (epoch ms) is cut off.
 */
export async function refreshSSOToken(token: SSOToken & Required<Pick<SSOToken, 'clientId' | 'clientSecret' | 'refreshToken'>>, sso: SsoSettings, sdk: SdkClients, now: Date, deadline?: number): Promise<SSOToken> {
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
  const client = await sdk.oidc(sso.ssoRegion);
  const response = await client.send(
    new CreateTokenCommand({
      grantType: 'refresh_token',
      clientId: token.clientId,
      clientSecret: token.clientSecret,
      refreshToken: token.refreshToken,
    }),
    untilDeadline(deadline),
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
