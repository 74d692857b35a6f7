import { AwscredsError } from '../AwscredsError';
import { notSignedInError } from '../token/notSignedInError';
import type { ListTarget } from './resolveListTarget';

/** NOT_SIGNED_IN for `list`: export's error when a profile signs in this way, else one for the sso-session. */
export function listNotSignedInError(target: ListTarget, why: string): AwscredsError {
  if (target.profileName !== undefined) return notSignedInError(target.profileName, target.sso, why);
  const session = target.sso.sessionName ?? '';
  return new AwscredsError(
    'NOT_SIGNED_IN',
    `${target.label} is not signed in: ${why}.`,
    `sign in with \`aws sso login --sso-session ${session}\`, or add a profile that uses it and run \`awscreds login --profile NAME\`; then list again.`,
  );
}
