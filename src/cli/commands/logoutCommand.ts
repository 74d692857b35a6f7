import { loadSharedConfig, resolveProfileName } from '../../config/sharedConfig';
import { AwscredsError } from '../../runtime/AwscredsError';
import type { CommandModule } from '../CommandModule';

export const logoutCommand: CommandModule = {
  command: 'logout',
  describe: 'Sign out of IAM Identity Center: end the session, delete the cached token and the role credentials obtained with it (role chains rooted in it included)',
  options: {
    profile: {
      type: 'string',
      alias: 'p',
      describe: 'Sign out of this profile\'s sso-session (or start URL), which signs out every profile sharing it (default: $AWS_PROFILE, else "default")',
    },
    all: { type: 'boolean', default: false, describe: 'Sign out of every cached SSO session and delete every SSO role-credential cache file, as `aws sso logout`' },
  },
  examples: [
    ['awscreds logout --profile dev', 'end the sign-in dev uses; removes its token and the cached role credentials of every profile using it'],
    ['awscreds logout --all', 'what `aws sso logout` does: every SSO token and every SSO role-credential file'],
  ],
  async run(args, context) {
    const profileOption = args.profile as string | undefined;
    if (args.all === true && profileOption !== undefined) {
      throw new AwscredsError('USAGE', '--all and --profile were both given.', 'give --profile NAME to sign out of one sign-in, or --all for every one.');
    }
    const [{ configuredRoleChains, configuredSsoProfiles, resolveSignInTarget }, { signOut }] = await Promise.all([import('../../config/ssoSessions'), import('../../login/signOut')]);
    if (args.all === true) {
      // Signing out of everything must work even beside a config that does not read.
      let roleChains: ReturnType<typeof configuredRoleChains> = [];
      try {
        roleChains = configuredRoleChains(loadSharedConfig(context), context.debug);
      } catch (error) {
        context.debug(`logout --all: cannot read the config for role chains (${error instanceof Error ? error.message : String(error)})`);
      }
      await signOut({ scope: { all: true, roleChains }, context });
      return { stdout: '', exitCode: 0 };
    }
    const shared = loadSharedConfig(context);
    const roleChains = configuredRoleChains(shared, context.debug);
    const profileName = resolveProfileName({ profileOption, env: context.env });
    const target = resolveSignInTarget(shared, { profileName });
    await signOut({ scope: { target, profileName, ssoProfiles: configuredSsoProfiles(shared, context.debug), roleChains }, context });
    return { stdout: '', exitCode: 0 };
  },
};
