import type { CommandModule } from '../CommandModule';

export const checkCommand: CommandModule = {
  command: 'check',
  describe: 'Diagnose the AWS_* credential variables of this environment (exit 0 only for a usable set)',
  options: {
    json: { type: 'boolean', default: false, describe: 'Print the diagnosis as one JSON object' },
  },
  examples: [['awscreds check', 'say whether the exported AWS credentials form a usable set, and how to fix them']],
  run: async (args, context) => (await import('../../states/runCheck')).runCheck(args, context),
};
