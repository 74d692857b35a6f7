import { AwscredsError } from '../runtime/AwscredsError';
import { describeServiceError } from '../runtime/text';
import { describeSignInTarget, type SignInTarget } from './signInTarget';

/** Ctrl-C during a sign-in or sign-out: exit 130, and say that nothing was written. */
export function interruptedError(during: string, retryCommand: string): AwscredsError {
  return new AwscredsError('INTERRUPTED', `interrupted (Ctrl-C) ${during}; no token was written.`, `run \`${retryCommand}\` again when you are ready.`);
}

/** Whether an error comes from an aborted request or wait (the SDK names these AbortError). */
export function isAbortError(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}

/** A failed IAM Identity Center call during sign-in or sign-out, named with where it went. */
export function signInServiceError(operation: string, service: 'OIDC' | 'portal', target: SignInTarget, error: unknown, fix?: string): AwscredsError {
  const where = target.sessionName !== undefined ? `[sso-session ${target.sessionName}]` : 'the profile';
  return new AwscredsError(
    'SERVICE',
    `${operation} (IAM Identity Center ${service}, region ${target.ssoRegion}) failed for ${describeSignInTarget(target)}: ${describeServiceError(error)}`,
    fix ?? `check sso_start_url and sso_region in ${where} of your AWS config file, and the network (proxy, AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO); then sign in again.`,
  );
}

/** Waits `ms`; resolves true when the time is up, false as soon as `signal` aborts. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
