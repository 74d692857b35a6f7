import { AwscredsError } from '../AwscredsError';
import { resolveProfileName } from '../config/resolveProfileName';
import { resolveSignInTarget } from './resolveSignInTarget';
import { signIn } from './signIn';
import type { CliContext, CommandResult } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';

/** `awscreds login`, loaded only when that command runs. */
export async function runLogin(args: ParsedArgs, context: CliContext): Promise<CommandResult> {
  const profileOption = args.profile as string | undefined;
  const sessionOption = args['sso-session'] as string | undefined;
  if (profileOption !== undefined && sessionOption !== undefined) {
    throw new AwscredsError('USAGE', '--profile and --sso-session were both given; they name what to sign in to in two ways.', 'give one of them.');
  }
  if (sessionOption !== undefined && sessionOption.trim() === '') {
    throw new AwscredsError('USAGE', '--sso-session was given an empty name', 'pass the name of an [sso-session NAME] section, e.g. --sso-session corp');
  }
  const profileName = sessionOption === undefined ? resolveProfileName({ profileOption, env: context.env }) : undefined;
  const sso = resolveSignInTarget({ profileName, ssoSessionName: sessionOption, env: context.env, home: context.home });
  await signIn({
    sso,
    ...(profileName !== undefined ? { profileName } : {}),
    context,
    useDeviceCode: args['use-device-code'] === true,
    openBrowser: args.browser !== false,
  });
  return { stdout: '', exitCode: 0 };
}
