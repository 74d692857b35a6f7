import { profileArgument } from '../shells/profileArgument';
import type { SignInTarget } from './SignInTarget';

/** The `awscreds login …` command that signs in to this target again, for messages. */
export function signInCommandLine(target: SignInTarget, profileName: string | undefined, extra = ''): string {
  const what =
    profileName !== undefined ? profileArgument(profileName) : target.sessionName !== undefined ? profileArgument(target.sessionName, '--sso-session') : '--profile PROFILE';
  return `awscreds login ${what}${extra}`;
}
