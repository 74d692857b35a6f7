import { credentialSetToEnvChanges } from '../../credentials/envChanges';
import { AwscredsError } from '../../runtime/AwscredsError';
import { exitCodeOf } from '../../runtime/exitCodes';
import { detectShell, loadLineExamples } from '../../shells/registry';
import type { CommandModule } from '../CommandModule';
import { pickOption, withChosenProfile } from '../chooseProfile';
import { credentialOptions, credentialSetFromArgs } from '../credentialOptions';
import { shellOption } from '../shellOption';

/** What `awscreds export --format` can print: a shell block (the default), JSON or dotenv lines. */
export const EXPORT_FORMATS = ['shell', 'json', 'dotenv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportCommand: CommandModule = {
  command: 'export',
  describe: 'Print one atomic block that exports a complete credential set (and clears stale variables)',
  evalOutput: true,
  options: {
    profile: credentialOptions.profile,
    shell: shellOption,
    format: { type: 'string', choices: [...EXPORT_FORMATS], default: 'shell', describe: 'shell: a block for eval; json: {"set": {NAME: value}, "unset": [NAME]}; dotenv: NAME="value" lines' },
    cache: credentialOptions.cache,
    'min-ttl': credentialOptions['min-ttl'],
    login: credentialOptions.login,
    ...pickOption,
  },
  examples: [
    ...loadLineExamples(['export', '--profile', 'dev'], 'export the dev profile\'s credentials into this shell'),
    ['awscreds export --profile dev --format dotenv > .env', 'a dotenv file for tools that read one (only what to set; nothing to unset)'],
  ],
  async run(args, context) {
    const format = args.format as (typeof EXPORT_FORMATS)[number];
    if (format !== 'shell' && args.shell !== undefined) {
      throw new AwscredsError('USAGE', `--shell applies to shell output only, not to --format ${format}.`, 'drop --shell, or drop --format.');
    }
    const shell = format === 'shell' ? detectShell(args.shell as string | undefined, context) : undefined;
    // This export as the user's shell loads it: for the messages below.
    const rerun = shell && ((profileName?: string): string => shell.loadLine(profileName === undefined ? ['export'] : profileName.startsWith('-') ? ['export', `--profile=${profileName}`] : ['export', '--profile', profileName]));
    // Typed at a terminal, nothing runs the block: say how to load it; show no secret.
    if (rerun && context.stdoutIsTTY()) {
      const fix = `${rerun(args.profile as string | undefined)}; to see the values: --format dotenv`;
      context.log(new AwscredsError('USAGE', 'stdout is a terminal: nothing was exported, and no secret shown.', fix).toUserText(shell.escape));
      return { stdout: '', exitCode: exitCodeOf('USAGE') };
    }
    // Not signed in: the fix says to run this export again (rerun).
    const set = await withChosenProfile(args, context, (chosen) => credentialSetFromArgs(chosen, context, rerun));
    const changes = credentialSetToEnvChanges(set);
    if (shell) return { stdout: shell.renderChanges(changes), exitCode: 0 };
    const { renderEnvChanges } = await import('../../render/renderFormats');
    return { stdout: renderEnvChanges(format === 'json' ? 'json' : 'dotenv', changes), exitCode: 0 };
  },
};
