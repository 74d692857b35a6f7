import { formatCacheDate } from '../awsCliCache/botocoreFormat';
import { cliCacheDirectory, getSSOTokenFilepath, ssoCacheDirectory } from '../awsCliCache/cachePaths';
import type { ClientRegistration } from '../awsCliCache/clientRegistrationFile';
import { foreignTokenError, isForeignTokenFile, writeSSOTokenToFile, type SSOToken } from '../awsCliCache/ssoTokenFile';
import { AwscredsError } from '../runtime/AwscredsError';
import { clearFailureRecords } from '../runtime/failureRecords';
import { signInWithAuthorizationCode } from './authorizationCode';
import { signInWithDeviceCode } from './deviceCode';
import { interruptedError, isAbortError } from './signInErrors';
import { describeSignInTarget, signInCommandLine, type OidcToken, type SignInContext, type SignInTarget } from './signInTarget';

export interface SignInInput {
  /**
   * What to sign in to: a profile's `sso` settings as loadProfile resolved them (session or
   * legacy form), or an sso-session's (resolveSignInTarget).
   */
  readonly sso: SignInTarget;
  /** The profile being signed in, if any: only used to word messages (`awscreds login --profile …`). */
  readonly profileName?: string;
  readonly context: SignInContext;
  /** The device-code flow even for an sso-session (headless machines). Legacy profiles always use it. */
  readonly useDeviceCode?: boolean;
  /** Try to open a browser (default true); false only prints the URL (and the code). */
  readonly openBrowser?: boolean;
}

/**
 * Signs in to IAM Identity Center and writes the token where the AWS CLI keeps it
 * (~/.aws/sso/cache/<sha1 of sso-session name, or of start URL>.json, its format, 0600,
 * atomically), so `aws` commands are signed in too. Authorization code with PKCE for
 * sso-sessions, device code for legacy profiles or when asked. Everything it prints goes to
 * `context.log` (stderr). Ctrl-C (`context.interrupted`) ends it with an INTERRUPTED error
 * and nothing written; every other failure is an AwscredsError saying what to do.
 */
export async function signIn({ sso, profileName, context, useDeviceCode = false, openBrowser = true }: SignInInput): Promise<SSOToken> {
  const retryCommand = signInCommandLine(sso, profileName);
  const flow = useDeviceCode || sso.sessionName === undefined ? 'device-code' : 'authorization-code';
  const signal = context.interrupted;
  if (signal.aborted) throw interruptedError('before the sign-in started', retryCommand);
  context.debug(`sign-in: ${flow} flow for ${describeSignInTarget(sso)} (${sso.sessionName === undefined ? 'legacy profile' : 'sso-session'})`);

  // Another tool's token where this one would go is left alone: refused before any browser opens.
  const path = getSSOTokenFilepath(context.home, sso);
  if (isForeignTokenFile(path)) throw foreignTokenError(path);
  const client = await context.sdk.oidc(sso.ssoRegion);
  let result;
  try {
    const input = { client, target: sso, context, openBrowser, retryCommand };
    result = flow === 'authorization-code' ? await signInWithAuthorizationCode(input) : await signInWithDeviceCode(input);
  } catch (error) {
    if (!(error instanceof AwscredsError) && isAbortError(error, signal)) throw interruptedError('during the sign-in', retryCommand);
    throw error;
  } finally {
    client.destroy();
  }
  // Ctrl-C after the token arrived still means "stop": nothing is written.
  if (signal.aborted) throw interruptedError('as the sign-in finished', retryCommand);

  const now = context.now();
  const token = buildSSOToken({ target: sso, token: result.token, registration: result.registration, now });
  try {
    writeSSOTokenToFile(path, token);
  } catch (error) {
    if (error instanceof AwscredsError) throw error;
    throw new AwscredsError(
      'FILESYSTEM',
      `signed in, but cannot write the SSO token to ${path}: ${(error as Error).message}`,
      `make ${path.replace(/\/[^/]+$/, '')} a directory you own (mode 0700), then run \`${retryCommand}\` again.`,
    );
  }
  context.debug(`SSO token: written to ${path} (expires ${token.expiresAt}${token.refreshToken ? ', refreshable' : ''})`);
  // Failures recorded under the old sign-in (a refresh, GetRoleCredentials) must not stop the
  // exports that follow this one.
  for (const record of clearFailureRecords([ssoCacheDirectory(context.home), cliCacheDirectory(context.home)], path)) context.debug(`sign-in: removed the failure record ${record}`);
  const minutes = Math.round(result.token.expiresIn / 60);
  context.log(`awscreds: signed in to ${describeSignInTarget(sso)}; the session is valid until ${token.expiresAt} (${minutes} min).`);
  return token;
}

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
