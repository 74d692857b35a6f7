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
  run: async (args, context) => (await import('../../login/runLogin')).runLogin(args, context),
};
