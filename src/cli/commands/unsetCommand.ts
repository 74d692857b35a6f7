import { unsetAllChanges } from '../../credentials/envChanges';
import { detectShell } from '../../shells/registry';
import { SHELL_NAMES } from '../../shells/Shell';
import type { CommandModule } from '../CommandModule';

export const unsetCommand: CommandModule = {
  command: 'unset',
  describe: 'Print one atomic block that clears every AWS credential variable and awscreds\' bookkeeping',
  evalOutput: true,
  options: {
    shell: { type: 'string', choices: [...SHELL_NAMES], describe: 'Shell syntax to print (default: the shell awscreds runs in, else $SHELL)' },
  },
  examples: [
    ['eval "$(awscreds unset)"', 'bash or zsh: forget the credentials exported into this shell'],
    ['awscreds unset | source', 'fish: the same'],
  ],
  async run(args, context) {
    const shell = detectShell(args.shell as string | undefined, context);
    return { stdout: shell.renderChanges(unsetAllChanges()), exitCode: 0 };
  },
};
