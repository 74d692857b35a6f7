import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { removeAssumedRoleFiles } from '../awsCliCache/assumeRoleFile';
import { assumeRoleCacheArgs, cliCacheDirectory, getAssumeRoleCacheFilepath, getRoleCredentialsCacheFilepath, getSSOTokenFilepath, ssoCacheDirectory } from '../awsCliCache/cachePaths';
import { removeSsoRoleCredentialFiles } from '../awsCliCache/roleCredentialsFile';
import { listCachedSSOTokenFiles, readCachedTokenFile, type CachedTokenFile } from '../awsCliCache/ssoTokenFile';
import type { ConfiguredRoleChain, ConfiguredSsoProfile } from '../config/ssoSessions';
import { AwscredsError } from '../runtime/AwscredsError';
import type { SdkClients } from '../runtime/Runtime';
import { describeServiceError } from '../runtime/text';
import { isAbortError } from './signInErrors';
import { describeSignInTarget, type SignInContext, type SignInTarget } from './signInTarget';

export type SignOutScope =
  /**
   * Every cached SSO token and every SSO role-credential file, as `aws sso logout`, and the
   * cached role credentials of every role chain in `roleChains` (configuredRoleChains).
   */
  | { readonly all: true; readonly roleChains?: readonly ConfiguredRoleChain[] }
  /**
   * One sign-in: the token of this target (a profile's sso-session, or its start URL), and the
   * role credentials of every profile in `ssoProfiles` (configuredSsoProfiles) that uses it.
   */
  | {
      readonly all?: false;
      readonly target: SignInTarget;
      readonly profileName?: string;
      readonly ssoProfiles: readonly ConfiguredSsoProfile[];
      /** Role chains (configuredRoleChains): those rooted in this sign-in lose their cached role credentials too. */
      readonly roleChains?: readonly ConfiguredRoleChain[];
    };

/** The assume-role cache files of every level of these chains. */
function chainCachePaths(home: string, chains: readonly ConfiguredRoleChain[]): string[] {
  return [...new Set(chains.flatMap((chain) => chain.levels.map((role) => getAssumeRoleCacheFilepath(home, assumeRoleCacheArgs(role)))))].sort();
}

/**
 * Signs out as `aws sso logout` does, for one sign-in or all of them: calls Logout for each
 * token that has a region and has not expired (a failed call is a warning: the local files go
 * anyway), deletes the token file(s), and deletes the role credentials obtained with them
 * (~/.aws/cli/cache files whose ProviderType is `sso`).
 *
 * For one target: its token file, and the role-credential files of every configured profile
 * that uses that same token (every profile of the sso-session, or of the legacy start URL),
 * because they were obtained with the sign-in that ends here. Client registrations stay (they
 * hold no session, and the AWS CLI keeps them too). Everything printed goes to `context.log`.
 */
