import { join } from 'node:path';
import { readPackageText } from '../../runtime/packageFiles';
import type { DynamicValues } from '../../completion/completionModel';
import { profileNamesRemembered } from '../../config/rememberedConfig';
import { listSsoSessions, loadSharedConfig } from '../../config/sharedConfig';
import { detectShell, shellByName } from '../../shells/registry';
import { SHELL_NAMES } from '../../shells/Shell';
import type { CommandModule } from '../CommandModule';
import { shellOption } from '../shellOption';

const LISTS: readonly DynamicValues[] = ['profiles', 'sso-sessions'];

export const completionCommand: CommandModule = {
  command: 'completion [shell]',
  describe: 'Print the tab-completion script for bash, zsh or fish (commands, options, profile and sso-session names)',
  options: {
    list: { type: 'string', choices: [...LISTS], describe: 'Print the names of the config\'s profiles or sso-sessions, one per line (the scripts call this)' },
  },
  positionals: {
    shell: shellOption,
  },
  examples: SHELL_NAMES.map((name) => {
    const [line, where] = shellByName(name).completionSetup;
    return [line, `${name}: ${where}`];
  }),
  // The script: definitions generated from the command list, then shell/completion.<shell>.
  // With --list: the names the config defines, one per line (what the scripts call).
  async run(args, context) {
    if (args.list !== undefined) {
      if ((args.list as DynamicValues) === 'profiles') return { stdout: profileNamesRemembered(context), exitCode: 0 };
      return { stdout: listSsoSessions(loadSharedConfig(context)).map((s) => `${s.name}\n`).join(''), exitCode: 0 };
    }
    const shell = detectShell(args.shell as string | undefined, context);
    const { completionModel } = await import('../../completion/completionModel');
    const body = readPackageText(join(context.packageRoot, 'shell', shell.completionFile));
    const definitions = shell.renderCompletionDefinitions(completionModel(context.commands));
    return { stdout: `${definitions}${body}`, exitCode: 0 };
  },
};
