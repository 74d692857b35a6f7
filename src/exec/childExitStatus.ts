import { constants } from 'node:os';
import type { ChildOutcome } from './ChildProcessLike';

/**
 * The status `awscreds exec` exits with for a child that ran, as a shell reports it: the
 * child's exit code, or 128 + the signal number when a signal ended it.
 */
export function childExitStatus(outcome: Extract<ChildOutcome, { kind: 'exited' | 'signaled' }>): number {
  if (outcome.kind === 'exited') return outcome.code;
  return 128 + (constants.signals[outcome.signal] ?? 0);
}
