import type { SdkClients } from '../cli/CliContext';

/**
 * The portal's Logout for one access token, which ends that sign-in session at IAM Identity
 * Center (its refresh token stops working too). Throws the SDK's error as is.
 */
export async function callLogout({ sdk, region, accessToken, signal }: { sdk: SdkClients; region: string; accessToken: string; signal: AbortSignal }): Promise<void> {
  const { LogoutCommand } = await import('@aws-sdk/client-sso');
  const client = await sdk.sso(region);
  try {
    await client.send(new LogoutCommand({ accessToken }), { abortSignal: signal });
  } finally {
    client.destroy();
  }
}
