import { AwscredsError } from '../../AwscredsError';
import { loadProfile } from '../../config/loadProfile';
import { resolveProfileName } from '../../config/resolveProfileName';
import { credentialSetToEnvChanges } from '../../credentials/credentialSetToEnvChanges';
import { getCredentialSet } from '../../credentials/getCredentialSet';
import { detectShell } from '../../shells/shells';
import { SHELL_NAMES } from '../../shells/Shell';
import type { CommandModule } from '../CommandModule';

export const exportCommand: CommandModule = {
  command: 'export',
  describe: 'Print one atomic block that exports a complete credential set (and clears stale variables)',
  evalOutput: true,
  options: {
    profile: { type: 'string', alias: 'p', describe: 'Profile in ~/.aws/config (default: $AWS_PROFILE, else "default")' },
    shell: { type: 'string', choices: [...SHELL_NAMES], describe: 'Shell syntax to print (default: from $SHELL)' },
    cache: { type: 'boolean', default: true, describe: 'Use the role-credential cache shared with the AWS CLI (--no-cache skips it)' },
    'min-ttl': { type: 'number', default: 15, describe: 'Minutes cached credentials must have left to be reused' },
  },
  examples: [
    ['eval "$(awscreds export --profile dev)"', 'bash or zsh: export the dev profile\'s credentials into this shell'],
    ['awscreds export --profile dev | source', 'fish: the same'],
  ],
  async run(args, context) {
    const shell = detectShell(args.shell as string | undefined, context.env);
    const minTtl = args['min-ttl'] as number;
    if (!(minTtl >= 0 && minTtl <= 720)) {
      throw new AwscredsError('USAGE', `--min-ttl ${String(minTtl)} is out of range.`, 'give a number of minutes from 0 to 720.');
    }
    const profileName = resolveProfileName({ profileOption: args.profile as string | undefined, env: context.env });
    const profile = loadProfile({ profileName, env: context.env, home: context.home });
    const set = await getCredentialSet({
      profile,
      home: context.home,
      now: context.now(),
      sdk: context.sdk,
      log: context.log,
      debug: context.debug,
      useCache: args.cache as boolean,
      minRemainingMs: minTtl * 60_000,
    });
    return { stdout: shell.renderChanges(credentialSetToEnvChanges(set)), exitCode: 0 };
  },
};
