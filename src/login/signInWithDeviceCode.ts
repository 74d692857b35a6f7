import { AwscredsError } from '../AwscredsError';
import type { ClientRegistration } from './ClientRegistration';
import type { DeviceAuthorization } from './DeviceAuthorization';
import { describeSignInTarget } from './describeSignInTarget';
import { getClientRegistration } from './getClientRegistration';
import { interruptedError } from './interruptedError';
import { isAbortError } from './isAbortError';
import { openBrowser } from './openBrowser';
import { pollForDeviceToken } from './pollForDeviceToken';
import type { SignInFlowInput, SignInFlowResult } from './SignInFlowInput';
import { signInServiceError } from './signInServiceError';
import { startDeviceAuthorization } from './startDeviceAuthorization';
import { startWaitProgress } from './startWaitProgress';

/**
 * The device-code flow (legacy profiles, and --use-device-code for headless machines): the
 * user opens the verification URL on any device and approves the code shown here. A cached
 * registration the service no longer accepts is replaced once.
 */
export async function signInWithDeviceCode({ client, target, context, openBrowser: mayOpenBrowser, retryCommand }: SignInFlowInput): Promise<SignInFlowResult> {
  const { home, log, debug, interrupted: signal } = context;
  const registrationFor = (forceNew: boolean): Promise<ClientRegistration> =>
    getClientRegistration({ client, target, flow: 'device-code', home, now: context.now(), log, debug, signal, forceNew });

  let registration = await registrationFor(false);
  let authorization: DeviceAuthorization;
  try {
    authorization = await startDeviceAuthorization({ client, registration, startUrl: target.startUrl, now: context.now, signal });
  } catch (error) {
    if (isAbortError(error, signal)) throw interruptedError('while starting the sign-in', retryCommand);
    if (!(error instanceof Error && error.name === 'InvalidClientException')) throw signInServiceError('StartDeviceAuthorization', 'OIDC', target, error);
    debug('client registration: the service refused the cached client (InvalidClientException); registering anew');
    registration = await registrationFor(true);
    try {
      authorization = await startDeviceAuthorization({ client, registration, startUrl: target.startUrl, now: context.now, signal });
    } catch (again) {
      if (isAbortError(again, signal)) throw interruptedError('while starting the sign-in', retryCommand);
      throw signInServiceError('StartDeviceAuthorization', 'OIDC', target, again);
    }
  }

  const minutes = Math.max(1, Math.round((authorization.expiresAt - context.now().getTime()) / 60_000));
  log(
    [
      `awscreds: to sign in to ${describeSignInTarget(target)}, open this URL in a browser (on this or any other device):`,
      `    ${authorization.verificationUri}`,
      '  and enter the code:',
      `    ${authorization.userCode}`,
      ...(authorization.verificationUriComplete ? ['  or open this URL, which fills in the code:', `    ${authorization.verificationUriComplete}`] : []),
    ].join('\n'),
  );
  if (mayOpenBrowser) {
    const opened = await openBrowser({ url: authorization.verificationUriComplete ?? authorization.verificationUri, env: context.env, debug });
    log(opened ? `awscreds: opened the page in your browser; check that it shows the code ${authorization.userCode}.` : 'awscreds: no browser found on this machine: open the URL on any device.');
  }

  const progress = startWaitProgress({ log, isTTY: context.stderrIsTTY(), now: context.now, deadline: authorization.expiresAt, waitingFor: `approval of code ${authorization.userCode}` });
  let outcome;
  try {
    outcome = await pollForDeviceToken({ client, registration, authorization, now: context.now, signal, debug });
  } catch (error) {
    progress.stop();
    if (isAbortError(error, signal)) throw interruptedError(`while waiting for approval of code ${authorization.userCode}`, retryCommand);
    throw signInServiceError('CreateToken', 'OIDC', target, error);
  }
  switch (outcome.kind) {
    case 'token':
      progress.stop(`awscreds: code ${authorization.userCode} approved.`);
      return { token: outcome.token, registration };
    case 'interrupted':
      progress.stop();
      throw interruptedError(`while waiting for approval of code ${authorization.userCode}`, retryCommand);
    case 'expired':
      progress.stop();
      throw new AwscredsError(
        'NOT_SIGNED_IN',
        `the sign-in code ${authorization.userCode} for ${describeSignInTarget(target)} expired before it was approved (it was valid for ${minutes} min).`,
        `run \`${retryCommand}\` again, then open the URL and approve the new code within ${minutes} min.`,
      );
    case 'denied':
      progress.stop();
      throw new AwscredsError(
        'NOT_SIGNED_IN',
        `the sign-in request with code ${authorization.userCode} for ${describeSignInTarget(target)} was denied in the browser.`,
        `run \`${retryCommand}\` again and choose Allow; if you did not deny it, ask your IAM Identity Center administrator whether your user may sign in to ${target.startUrl}.`,
      );
  }
}
