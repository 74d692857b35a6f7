import { AwscredsError } from '../AwscredsError';
import { resolveProfileName } from '../config/resolveProfileName';
import { resolveSignInTarget } from './resolveSignInTarget';
import { signOut } from './signOut';
import type { CliContext, CommandResult } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';

/** `awscreds logout`, loaded only when that command runs. */
export async function runLogout(args: ParsedArgs, context: CliContext): Promise<CommandResult> {
  const profileOption = args.profile as string | undefined;
  if (args.all === true) {
    if (profileOption !== undefined) throw new AwscredsError('USAGE', '--all and --profile were both given.', 'give --profile NAME to sign out of one sign-in, or --all for every one.');
    await signOut({ scope: { all: true }, context });
    return { stdout: '', exitCode: 0 };
  }
  const profileName = resolveProfileName({ profileOption, env: context.env });
  const target = resolveSignInTarget({ profileName, env: context.env, home: context.home });
  await signOut({ scope: { target, profileName }, context });
  return { stdout: '', exitCode: 0 };
}
