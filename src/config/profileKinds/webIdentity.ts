import { AwscredsError } from '../../runtime/AwscredsError';
import { optionalValue, roleArnOf, singleValue, where, withRegion, type Setting } from './settings';
import type { WebIdentityProfile } from './types';

// web_identity_token_file with role_arn: AssumeRoleWithWebIdentity with the token the file
// holds (read when the credentials are fetched, credentials/assumeRole.ts). It comes before
// every other kind but assume-role, as in the AWS CLI.

/** Why such a profile has no IAM Identity Center sign-in. */
export const DESCRIPTION = 'it uses a web identity token';

/** Never: the token file's path is remembered, not the token. */
export const holdsSecret = (_profile: WebIdentityProfile): boolean => false;

export function resolveWebIdentity(name: string, merged: Map<string, Setting>, tokenFileSetting: Setting): WebIdentityProfile {
  const tokenFile = singleValue(name, 'web_identity_token_file', tokenFileSetting);
  const roleArnSetting = merged.get('role_arn');
  if (!roleArnSetting) {
    throw new AwscredsError(
      'CONFIG',
      `profile "${name}" is configured to assume a role with web identity (web_identity_token_file in ${where(tokenFileSetting.from)}) but has no role_arn`,
      `add role_arn = arn:aws:iam::ACCOUNT:role/NAME to [${tokenFileSetting.from.header}] of ${tokenFileSetting.from.file}`,
    );
  }
  const roleArn = roleArnOf(name, roleArnSetting);
  const sessionName = optionalValue(name, merged, 'role_session_name');
  const role = sessionName === undefined ? { roleArn } : { roleArn, roleSessionName: sessionName };
  return withRegion(name, merged, { kind: 'web-identity', name, role, tokenFile });
}
