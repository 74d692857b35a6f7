import { AwscredsError } from '../AwscredsError';
import { describeServiceError } from '../describeServiceError';
import { describeSignInTarget } from './describeSignInTarget';
import type { SignInTarget } from './SignInTarget';

/** A failed IAM Identity Center call during sign-in or sign-out, named with where it went. */
export function signInServiceError(operation: string, service: 'OIDC' | 'portal', target: SignInTarget, error: unknown, fix?: string): AwscredsError {
  const where = target.sessionName !== undefined ? `[sso-session ${target.sessionName}]` : 'the profile';
  return new AwscredsError(
    'SERVICE',
    `${operation} (IAM Identity Center ${service}, region ${target.ssoRegion}) failed for ${describeSignInTarget(target)}: ${describeServiceError(error)}`,
    fix ?? `check sso_start_url and sso_region in ${where} of your AWS config file, and the network (proxy, AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO); then sign in again.`,
  );
}
