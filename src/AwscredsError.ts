import { ExitReason, exitCodeOf } from './exitCodes';

/**
 * An error meant for the user: `message` names what was wrong and where, `fix` what to do.
 * Neither may ever contain a secret.
 */
export class AwscredsError extends Error {
  override readonly name = 'AwscredsError';

  constructor(
    readonly reason: ExitReason,
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }

  get exitCode(): number {
    return exitCodeOf(this.reason);
  }

  /** The text printed on stderr: the problem, then the fix on its own line. */
  toUserText(): string {
    return this.fix ? `awscreds: ${this.message}\n  fix: ${this.fix}` : `awscreds: ${this.message}`;
  }
}
