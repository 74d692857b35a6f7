import type { OptionTable } from './CommandModule';

/** The options that choose and fetch a credential set: `export`, `exec` and `process` share them. */
export const credentialOptions = {
  profile: { type: 'string', alias: 'p', describe: 'Profile in ~/.aws/config (default: $AWS_PROFILE, else "default")' },
  cache: { type: 'boolean', default: true, describe: 'Use the role-credential cache shared with the AWS CLI (--no-cache skips it)' },
  'min-ttl': { type: 'number', default: 15, describe: 'Minutes cached credentials must have left to be reused' },
  login: { type: 'boolean', default: true, describe: 'When not signed in and stderr is a terminal, sign in first (--no-login fails instead)' },
} satisfies OptionTable;
