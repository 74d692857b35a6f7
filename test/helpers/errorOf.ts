import { AwscredsError } from '../../src/runtime/AwscredsError';

/** Runs fn, which must throw an AwscredsError, and returns that error. */
export function errorOf(fn: () => unknown): AwscredsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwscredsError) return error;
    throw error;
  }
  throw new Error('expected an AwscredsError, but nothing was thrown');
}
