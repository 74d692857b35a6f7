import { ExitReason, exitCodeOf } from './exitCodes';
import { renderShellWords } from './shellWords';
import { printable } from './text';

// Shared by every copy of this class: the build may place this module in more than one
// bundle (see scripts/build.mjs), and `instanceof` must hold across them.
const BRAND = Symbol.for('awscreds.AwscredsError');

/**
 * An error meant for the user: `message` names what was wrong and where, `fix` what to do.
 * Neither may ever contain a secret.
 */
export class AwscredsError extends Error {
  override readonly name = 'AwscredsError';
  readonly [BRAND] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }

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

  /**
   * The text printed on stderr: the problem, then the fix on its own line. Messages quote names
   * from config files and text from services, so they pass through printable() here, once.
   * The words of suggested commands (shellWords.ts) are quoted with `quote`, the escape of the
   * shell the user types in.
   */
  toUserText(quote: (word: string) => string): string {
    const text = (part: string): string => printable(renderShellWords(part, quote));
    return this.fix ? `awscreds: ${text(this.message)}\n  fix: ${text(this.fix)}` : `awscreds: ${text(this.message)}`;
  }
}
