import type { ChildOutcome, ChildProcessLike, ForwardedSignal, OnForwardedSignal, SpawnChild } from './ChildProcessLike';

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
