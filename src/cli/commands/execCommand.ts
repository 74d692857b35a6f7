import { credentialOptions } from '../credentialOptions';
import type { CommandModule } from '../CommandModule';

export const execCommand: CommandModule = {
  command: 'exec',
  describe: 'Run the command given after -- with a complete credential set in its environment (stale credential variables removed); exit with its status',
  options: credentialOptions,
  examples: [
    ['awscreds exec --profile dev -- aws sts get-caller-identity', 'run one command with dev\'s credentials; your shell keeps none'],
    ['awscreds exec -p prod -- terraform plan -out plan.bin', 'everything after -- is the command, passed on exactly'],
  ],
  run: async (args, context) => (await import('../../exec/runExec')).runExec(args, context),
};
