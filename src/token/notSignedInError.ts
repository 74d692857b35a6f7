import { AwscredsError } from '../AwscredsError';
import type { SsoSettings } from '../config/types';
import { profileArgument } from '../shells/profileArgument';

export function notSignedInError(profileName: string, sso: SsoSettings, why: string): AwscredsError {
  const target = sso.sessionName ? `sso-session "${sso.sessionName}"` : `start URL ${sso.startUrl}`;
  const profileArg = profileArgument(profileName);
  return new AwscredsError(
    'NOT_SIGNED_IN',
    `profile "${profileName}" is not signed in: ${why} (${target}).`,
    `sign in with \`awscreds login ${profileArg}\` (or \`aws sso login ${profileArg}\`), then run the export again.`,
  );
}
