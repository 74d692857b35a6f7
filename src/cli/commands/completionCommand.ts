import { join } from 'node:path';
import { readPackageText } from '../../runtime/packageFiles';
import type { DynamicValues } from '../../completion/completionModel';
import { profileNamesRemembered } from '../../config/rememberedConfig';
import { listSsoSessions, loadSharedConfig } from '../../config/sharedConfig';
import { detectShell } from '../../shells/registry';
import { SHELL_NAMES } from '../../shells/Shell';
import type { CommandModule } from '../CommandModule';

const LISTS: readonly DynamicValues[] = ['profiles', 'sso-sessions'];

export const completionCommand: CommandModule = {
  command: 'completion [shell]',
  describe: 'Print the tab-completion script for bash, zsh or fish (commands, options, profile and sso-session names)',
  options: {
    list: { type: 'string', choices: [...LISTS], describe: 'Print the names of the config\'s profiles or sso-sessions, one per line (the scripts call this)' },
  },
  positionals: {
    shell: { type: 'string', choices: [...SHELL_NAMES], describe: 'bash, zsh or fish (default: the shell awscreds runs in, else $SHELL)' },
  },
  examples: [
    ['eval "$(awscreds completion bash)"', 'bash: in ~/.bashrc'],
    ['eval "$(awscreds completion zsh)"', 'zsh: in ~/.zshrc, after compinit'],
    ['awscreds completion fish > ~/.config/fish/completions/awscreds.fish', 'fish: once (or `awscreds completion fish | source` in config.fish)'],
  ],
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
