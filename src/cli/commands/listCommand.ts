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
  run: async (args, context) => (await import('../../list/runList')).runList(args, context),
};
