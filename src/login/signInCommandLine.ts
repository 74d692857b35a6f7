import { escapeBashValue } from '../shells/escapeBashValue';
import type { SignInTarget } from './SignInTarget';

/** The `awscreds login …` command that signs in to this target again, for messages. */
export function signInCommandLine(target: SignInTarget, profileName: string | undefined, extra = ''): string {
  const what =
    profileName !== undefined ? `--profile ${escapeBashValue(profileName)}` : target.sessionName !== undefined ? `--sso-session ${escapeBashValue(target.sessionName)}` : '--profile PROFILE';
  return `awscreds login ${what}${extra}`;
}
