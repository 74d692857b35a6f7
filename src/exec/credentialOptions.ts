import type { OptionTable } from '../cli/CommandModule';

/** The options that choose and fetch a credential set, shared by `exec` and `process` (as `export` spells them). */
export const credentialOptions: OptionTable = {
  profile: { type: 'string', alias: 'p', describe: 'Profile in ~/.aws/config (default: $AWS_PROFILE, else "default")' },
  cache: { type: 'boolean', default: true, describe: 'Use the role-credential cache shared with the AWS CLI (--no-cache skips it)' },
  'min-ttl': { type: 'number', default: 15, describe: 'Minutes cached credentials must have left to be reused' },
};
