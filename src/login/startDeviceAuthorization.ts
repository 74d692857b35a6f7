import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { ClientRegistration } from './ClientRegistration';
import type { DeviceAuthorization } from './DeviceAuthorization';
import { hideInSdkLog } from './hideInSdkLog';
import { DEFAULT_POLL_INTERVAL_SECONDS } from './signInConstants';

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
  return {
    deviceCode,
    userCode,
    verificationUri,
    ...(verificationUriComplete ? { verificationUriComplete } : {}),
    expiresAt: now().getTime() + expiresIn * 1000,
    intervalSeconds: interval && interval > 0 ? interval : DEFAULT_POLL_INTERVAL_SECONDS,
  };
}
