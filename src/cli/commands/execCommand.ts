import { applyEnvChanges, credentialSetToEnvChanges } from '../../credentials/envChanges';
import { AwscredsError } from '../../runtime/AwscredsError';
import type { CommandModule } from '../CommandModule';
import { credentialOptions, credentialSetFromArgs } from '../credentialOptions';

export const execCommand: CommandModule = {
  command: 'exec',
  describe: 'Run the command given after -- with a complete credential set in its environment (stale credential variables removed); exit with its status',
  options: credentialOptions,
  examples: [
    ['awscreds exec --profile dev -- aws sts get-caller-identity', 'run one command with dev\'s credentials; your shell keeps none'],
    ['awscreds exec -p prod -- terraform plan -out plan.bin', 'everything after -- is the command, passed on exactly'],
  ],
  // The set, then the command after `--` with it in its environment (never in argv), signals
  // forwarded, its status passed through.
  async run(args, context) {
    const [command, ...commandArgs] = args._.slice(1).map(String);
    if (command === undefined || command === '') {
      throw new AwscredsError('USAGE', 'exec was given no command to run.', 'name it after `--`, e.g. `awscreds exec --profile dev -- aws sts get-caller-identity`.');
    }
    const set = await credentialSetFromArgs(args, context);
    if (context.interrupted.aborted) throw new AwscredsError('INTERRUPTED', `interrupted before "${command}" started; it was not run.`);
    const { runChild, childExitStatus, childStartError } = await import('../../exec/runChild');
    const outcome = await runChild({
      command,
      args: commandArgs,
      env: applyEnvChanges(context.env, credentialSetToEnvChanges(set)),
      spawn: context.spawn,
      onSignal: context.onSignal,
      forwardSigint: !context.stdinIsTTY(),
    });
    if (outcome.kind === 'not-found' || outcome.kind === 'not-executable') throw childStartError(outcome, command);
    return { stdout: '', exitCode: childExitStatus(outcome), childStatus: true };
  },
};
