import type { SignInTarget } from './SignInTarget';

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
