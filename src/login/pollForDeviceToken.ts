import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { ClientRegistration } from './ClientRegistration';
import type { DeviceAuthorization } from './DeviceAuthorization';
import { hideInSdkLog } from './hideInSdkLog';
import { isAbortError } from './isAbortError';
import type { OidcToken } from './OidcToken';
import { DEVICE_CODE_GRANT_TYPE, SLOW_DOWN_SECONDS } from './signInConstants';
import { sleepUnlessAborted } from './sleepUnlessAborted';

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
