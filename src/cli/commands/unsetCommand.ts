import { SHELL_NAMES } from '../../shells/Shell';
import type { CommandModule } from '../CommandModule';

export const unsetCommand: CommandModule = {
  command: 'unset',
  describe: 'Print one atomic block that clears every AWS credential variable and awscreds\' bookkeeping',
  evalOutput: true,
  options: {
    shell: { type: 'string', choices: [...SHELL_NAMES], describe: 'Shell syntax to print (default: from $SHELL)' },
  },
  examples: [
    ['eval "$(awscreds unset)"', 'bash or zsh: forget the credentials exported into this shell'],
    ['awscreds unset | source', 'fish: the same'],
  ],
  run: async (args, context) => (await import('../../render/runUnset')).runUnset(args, context),
};
