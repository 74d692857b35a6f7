import { AwscredsError } from '../AwscredsError';
import type { ChildOutcome } from './ChildProcessLike';

/**
 * Why `awscreds exec` could not start a command, for the user. Exit statuses follow the
 * shells: 127 when there is no such command, 126 when it exists but cannot be run.
 */
export function childStartError(outcome: Extract<ChildOutcome, { kind: 'not-found' | 'not-executable' }>, command: string): AwscredsError {
  const shown = JSON.stringify(command);
  const isPath = command.includes('/');
  if (outcome.kind === 'not-found') {
    return isPath
      ? new AwscredsError(
          'COMMAND_NOT_FOUND',
          `cannot run ${shown}: there is no such file (or the interpreter on its #! line is missing).`,
          'check the path; if the file exists, check the interpreter its first line names.',
        )
      : new AwscredsError(
          'COMMAND_NOT_FOUND',
          `cannot run ${shown}: no such command in any directory of PATH.`,
          'check the spelling, or give the command\'s full path after `--`.',
        );
  }
  const why = outcome.code === 'EACCES' ? 'permission denied (it is a directory, or not executable)' : `the system refused to start it (${outcome.code})`;
  return new AwscredsError(
    'COMMAND_NOT_EXECUTABLE',
    `cannot run ${shown}: ${why}.`,
    isPath ? `make it executable (chmod +x ${command}) or name the program that runs it.` : 'check the file PATH finds for it (type -a in your shell shows which), or give the full path of the program.',
  );
}
