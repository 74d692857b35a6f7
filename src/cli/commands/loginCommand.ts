import { loadSharedConfig, resolveProfileName } from '../../config/sharedConfig';
import { AwscredsError } from '../../runtime/AwscredsError';
import type { CommandModule } from '../CommandModule';

export const loginCommand: CommandModule = {
  command: 'login',
  describe: 'Sign in to IAM Identity Center (AWS SSO) and cache the token where the AWS CLI reads it',
  options: {
    profile: { type: 'string', alias: 'p', describe: 'Sign in for this profile\'s sso-session or start URL (default: $AWS_PROFILE, else "default")' },
    'sso-session': { type: 'string', describe: 'Sign in to this [sso-session] of ~/.aws/config instead of a profile\'s' },
    'use-device-code': { type: 'boolean', default: false, describe: 'Sign in with a code entered on any device (for SSH and headless machines); legacy profiles always do' },
    browser: { type: 'boolean', default: true, describe: 'Open the sign-in page in a browser (--no-browser only prints the URL and code)' },
  },
  examples: [
    ['awscreds login --profile dev', 'sign in for the dev profile (in the browser, via its sso-session)'],
    ['awscreds login --sso-session corp --use-device-code', 'sign in to sso-session corp from a machine without a browser'],
  ],
  async run(args, context) {
    const profileOption = args.profile as string | undefined;
    const sessionOption = args['sso-session'] as string | undefined;
    if (profileOption !== undefined && sessionOption !== undefined) {
      throw new AwscredsError('USAGE', '--profile and --sso-session were both given; they name what to sign in to in two ways.', 'give one of them.');
    }
    if (sessionOption !== undefined && sessionOption.trim() === '') {
      throw new AwscredsError('USAGE', '--sso-session was given an empty name', 'pass the name of an [sso-session NAME] section, e.g. --sso-session corp');
    }
    const [{ resolveSignInTarget }, { signIn }] = await Promise.all([import('../../config/ssoSessions'), import('../../login/signIn')]);
    const profileName = sessionOption === undefined ? resolveProfileName({ profileOption, env: context.env }) : undefined;
    const sso = resolveSignInTarget(loadSharedConfig(context), { profileName, ssoSessionName: sessionOption });
    await signIn({
      sso,
      ...(profileName !== undefined ? { profileName } : {}),
      context,
      useDeviceCode: args['use-device-code'] === true,
      openBrowser: args.browser !== false,
    });
    return { stdout: '', exitCode: 0 };
  },
};
