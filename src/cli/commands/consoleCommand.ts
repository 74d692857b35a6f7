import { AwscredsError } from '../../runtime/AwscredsError';
import type { CommandModule } from '../CommandModule';
import { credentialInputFromArgs, credentialOptions, credentialSetFromArgs } from '../credentialOptions';

export const consoleCommand: CommandModule = {
  command: 'console',
  describe: 'Open the AWS console in a browser, signed in with a profile\'s credentials (the login URL never appears on a command line)',
  options: {
    ...credentialOptions,
    service: { type: 'string', describe: 'Land on this service\'s console page (ec2, s3, iam, …)' },
    destination: { type: 'string', describe: 'Land on this console URL (of the profile\'s partition)' },
    region: { type: 'string', describe: 'Console region (default: $AWS_REGION, $AWS_DEFAULT_REGION, else the profile\'s)' },
    duration: { type: 'number', describe: 'Console session length in minutes (15-720; 15-2160 for long-term keys)' },
    print: { type: 'boolean', default: false, describe: 'Print the login URL (a secret for 15 minutes) instead of opening a browser' },
    'via-portal': { type: 'boolean', default: false, describe: 'SSO profiles: open the IAM Identity Center shortcut instead (no credentials leave this machine)' },
  },
  examples: [
    ['awscreds console --profile dev', 'open the console home of dev\'s account and role'],
    ['awscreds console -p prod --service ec2 --region eu-west-1', 'land on EC2 in Ireland'],
    ['awscreds console -p dev --via-portal', 'through the IAM Identity Center portal (multi-session console)'],
  ],
  async run(args, context) {
    const service = args.service as string | undefined;
    const destination = args.destination as string | undefined;
    if (service !== undefined && destination !== undefined) {
      throw new AwscredsError('USAGE', '--service and --destination both name where to land.', 'give only one of them.');
    }
    const duration = args.duration as number | undefined;
    if (duration !== undefined && !(Number.isInteger(duration) && duration >= 15 && duration <= 2160)) {
      throw new AwscredsError('USAGE', `--duration ${String(duration)} is not a whole number of minutes from 15 to 2160.`, 'give e.g. `--duration 60`.');
    }
    const input = credentialInputFromArgs(args, context);
    const { profile } = input;
    const region = (args.region as string | undefined) || context.env.AWS_REGION || context.env.AWS_DEFAULT_REGION || profile.region;
    const [{ consoleDestination }, { deliverConsoleUrl, federatedLoginUrl }, { consoleCredentialSet }, { portalShortcutUrl }] = await Promise.all([
      import('../../console/partitions'),
      import('../../console/openConsole'),
      import('../../console/consoleCredentials'),
      import('../../console/federation'),
    ]);
    const landing = consoleDestination({ region, ...(service !== undefined ? { service } : {}), ...(destination !== undefined ? { destination } : {}) });
    const print = args.print === true;
    if (args['via-portal'] === true) {
      if (profile.kind !== 'sso') {
        throw new AwscredsError('USAGE', `--via-portal needs an SSO profile; "${profile.name}" is not one.`, 'drop --via-portal to sign in with its credentials.');
      }
      if (duration !== undefined) context.log('awscreds: --duration does not apply to --via-portal (the portal decides).');
      const { sso } = profile;
      const url = portalShortcutUrl({ startUrl: sso.startUrl, accountId: sso.accountId, roleName: sso.roleName, ...(service !== undefined || destination !== undefined ? { destination: landing } : {}) });
      return { stdout: await deliverConsoleUrl(url, { secret: false, print, profileName: profile.name }, context), exitCode: 0 };
    }
    const set = await credentialSetFromArgs(args, context, undefined, consoleCredentialSet);
    const url = await federatedLoginUrl(set, profile, { region, destination: landing, ...(duration !== undefined ? { durationMinutes: duration } : {}) }, context);
    return { stdout: await deliverConsoleUrl(url, { secret: true, print, profileName: profile.name }, context), exitCode: 0 };
  },
};
