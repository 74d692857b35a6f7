import { AwscredsError } from '../../runtime/AwscredsError';
import { profileArgument } from '../../runtime/shellWords';
import type { ConfigSection, SharedConfig } from '../sharedConfig';
import { resolveProcess } from './process';
import { keyList, where, type ProfileSettings, type Setting } from './settings';
import { resolveSso } from './sso';
import { resolveStatic } from './static';
import type { ResolvedProfile } from './types';
import { resolveWebIdentity } from './webIdentity';

// Every kind but assume-role, in the order of the AWS CLI's "profile providers": web
// identity, SSO, the credentials file's keys, credential_process, the config file's keys.
// (Assume-role comes first of all: loadProfile.ts; a role's source profile resolves here.)

export function resolveDirect(shared: SharedConfig, name: string, { merged, fromConfig, fromCredentials }: ProfileSettings): ResolvedProfile {
  const tokenFile = merged.get('web_identity_token_file');
  if (tokenFile) return resolveWebIdentity(name, merged, tokenFile);
  if (merged.has('sso_account_id') || merged.has('sso_role_name')) return resolveSso(name, merged, shared, [fromConfig, fromCredentials]);
  return (
    (fromCredentials && resolveStatic(name, fromCredentials, merged)) ??
    resolveProcess(name, merged) ??
    (fromConfig && resolveStatic(name, fromConfig, merged)) ??
    noCredentials(name, merged, fromConfig ?? fromCredentials)
  );
}

/** role_arn, source_profile = itself and the keys in one profile: the keys are the source. */
export function resolveSelfKeys(name: string, { merged, fromConfig, fromCredentials }: ProfileSettings): ResolvedProfile {
  return (fromCredentials && resolveStatic(name, fromCredentials, merged)) ?? (fromConfig && resolveStatic(name, fromConfig, merged)) ?? noCredentials(name, merged, fromConfig ?? fromCredentials);
}

function noCredentials(name: string, merged: Map<string, Setting>, section: ConfigSection | undefined): never {
  const place = section ? where(section) : 'its section';
  const ssoHints = ['sso_session', 'sso_start_url', 'sso_region'].filter((key) => merged.has(key));
  if (ssoHints.length > 0 && section) {
    throw new AwscredsError(
      'CONFIG',
      `profile "${name}" has ${ssoHints.join(', ')} but neither sso_account_id nor sso_role_name (in ${place}), so it names no account and role to get credentials for`,
      `add sso_account_id and sso_role_name to [${section.header}] of ${section.file}, or run: aws configure sso ${profileArgument(name)}`,
    );
  }
  const keys = merged.size > 0 ? `its keys: ${keyList(merged)}` : 'it has no keys';
  throw new AwscredsError(
    'CONFIG',
    `profile "${name}" (${place}) has no credentials awscreds can use: no sso_account_id or sso_role_name, no aws_access_key_id and aws_secret_access_key, no role_arn, web_identity_token_file or credential_process; ${keys}`,
    `make it an SSO profile with: aws configure sso ${profileArgument(name)}; or add aws_access_key_id and aws_secret_access_key, or role_arn with source_profile, to it`,
  );
}
