import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { ClientRegistration } from '../awsCliCache/clientRegistrationFile';
import { AwscredsError } from '../runtime/AwscredsError';
import { printable } from '../runtime/text';
import { hideInSdkLog } from '../runtime/sdkLog';
import { getClientRegistration } from './clientRegistration';
import { interruptedError, isAbortError, signInServiceError, sleepUnlessAborted } from './signInErrors';
import { DEFAULT_POLL_INTERVAL_SECONDS, DEVICE_CODE_GRANT_TYPE, SLOW_DOWN_SECONDS, describeSignInTarget, type OidcToken, type SignInFlowInput, type SignInFlowResult } from './signInTarget';
import { openBrowser } from '../runtime/browser';
import { startWaitProgress } from './waitForUser';

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

/**
 * StartDeviceAuthorization for a start URL. Throws the SDK's error as is (the caller tells an
 * expired or revoked client registration, worth one new registration, from other failures).
 */
export async function startDeviceAuthorization({
  client,
  registration,
  startUrl,
  now,
  signal,
}: {
  readonly client: SSOOIDCClient;
  readonly registration: Pick<ClientRegistration, 'clientId' | 'clientSecret'>;
  readonly startUrl: string;
  readonly now: () => Date;
  readonly signal: AbortSignal;
}): Promise<DeviceAuthorization> {
  const { StartDeviceAuthorizationCommand } = await import('@aws-sdk/client-sso-oidc');
  const command = new StartDeviceAuthorizationCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl });
  const response = await client.send(hideInSdkLog(command, ['deviceCode']), { abortSignal: signal });
  const { deviceCode, userCode, verificationUri, verificationUriComplete, expiresIn, interval } = response;
  if (!deviceCode || !userCode || !verificationUri || !expiresIn) {
    throw new Error('StartDeviceAuthorization answered without deviceCode, userCode, verificationUri or expiresIn');
  }
  // Shown on the terminal: printable only.
  return {
    deviceCode,
    userCode: printable(userCode),
    verificationUri: printable(verificationUri),
    ...(verificationUriComplete ? { verificationUriComplete: printable(verificationUriComplete) } : {}),
    expiresAt: now().getTime() + expiresIn * 1000,
    intervalSeconds: interval && interval > 0 ? interval : DEFAULT_POLL_INTERVAL_SECONDS,
  };
}

export type DevicePollOutcome =
  | { readonly kind: 'token'; readonly token: OidcToken }
  /** The code's lifetime ran out (by our clock or the service's ExpiredTokenException). */
  | { readonly kind: 'expired' }
  /** The user refused (AccessDeniedException). */
  | { readonly kind: 'denied' }
  | { readonly kind: 'interrupted' };

/**
 * Polls CreateToken (device_code grant) every `interval` seconds until the user approves, as
 * RFC 8628 says: AuthorizationPending keeps polling, SlowDown adds 5 s to the interval for the
 * rest of the wait, and the wait ends when the code expires (`expiresIn`), is refused, or
 * `signal` aborts. Other service errors are thrown as the SDK raised them.
 */
export async function pollForDeviceToken({
  client,
  registration,
  authorization,
  now,
  signal,
  debug,
  sleep = sleepUnlessAborted,
}: {
  readonly client: SSOOIDCClient;
  readonly registration: Pick<ClientRegistration, 'clientId' | 'clientSecret'>;
  readonly authorization: DeviceAuthorization;
  readonly now: () => Date;
  readonly signal: AbortSignal;
  readonly debug: (text: string) => void;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<boolean>;
}): Promise<DevicePollOutcome> {
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
  let intervalSeconds = authorization.intervalSeconds;
  for (let attempt = 1; ; attempt++) {
    const remainingMs = authorization.expiresAt - now().getTime();
    if (remainingMs <= 0) return { kind: 'expired' };
    if (!(await sleep(Math.min(intervalSeconds * 1000, remainingMs), signal))) return { kind: 'interrupted' };
    if (authorization.expiresAt - now().getTime() <= 0) return { kind: 'expired' };
    const command = new CreateTokenCommand({
      grantType: DEVICE_CODE_GRANT_TYPE,
      deviceCode: authorization.deviceCode,
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
    });
    try {
      const response = await client.send(hideInSdkLog(command, ['deviceCode']), { abortSignal: signal });
      if (!response.accessToken || !response.expiresIn) throw new Error('CreateToken answered without accessToken or expiresIn');
      debug(`device code: approved (poll ${attempt})`);
      return { kind: 'token', token: { accessToken: response.accessToken, expiresIn: response.expiresIn, ...(response.refreshToken ? { refreshToken: response.refreshToken } : {}) } };
    } catch (error) {
      if (isAbortError(error, signal)) return { kind: 'interrupted' };
      const name = error instanceof Error ? error.name : '';
      if (name === 'AuthorizationPendingException') continue;
      if (name === 'SlowDownException') {
        intervalSeconds += SLOW_DOWN_SECONDS;
        debug(`device code: SlowDown from the service; polling every ${intervalSeconds} s from now on`);
        continue;
      }
      if (name === 'ExpiredTokenException') return { kind: 'expired' };
      if (name === 'AccessDeniedException') return { kind: 'denied' };
      throw error;
    }
  }
}

/** A started device authorization. `deviceCode` is a secret; the user code is shown to the user. */
export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete?: string;
  /** epoch ms, by the caller's clock */
  readonly expiresAt: number;
  readonly intervalSeconds: number;
}
