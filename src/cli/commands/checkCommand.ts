import { exitCodeOf } from '../../runtime/exitCodes';
import { shellFromArgs } from '../../shells/registry';
import type { CommandModule } from '../CommandModule';
import { shellOption } from '../shellOption';

export const checkCommand: CommandModule = {
  command: 'check',
  describe: 'Diagnose the AWS_* credential variables of this environment (exit 0 only for a usable set)',
  options: {
    json: { type: 'boolean', default: false, describe: 'Print the diagnosis as one JSON object' },
    shell: shellOption,
  },
  examples: [['awscreds check', 'say whether the exported AWS credentials form a usable set, and how to fix them']],
  async run(args, context) {
    const { checkEnvironment } = await import('../../states/renderCheckReport');
    const { stdout, usable } = checkEnvironment(context.env, Math.floor(context.now().getTime() / 1000), args.json === true ? 'json' : 'text', shellFromArgs(args.shell, context));
    return { stdout, exitCode: exitCodeOf(usable ? 'OK' : 'BAD_CREDENTIAL_STATE') };
  },
};
