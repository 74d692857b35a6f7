import { join } from 'node:path';
import type { RoleSettings, SsoSettings, SsoSignIn } from '../config/loadProfile';
import type { AssumeRoleCacheArgs } from './assumeRoleFile';
import { botocoreCacheKey } from './botocoreFormat';
import { sha1Hex } from './sha1Hex';

// Where the AWS CLI keeps what it caches, named exactly as botocore names it, so that each tool
// finds what the other wrote. Every path awscreds reads or writes under ~/.aws is made here.

/** ~/.aws/sso/cache: SSO tokens and OIDC client registrations. */
export function ssoCacheDirectory(home: string): string {
  return join(home, '.aws', 'sso', 'cache');
}

/** ~/.aws/cli/cache: role credentials (SSO and assume-role). */
export function cliCacheDirectory(home: string): string {
  return join(home, '.aws', 'cli', 'cache');
}

/**
 * ~/.aws/sso/cache/<sha1>.json, named like the AWS CLI names it: SHA-1 of the sso-session
 * name in the session form, of the start URL in the legacy form (the bare UTF-8 text, no JSON).
 */
export function getSSOTokenFilepath(home: string, sso: Pick<SsoSignIn, 'sessionName' | 'startUrl'>): string {
  return join(ssoCacheDirectory(home), `${sha1Hex(sso.sessionName ?? sso.startUrl)}.json`);
}

/**
 * ~/.aws/sso/cache/<sha1>.json for a client registration, named as botocore names it:
 * `json.dumps({"region", "scopes", "session_name", "startUrl", "tool": "botocore"},
 * sort_keys=True)`, with null for no scopes (legacy form) and no session name.
 */
export function getClientRegistrationCacheFilepath(
  home: string,
  key: { readonly ssoRegion: string; readonly startUrl: string; readonly scopes?: readonly string[]; readonly sessionName?: string },
): string {
  const args = {
    tool: 'botocore',
    startUrl: key.startUrl,
    region: key.ssoRegion,
    scopes: key.scopes ? [...key.scopes] : null,
    session_name: key.sessionName ?? null,
  };
  return join(ssoCacheDirectory(home), `${botocoreCacheKey(args)}.json`);
}

/**
 * ~/.aws/cli/cache/<sha1>.json for SSO role credentials, named as botocore's
 * SSOCredentialFetcher names it: minified (`separators=(',', ':')`), key-sorted JSON of account,
 * role and sso-session name (or start URL in the legacy form), non-ASCII escaped as `\uXXXX`.
 */
export function getRoleCredentialsCacheFilepath(home: string, sso: SsoSettings): string {
  const args: Record<string, string> = { accountId: sso.accountId, roleName: sso.roleName };
  if (sso.sessionName !== undefined) args.sessionName = sso.sessionName;
  else args.startUrl = sso.startUrl;
  return join(cliCacheDirectory(home), `${botocoreCacheKey(args, [',', ':'])}.json`);
}

/**
 * ~/.aws/cli/cache/<sha1>.json for assumed-role credentials (AssumeRole and
 * AssumeRoleWithWebIdentity), named as botocore's BaseAssumeRoleCredentialFetcher names it:
 * SHA-1 of `json.dumps(args, sort_keys=True)` with Python's default separators.
 */
export function getAssumeRoleCacheFilepath(home: string, args: AssumeRoleCacheArgs): string {
  return join(cliCacheDirectory(home), `${botocoreCacheKey({ ...args })}.json`);
}

/** The cache arguments of a profile's role settings (a generated session name is not part of them). */
export function assumeRoleCacheArgs(role: RoleSettings): AssumeRoleCacheArgs {
  return {
    RoleArn: role.roleArn,
    ...(role.roleSessionName ? { RoleSessionName: role.roleSessionName } : {}),
    ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
    ...(role.mfaSerial !== undefined ? { SerialNumber: role.mfaSerial } : {}),
    ...(role.durationSeconds !== undefined ? { DurationSeconds: role.durationSeconds } : {}),
  };
}