export async function signOut({ scope, context }: { scope: SignOutScope; context: SignInContext }): Promise<void> {
  const { home, log, debug } = context;
  const tokenDir = ssoCacheDirectory(home);
  const roleDir = cliCacheDirectory(home);

  if (scope.all) {
    const tokens = listCachedSSOTokenFiles(tokenDir, debug);
    let ended = 0;
    for (const token of tokens) {
      if (await endSession(token, undefined, context)) ended++;
      removeFile(token.path);
    }
    const roles = [...removeSsoRoleCredentialFiles({ cacheDir: roleDir, debug }), ...removeAssumedRoleFiles(chainCachePaths(home, scope.roleChains ?? []))];
    log(
      tokens.length === 0 && roles.length === 0
        ? `awscreds: nothing to sign out of: no SSO token in ${tokenDir} and no SSO role credentials in ${roleDir}.`
        : `awscreds: signed out of every SSO session: ended ${ended} of ${tokens.length} session(s) with IAM Identity Center, removed ${tokens.length} token file(s) from ${tokenDir} and ${roles.length} role-credential file(s) from ${roleDir}.`,
    );
    return;
  }

  const { target, profileName, ssoProfiles } = scope;
  const tokenPath = getSSOTokenFilepath(home, target);
  // Every profile of the sso-session (or of the legacy start URL) got its credentials with this token.
  const rolePaths = [...new Set(ssoProfiles.filter((p) => getSSOTokenFilepath(home, p.sso) === tokenPath).map((p) => getRoleCredentialsCacheFilepath(home, p.sso)))].sort();
  const what = `${describeSignInTarget(target)}${profileName !== undefined ? ` (profile "${profileName}")` : ''}`;
  let ended = false;
  const hadToken = existsSync(tokenPath);
  if (hadToken) {
    ended = await endSession(readCachedTokenFile(tokenPath, debug), target.ssoRegion, context);
    removeFile(tokenPath);
  } else debug(`sign-out: no token at ${tokenPath}`);
  // Role chains rooted in this sign-in assumed their roles with credentials from it.
  const chains = (scope.roleChains ?? []).filter((chain) => getSSOTokenFilepath(home, chain.root) === tokenPath);
  const roles = [...removeSsoRoleCredentialFiles({ cacheDir: roleDir, paths: rolePaths, debug }), ...removeAssumedRoleFiles(chainCachePaths(home, chains))];
  const roleText = `${roles.length} cached role-credential file(s)`;
  log(
    hadToken
      ? `awscreds: signed out of ${what}: ${ended ? 'ended the session with IAM Identity Center, ' : ''}removed ${tokenPath} and ${roleText}. Every profile that uses ${describeSignInTarget(target)} is signed out.`
      : `awscreds: ${what} was not signed in (no token at ${tokenPath}); removed ${roleText}.`,
  );
}

/** Calls Logout for a token when that can work; says why not, or warns when it failed. */
async function endSession(token: CachedTokenFile, fallbackRegion: string | undefined, context: SignInContext): Promise<boolean> {
  const { debug, log } = context;
  const region = token.region ?? fallbackRegion;
  if (token.accessToken === undefined) {
    debug(`sign-out: ${token.path} holds no access token; removing it without Logout`);
    return false;
  }
  if (region === undefined) {
    debug(`sign-out: ${token.path} has no region; removing it without Logout (as aws sso logout)`);
    return false;
  }
  const expiresAt = token.expiresAt === undefined ? Number.NaN : Date.parse(token.expiresAt);
  if (expiresAt <= context.now().getTime()) {
    debug(`sign-out: ${token.path} expired at ${token.expiresAt ?? '?'}; no Logout needed`);
    return false;
  }
  debug(`sign-out: Logout in ${region} for the token in ${token.path}`);
  try {
    await callLogout({ sdk: context.sdk, region, accessToken: token.accessToken, signal: context.interrupted });
    return true;
  } catch (error) {
    if (isAbortError(error, context.interrupted)) {
      throw new AwscredsError('INTERRUPTED', `interrupted (Ctrl-C) while calling Logout for ${token.path}; the file is still there.`, 'run the same `awscreds logout` again.');
    }
    log(`awscreds: warning: Logout at IAM Identity Center (region ${region}) failed for ${token.path}: ${describeServiceError(error)}; removing the local files anyway.`);
    return false;
  }
}

function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new AwscredsError('FILESYSTEM', `cannot remove ${path}: ${(error as Error).message}`, `remove it yourself (rm ${path}), or fix its directory's permissions and run awscreds logout again.`);
  }
}

/**
 * The portal's Logout for one access token, which ends that sign-in session at IAM Identity
 * Center (its refresh token stops working too). Throws the SDK's error as is.
 */
export async function callLogout({ sdk, region, accessToken, signal }: { sdk: SdkClients; region: string; accessToken: string; signal: AbortSignal }): Promise<void> {
  const { LogoutCommand } = await import('@aws-sdk/client-sso');
  const client = await sdk.sso(region);
  try {
    await client.send(new LogoutCommand({ accessToken }), { abortSignal: signal });
  } finally {
    client.destroy();
  }
}
