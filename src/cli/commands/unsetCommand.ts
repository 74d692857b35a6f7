import { unsetAllChanges } from '../../credentials/envChanges';
import { detectShell, loadLineExamples } from '../../shells/registry';
import type { CommandModule } from '../CommandModule';
import { shellOption } from '../shellOption';

export const unsetCommand: CommandModule = {
  command: 'unset',
  describe: 'Print one atomic block that clears every AWS credential variable and awscreds\' bookkeeping',
  evalOutput: true,
  options: {
    shell: shellOption,
  },
  examples: loadLineExamples(['unset'], 'forget the credentials exported into this shell'),
  async run(args, context) {
    const shell = detectShell(args.shell as string | undefined, context);
    return { stdout: shell.renderChanges(unsetAllChanges()), exitCode: 0 };
  },
};
