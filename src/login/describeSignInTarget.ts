import type { SignInTarget } from './SignInTarget';

/** `sso-session "corp"`, or `start URL https://…` for a legacy profile: what a message names. */
export function describeSignInTarget(target: SignInTarget): string {
  return target.sessionName !== undefined ? `sso-session "${target.sessionName}"` : `start URL ${target.startUrl}`;
}
