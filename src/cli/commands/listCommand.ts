import { loadSharedConfig } from '../../config/sharedConfig';
import type { CommandModule } from '../CommandModule';

export const listCommand: CommandModule = {
  command: 'list',
  describe: 'List the AWS accounts and roles your IAM Identity Center sign-in reaches, and the profiles that use each',
  options: {
    profile: { type: 'string', alias: 'p', describe: 'List what this profile\'s sign-in reaches (default: $AWS_PROFILE)' },
    'sso-session': { type: 'string', describe: 'List what this [sso-session]\'s sign-in reaches (default: the only one)' },
    json: { type: 'boolean', default: false, describe: 'Print one stable JSON document: every account, each role and the profiles that use it' },
  },
  examples: [
    ['awscreds list', 'accounts and roles of your only sso-session (or of $AWS_PROFILE\'s)'],
    ['awscreds list --sso-session corp', 'those the "corp" sign-in reaches'],
    ['awscreds list --json | jq -r \'.accounts[].roles[] | select(.profiles == []) | .roleName\'', 'roles no profile uses yet'],
  ],
  // target → token → accounts and roles → the profiles that use each.
  async run(args, context) {
    const [{ configuredSsoProfiles, resolveListTarget }, { attachProfiles, fetchAssignedAccounts, getListToken }, { renderAccountTable, renderAccountsJson }] = await Promise.all([
      import('../../config/ssoSessions'),
      import('../../list/assignedAccounts'),
      import('../../list/renderAccounts'),
    ]);
    const shared = loadSharedConfig(context);
    const ssoProfiles = configuredSsoProfiles(shared, context.debug);
    const target = resolveListTarget(shared, {
      profileOption: args.profile as string | undefined,
      ssoSessionOption: args['sso-session'] as string | undefined,
      env: context.env,
      ssoProfiles,
    });
    const accessToken = await getListToken({ target, home: context.home, sdk: context.sdk, now: context.now(), log: context.log, debug: context.debug });
    const accounts = await fetchAssignedAccounts({ target, accessToken, sdk: context.sdk, debug: context.debug });
    const listed = attachProfiles(accounts, target.sso.startUrl, ssoProfiles);
    return { stdout: args.json === true ? renderAccountsJson(listed, target) : renderAccountTable(listed, target.label), exitCode: 0 };
  },
};
