import { readCachedAssumedRole } from '../awsCliCache/assumeRoleFile';
import { assumeRoleCacheArgs, getAssumeRoleCacheFilepath, getRoleCredentialsCacheFilepath } from '../awsCliCache/cachePaths';
import { readCachedRoleCredentials, writeCachedRoleCredentials } from '../awsCliCache/roleCredentialsFile';
import type { ResolvedProfile, RoleSettings, SsoSettings } from '../config/loadProfile';
import { AwscredsError } from '../runtime/AwscredsError';
import type { SdkClients } from '../runtime/Runtime';
import { describeServiceError } from '../runtime/text';
import { getUsableSSOToken, notSignedInError } from '../token/getUsableSSOToken';
import type { CredentialSet, CredentialSetInput } from './CredentialSet';
import { validateCredentialSet } from './validateCredentialSet';

export type { CredentialSetInput } from './CredentialSet';

/**
 * The complete, validated credential set for a profile, whatever its kind: long-term keys, SSO
 * (config → token → role credentials), an assumed role (its source chain first), web identity,
 * credential_process. The one entry point: every command gets its set here.
 */
export async function getCredentialSet(input: CredentialSetInput): Promise<CredentialSet> {
  return credentialsFor(input.profile, input);
}

/** The set of any profile of a chain (the exported one, or a source). */
export async function credentialsFor(profile: ResolvedProfile, input: CredentialSetInput): Promise<CredentialSet> {
  switch (profile.kind) {
    case 'static':
    case 'sso':
      return directCredentials(profile, input);
    case 'role':
    case 'web-identity': {
      // A cached role chain is read here, so the warm path loads nothing more.
      const cached = cachedAssumedRole(profile, input);
      if (cached) return cached;
      const { fetchAssumedRole } = await import('./assumeRole');
      return fetchAssumedRole(profile, input, credentialsFor);
    }
    case 'process': {
      const { credentialProcessSet } = await import('./credentialProcess');
      return credentialProcessSet(profile, input);
    }
  }
}

/** The path where the AWS CLI caches this role's credentials. */
export function assumedRoleCachePath(home: string, role: RoleSettings): string {
  return getAssumeRoleCacheFilepath(home, assumeRoleCacheArgs(role));
}

/** The cached credentials of a role profile, when there are some with more than --min-ttl left. */
export function cachedAssumedRole(profile: Extract<ResolvedProfile, { kind: 'role' | 'web-identity' }>, input: CredentialSetInput): CredentialSet | undefined {
  if (!input.useCache) return undefined;
  const { now, debug } = input;
  const path = assumedRoleCachePath(input.home, profile.role);
  const cached = readCachedAssumedRole(path, input.log);
  if (!cached) {
    debug(`assume-role cache miss: ${path} (profile "${profile.name}")`);
    return undefined;
  }
  const leftMs = cached.expiration.getTime() - now.getTime();
  const usable = leftMs > input.minRemainingMs;
  debug(`assume-role cache ${usable ? 'hit' : 'stale'}: ${path} (profile "${profile.name}", ${Math.round(leftMs / 60_000)} min left, --min-ttl ${input.minRemainingMs / 60_000})`);
  if (!usable) return undefined;
  const accountId = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(profile.role.roleArn)?.[1];
  const set: CredentialSet = {
    kind: 'temporary',
    accessKeyId: cached.accessKeyId,
    secretAccessKey: cached.secretAccessKey,
    sessionToken: cached.sessionToken,
    expiration: cached.expiration,
    profileName: profile.name,
    region: profile.region,
    ...(accountId ? { accountId } : {}),
  };
  return validateCredentialSet(set, `the assume-role cache ${path}`, now);
}

async function directCredentials(profile: Extract<ResolvedProfile, { kind: 'static' | 'sso' }>, input: CredentialSetInput): Promise<CredentialSet> {
  const { home, now, sdk, log, debug } = input;
  if (profile.kind === 'static') {
    const set: CredentialSet = {
      kind: profile.sessionToken !== undefined ? 'temporary' : 'long-term',
      accessKeyId: profile.accessKeyId,
      secretAccessKey: profile.secretAccessKey,
      sessionToken: profile.sessionToken,
      profileName: profile.name,
      region: profile.region,
    };
    return validateCredentialSet(set, 'the shared config files', now);
  }

  const { sso } = profile;
  const cachePath = getRoleCredentialsCacheFilepath(home, sso);
  const base = { kind: 'temporary' as const, profileName: profile.name, region: profile.region, accountId: sso.accountId };
  if (input.useCache) {
    const cached = readCachedRoleCredentials(cachePath, log);
    if (!cached) debug(`role-credential cache miss: ${cachePath}`);
    if (cached) {
      const expiration = new Date(cached.Expiration);
      const left = Math.round((expiration.getTime() - now.getTime()) / 60_000);
      debug(`role-credential cache ${left * 60_000 > input.minRemainingMs ? 'hit' : 'stale'}: ${cachePath} (${left} min left, --min-ttl ${input.minRemainingMs / 60_000})`);
      if (expiration.getTime() - now.getTime() > input.minRemainingMs) {
        const set = { ...base, accessKeyId: cached.AccessKeyId, secretAccessKey: cached.SecretAccessKey, sessionToken: cached.SessionToken, expiration };
        return validateCredentialSet(set, `the role-credential cache ${cachePath}`, now);
      }
    }
  }

  const accessToken = await getUsableSSOToken({ home, profileName: profile.name, sso, sdk, now, log, debug });
  const fetched = await fetchRoleCredentials(profile.name, sso, accessToken, sdk);
  const missing = (['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'] as const).filter((k) => fetched[k] === undefined || fetched[k] === '');
  if (missing.length > 0) {
    throw new AwscredsError(
      'INVALID_CREDENTIALS',
      `GetRoleCredentials for profile "${profile.name}" returned an incomplete set (missing: ${missing.join(', ')}); nothing was printed or cached.`,
      'try again; if it repeats, report it: IAM Identity Center should always return all four fields.',
    );
  }
  const set = validateCredentialSet(
    {
      ...base,
      accessKeyId: fetched.accessKeyId as string,
      secretAccessKey: fetched.secretAccessKey as string,
      sessionToken: fetched.sessionToken as string,
      expiration: new Date(fetched.expiration as number),
    },
    'GetRoleCredentials',
    now,
  );
  if (input.useCache) {
    debug(`role-credential cache write: ${cachePath}`);
    try {
      writeCachedRoleCredentials(cachePath, set as CredentialSet & { sessionToken: string; expiration: Date });
    } catch (error) {
      // The cache only saves a call next time: the set itself is good, so it is still exported.
      log(`awscreds: warning: could not cache the role credentials in ${cachePath} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next export will fetch them again.\n  fix: make ~/.aws/cli/cache a directory you own (mode 0700).`);
    }
  }
  return set;
}

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
