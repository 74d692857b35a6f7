import { AwscredsError } from '../../AwscredsError';
import { loadProfile } from '../../config/loadProfile';
import { resolveProfileName } from '../../config/resolveProfileName';
import { credentialSetToEnvChanges } from '../../credentials/credentialSetToEnvChanges';
import { getCredentialSet } from '../../credentials/getCredentialSet';
import { EXPORT_FORMATS } from '../../render/exportFormats';
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
    format: { type: 'string', choices: [...EXPORT_FORMATS], default: 'shell', describe: 'shell: a block for eval; json: {"set": {NAME: value}, "unset": [NAME]}; dotenv: NAME="value" lines' },
    cache: { type: 'boolean', default: true, describe: 'Use the role-credential cache shared with the AWS CLI (--no-cache skips it)' },
    'min-ttl': { type: 'number', default: 15, describe: 'Minutes cached credentials must have left to be reused' },
    login: { type: 'boolean', default: true, describe: 'When not signed in and stderr is a terminal, sign in first (--no-login fails instead)' },
  },
  examples: [
    ['eval "$(awscreds export --profile dev)"', 'bash or zsh: export the dev profile\'s credentials into this shell'],
    ['awscreds export --profile dev | source', 'fish: the same'],
    ['awscreds export --profile dev --format dotenv > .env', 'a dotenv file for tools that read one (only what to set; nothing to unset)'],
  ],
  async run(args, context) {
    const format = args.format as (typeof EXPORT_FORMATS)[number];
    if (format !== 'shell' && args.shell !== undefined) {
      throw new AwscredsError('USAGE', `--shell applies to shell output only, not to --format ${format}.`, 'drop --shell, or drop --format.');
    }
    const shell = format === 'shell' ? detectShell(args.shell as string | undefined, context.env) : undefined;
    const minTtl = args['min-ttl'] as number;
    if (!(minTtl >= 0 && minTtl <= 720)) {
      throw new AwscredsError('USAGE', `--min-ttl ${String(minTtl)} is out of range.`, 'give a number of minutes from 0 to 720.');
    }
    const profileName = resolveProfileName({ profileOption: args.profile as string | undefined, env: context.env });
    const profile = loadProfile({ profileName, env: context.env, home: context.home });
    const input = {
      profile,
      home: context.home,
      now: context.now(),
      sdk: context.sdk,
      log: context.log,
      debug: context.debug,
      useCache: args.cache as boolean,
      minRemainingMs: minTtl * 60_000,
    };
    const set = await getCredentialSet(input).catch(async (error: unknown) => {
      // Not signed in, at a terminal: sign in (all on stderr, so `eval "$(…)"` still works).
      const canSignIn = args.login !== false && profile.kind === 'sso' && context.stderrIsTTY();
      if (!(error instanceof AwscredsError && error.reason === 'NOT_SIGNED_IN' && canSignIn)) throw error;
      context.log(`awscreds: ${error.message} Signing in first (--no-login to skip).`);
      const { signIn } = await import('../../login/signIn');
      await signIn({ sso: profile.sso, profileName, context });
      return getCredentialSet({ ...input, now: context.now() });
    });
    const changes = credentialSetToEnvChanges(set);
    if (shell) return { stdout: shell.renderChanges(changes), exitCode: 0 };
    const { renderEnvChanges } = await import('../../render/renderEnvChanges');
    return { stdout: renderEnvChanges(format === 'json' ? 'json' : 'dotenv', changes), exitCode: 0 };
  },
};
