import { AwscredsError } from '../AwscredsError';
import type { SsoSettings } from '../config/types';
import { escapeBashValue } from '../shells/escapeBashValue';

export function notSignedInError(profileName: string, sso: SsoSettings, why: string): AwscredsError {
  const target = sso.sessionName ? `sso-session "${sso.sessionName}"` : `start URL ${sso.startUrl}`;
  const profileArg = escapeBashValue(profileName);
  return new AwscredsError(
    'NOT_SIGNED_IN',
    `profile "${profileName}" is not signed in: ${why} (${target}).`,
    `sign in with \`awscreds login --profile ${profileArg}\` (or \`aws sso login --profile ${profileArg}\`), then run the export again.`,
  );
}
