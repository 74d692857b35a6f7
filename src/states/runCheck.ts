import { CREDENTIAL_STATES } from './credentialStates';
import { diagnoseEnvironment } from './diagnoseEnvironment';
import { fillStatePlaceholders } from './fillStatePlaceholders';
import { renderCheckReport } from './renderCheckReport';
import { renderStateMessage } from './renderStateMessage';
import { exitCodeOf } from '../exitCodes';
import type { CliContext, CommandResult } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';

/** `awscreds check`, loaded only when that command runs. */
export async function runCheck(args: ParsedArgs, context: CliContext): Promise<CommandResult> {
  const diagnosis = diagnoseEnvironment(context.env, Math.floor(context.now().getTime() / 1000));
  const state = CREDENTIAL_STATES[diagnosis.state];
  // A held-back set is in the parent shell only: nothing usable reaches this process.
  const exitCode = exitCodeOf(state.usable && diagnosis.heldBack.length === 0 ? 'OK' : 'BAD_CREDENTIAL_STATE');
  if (args.json === true) {
    const report = {
      state: state.id,
      usable: state.usable,
      level: state.level,
      minutes: diagnosis.minutes ?? null,
      expiresAt: diagnosis.expiresAt === undefined ? null : new Date(diagnosis.expiresAt * 1000).toISOString().replace(/\.000Z$/, 'Z'),
      expirySource: diagnosis.expirySource ?? null,
      profile: diagnosis.profile,
      heldBack: diagnosis.heldBack,
      message: fillStatePlaceholders(renderStateMessage(state), diagnosis),
    };
    return { stdout: `${JSON.stringify(report)}\n`, exitCode };
  }
  return { stdout: renderCheckReport(context.env, diagnosis), exitCode };
}
