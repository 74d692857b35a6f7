import { AwscredsError } from '../AwscredsError';

/** Ctrl-C during a sign-in or sign-out: exit 130, and say that nothing was written. */
export function interruptedError(during: string, retryCommand: string): AwscredsError {
  return new AwscredsError('INTERRUPTED', `interrupted (Ctrl-C) ${during}; no token was written.`, `run \`${retryCommand}\` again when you are ready.`);
}
