import { constants } from 'node:os';
import { AwscredsError } from '../runtime/AwscredsError';
import type { ChildOutcome, ChildProcessLike, ForwardedSignal, OnForwardedSignal, SpawnChild } from '../runtime/Runtime';

export interface RunChildInput {
  readonly command: string;
  readonly args: readonly string[];
  /** The child's whole environment (secrets travel here, never in argv). */
  readonly env: Record<string, string>;
  readonly spawn: SpawnChild;
  readonly onSignal: OnForwardedSignal;
  /**
   * Whether to pass SIGINT on. Ctrl-C at a terminal already reaches the child, which runs in
   * awscreds' process group; a second copy makes tools like terraform abort at once.
   */
  readonly forwardSigint: boolean;
}

/**
 * Runs a command with stdio inherited, passes the termination signals awscreds receives on to
 * it, and resolves with how it ended (or why it could not start). Never rejects.
 */
export function runChild(input: RunChildInput): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    let child: ChildProcessLike | undefined;
    let settled = false;
    const forward = (signal: ForwardedSignal): void => {
      if (settled || child?.pid === undefined) return;
      if (signal === 'SIGINT' && !input.forwardSigint) return;
      child.kill(signal);
    };
    const stopForwarding = input.onSignal(forward);
    const settle = (outcome: ChildOutcome): void => {
      if (settled) return;
      settled = true;
      stopForwarding();
      resolve(outcome);
    };
    try {
      child = input.spawn(input.command, input.args, { env: input.env, stdio: 'inherit' });
    } catch (error) {
      settle(startFailure(error));
      return;
    }
    child.once('error', (error) => {
      // After a successful start, 'error' only reports a failed kill(): the exit still follows.
      if (child?.pid === undefined) settle(startFailure(error));
    });
    child.once('exit', (code, signal) => {
      if (signal !== null) settle({ kind: 'signaled', signal });
      else settle({ kind: 'exited', code: code ?? 0 });
    });
  });
}

function startFailure(error: unknown): ChildOutcome {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN';
  return code === 'ENOENT' ? { kind: 'not-found' } : { kind: 'not-executable', code };
}

/**
 * The status `awscreds exec` exits with for a child that ran, as a shell reports it: the
 * child's exit code, or 128 + the signal number when a signal ended it.
 */
export function childExitStatus(outcome: Extract<ChildOutcome, { kind: 'exited' | 'signaled' }>): number {
  if (outcome.kind === 'exited') return outcome.code;
  return 128 + (constants.signals[outcome.signal] ?? 0);
}

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
