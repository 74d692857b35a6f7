import { SHELL_NAMES } from '../../shells/Shell';
import type { CommandModule } from '../CommandModule';

const shellOption = { type: 'string', choices: [...SHELL_NAMES], describe: 'The shell whose rc file to edit (default: from $SHELL)' } as const;

const installCommand: CommandModule = {
  command: 'install',
  describe: 'Add the hook to your shell\'s rc file (one marked block; running it again changes nothing)',
  options: { shell: shellOption },
  run: async (args, context) => (await import('../../hooks/runHook')).runHook('install', args, context),
};

const uninstallCommand: CommandModule = {
  command: 'uninstall',
  describe: 'Remove exactly the block `hook install` added',
  options: { shell: shellOption },
  run: async (args, context) => (await import('../../hooks/runHook')).runHook('uninstall', args, context),
};

export const hookCommand: CommandModule = {
  command: 'hook [shell]',
  describe: 'Print the prompt hook that holds back and refuses partial credential sets',
  evalOutput: true,
  options: {},
  positionals: {
    shell: { type: 'string', choices: [...SHELL_NAMES], describe: 'bash, zsh or fish (default: from $SHELL)' },
  },
  subcommands: [installCommand, uninstallCommand],
  examples: [
    ['eval "$(awscreds hook bash)"', 'bash: in ~/.bashrc'],
    ['eval "$(awscreds hook zsh)"', 'zsh: in ~/.zshrc'],
    ['awscreds hook fish | source', 'fish: in ~/.config/fish/config.fish'],
    ['awscreds hook install', 'add one of the above to your rc file for you'],
  ],
  run: async (args, context) => (await import('../../hooks/runHook')).runHook('print', args, context),
};
