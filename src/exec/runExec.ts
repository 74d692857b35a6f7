import { AwscredsError } from '../AwscredsError';
import type { CliContext, CommandResult } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';
import { credentialSetToEnvChanges } from '../credentials/credentialSetToEnvChanges';
import { applyEnvChanges } from './applyEnvChanges';
import { childExitStatus } from './childExitStatus';
import { childStartError } from './childStartError';
import { credentialSetFromArgs } from '../credentials/credentialSetFromArgs';
import { runChild } from './runChild';

/**
 * `awscreds exec`, loaded only when that command runs: the set, then the command after `--`
 * with it in its environment (never in argv), signals forwarded, its status passed through.
 */
export async function runExec(args: ParsedArgs, context: CliContext): Promise<CommandResult> {
  const [command, ...commandArgs] = args._.slice(1).map(String);
  if (command === undefined || command === '') {
    throw new AwscredsError('USAGE', 'exec was given no command to run.', 'name it after `--`, e.g. `awscreds exec --profile dev -- aws sts get-caller-identity`.');
  }
  const set = await credentialSetFromArgs(args, context);
  if (context.interrupted.aborted) throw new AwscredsError('INTERRUPTED', `interrupted before "${command}" started; it was not run.`);
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
}
