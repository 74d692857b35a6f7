import { AwscredsError } from '../AwscredsError';
import type { SdkClients } from '../cli/CliContext';
import type { SsoSettings } from '../config/types';
import { describeServiceError } from '../describeServiceError';
import { notSignedInError } from '../token/notSignedInError';

export interface FetchedRoleCredentials {
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
  readonly expiration?: number;
}

/** GetRoleCredentials for the profile's account and role. Validation is the caller's. */
export async function fetchRoleCredentials(profileName: string, sso: SsoSettings, accessToken: string, sdk: SdkClients): Promise<FetchedRoleCredentials> {
  const { GetRoleCredentialsCommand } = await import('@aws-sdk/client-sso');
  const client = await sdk.sso(sso.ssoRegion);
  try {
    const response = await client.send(new GetRoleCredentialsCommand({ accountId: sso.accountId, roleName: sso.roleName, accessToken }));
    return response.roleCredentials ?? {};
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'UnauthorizedException') {
      throw notSignedInError(profileName, sso, 'IAM Identity Center rejected the cached SSO token (it expired or was revoked)');
    }
    if (name === 'ForbiddenException' || name === 'ResourceNotFoundException') {
      throw new AwscredsError(
        'CONFIG',
        `IAM Identity Center has no role "${sso.roleName}" in account ${sso.accountId} for profile "${profileName}" (${describeServiceError(error)}).`,
        'check sso_account_id and sso_role_name in the profile; `awscreds list` shows the accounts and roles you can use.',
      );
    }
    throw new AwscredsError(
      'SERVICE',
      `GetRoleCredentials failed for profile "${profileName}" (account ${sso.accountId}, role ${sso.roleName}, region ${sso.ssoRegion}): ${describeServiceError(error)}.`,
      'check your network connection (and AWS_ENDPOINT_URL_SSO if you set it), then try again.',
    );
  } finally {
    client.destroy();
  }
}
