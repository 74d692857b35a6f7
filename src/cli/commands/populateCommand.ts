import { AwscredsError } from '../../runtime/AwscredsError';
import { DEFAULT_NAME_TEMPLATE } from '../../populate/profileNames';
import type { CommandModule } from '../CommandModule';

export const populateCommand: CommandModule = {
  command: 'populate',
  describe: 'Write one profile per account and role your IAM Identity Center sign-in reaches into ~/.aws/config',
  options: {
    'sso-session': { type: 'string', describe: 'Populate from this [sso-session] (default: the only one); with --start-url, the name to give it' },
    'start-url': { type: 'string', describe: 'Start from nothing: the AWS access portal URL; adds an [sso-session] for it' },
    'sso-region': { type: 'string', describe: 'With --start-url: the region of your IAM Identity Center' },
    region: { type: 'string', describe: 'The region = of every profile written (default: the sso-session\'s region)' },
    template: { type: 'string', default: DEFAULT_NAME_TEMPLATE, describe: 'Profile names, from {account_name} {account_id} {role_name} {sso_session}' },
    prune: { type: 'boolean', default: false, describe: 'Remove generated profiles whose account or role is no longer assigned (never yours)' },
    'dry-run': { type: 'boolean', default: false, describe: 'Print what would change; write nothing' },
    login: { type: 'boolean', default: true, describe: 'Sign in first when not signed in (--no-login fails instead)' },
    'use-device-code': { type: 'boolean', default: false, describe: 'Sign in with a code entered on any device (SSH, headless machines)' },
    browser: { type: 'boolean', default: true, describe: 'Open the sign-in page in a browser (--no-browser only prints the URL)' },
  },
  examples: [
    ['awscreds populate --start-url https://d-1234567890.awsapps.com/start --sso-region us-east-1', 'from nothing: sign in, then a profile per account and role'],
    ['awscreds populate --prune', 'again later: add new assignments, remove the ones gone'],
    ['awscreds populate --template \'{account_id}-{role_name}\' --dry-run', 'see the names another template gives'],
  ],
  async run(args, context) {
    const text = (name: string): string | undefined => {
      const value = args[name] as string | undefined;
      if (value !== undefined && value.trim() === '') throw new AwscredsError('USAGE', `--${name} was given an empty value.`, `pass a value, or leave --${name} out.`);
      return value;
    };
    const { populate } = await import('../../populate/populate');
    const stdout = await populate(
      {
        ...optional('ssoSession', text('sso-session')),
        ...optional('startUrl', text('start-url')),
        ...optional('ssoRegion', text('sso-region')),
        ...optional('region', text('region')),
        template: text('template') ?? DEFAULT_NAME_TEMPLATE,
        prune: args.prune === true,
        dryRun: args['dry-run'] === true,
        login: args.login !== false,
        useDeviceCode: args['use-device-code'] === true,
        openBrowser: args.browser !== false,
      },
      context,
    );
    return { stdout, exitCode: 0 };
  },
};

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
