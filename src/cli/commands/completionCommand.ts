import type { DynamicValues } from '../../completion/completionModel';
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
    shell: { type: 'string', choices: [...SHELL_NAMES], describe: 'bash, zsh or fish (default: from $SHELL)' },
  },
  examples: [
    ['eval "$(awscreds completion bash)"', 'bash: in ~/.bashrc'],
    ['eval "$(awscreds completion zsh)"', 'zsh: in ~/.zshrc, after compinit'],
    ['awscreds completion fish > ~/.config/fish/completions/awscreds.fish', 'fish: once (or `awscreds completion fish | source` in config.fish)'],
  ],
  run: async (args, context) => (await import('../../completion/runCompletion')).runCompletion(args, context),
};
