import { readCachedAssumedRole } from '../awsCliCache/assumeRoleFile';
import { assumeRoleCacheArgs, getAssumeRoleCacheFilepath, getRoleCredentialsCacheFilepath, getSSOTokenFilepath, lockFilepath } from '../awsCliCache/cachePaths';
import { readCachedRoleCredentials, writeCachedRoleCredentials } from '../awsCliCache/roleCredentialsFile';
import type { ResolvedProfile, RoleSettings, SsoSettings } from '../config/loadProfile';
import { unknownKind } from '../config/profileKinds/types';
import { AwscredsError } from '../runtime/AwscredsError';
import { withFileLock } from '../runtime/fileLock';
import { NETWORK_POLICY, untilDeadline } from '../runtime/network';
import type { SdkClients } from '../runtime/Runtime';
import { describeServiceError } from '../runtime/text';
import { assertTokenFile, getUsableSSOToken, notSignedInError } from '../token/getUsableSSOToken';
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
    default:
      return unknownKind(profile);
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
  // From here the export ends within NETWORK_POLICY.exportBudgetMs: lock waits and calls are bounded from `since`.
  const since = Date.now();
  if (!input.useCache) return fetchSet(input, sso, base, undefined, since, () => undefined);
  // The warm path: a cache hit takes no lock.
  const cached = fromCache(input, cachePath, base, log);
  if (cached) return cached;
  // Not signed in: say so before waiting for anything (or creating the cache directory).
  assertTokenFile(home, profile.name, sso);
  // One GetRoleCredentials per role, however many exports miss at once: the others wait for
  // the lock, then find the fresh set in the cache, or end with the holder's failure.
  // Read again under the lock: another process may have filled the cache since the read above.
  return withFileLock(
    lockFilepath(cachePath),
    {
      what: `the role credentials of profile "${profile.name}"`,
      debug,
      since,
      onFailedMeanwhile: (failure) => {
        const fresh = fromCache(input, cachePath, base, debug);
        if (fresh) return fresh;
        throw roleCredentialsFailed(profile.name, sso, failure.detail);
      },
      // Signing in again to the sign-in these credentials come from clears the record.
      failureGroup: getSSOTokenFilepath(home, sso),
    },
    async ({ recordFailure }) => {
      const fresh = fromCache(input, cachePath, base, debug);
      if (fresh) debug(`role-credential cache: filled by another process meanwhile (${cachePath})`);
      return fresh ?? fetchSet(input, sso, base, cachePath, since, recordFailure);
    },
  );
}

type SetBase = Pick<CredentialSet, 'kind' | 'profileName' | 'region' | 'accountId'>;

/** The cached set when it has more than --min-ttl left, else undefined. */
function fromCache(input: CredentialSetInput, cachePath: string, base: SetBase, note: (text: string) => void): CredentialSet | undefined {
  const { now, debug } = input;
  const cached = readCachedRoleCredentials(cachePath, note);
  if (!cached) {
    debug(`role-credential cache miss: ${cachePath}`);
    return undefined;
  }
  const expiration = new Date(cached.Expiration);
  const left = Math.round((expiration.getTime() - now.getTime()) / 60_000);
  debug(`role-credential cache ${left * 60_000 > input.minRemainingMs ? 'hit' : 'stale'}: ${cachePath} (${left} min left, --min-ttl ${input.minRemainingMs / 60_000})`);
  if (expiration.getTime() - now.getTime() <= input.minRemainingMs) return undefined;
  const set = { ...base, accessKeyId: cached.AccessKeyId, secretAccessKey: cached.SecretAccessKey, sessionToken: cached.SessionToken, expiration };
  return validateCredentialSet(set, `the role-credential cache ${cachePath}`, now);
}

/**
 * Token → GetRoleCredentials → a validated set, written to `cachePath` when given. Calls still
 * running NETWORK_POLICY.exportBudgetMs after `since` are cut off; a failed GetRoleCredentials is
 * recorded for the exports waiting on the lock.
 */
async function fetchSet(input: CredentialSetInput, sso: SsoSettings, base: SetBase, cachePath: string | undefined, since: number, recordFailure: (detail: string) => void): Promise<CredentialSet> {
  const { profile, home, now, sdk, log, debug } = input;
  const accessToken = await getUsableSSOToken({ home, profileName: profile.name, sso, sdk, now, log, debug, since });
  const fetched = await fetchRoleCredentials(profile.name, sso, accessToken, sdk, { deadline: since + NETWORK_POLICY.exportBudgetMs, recordFailure });
  const missing = (['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'] as const).filter((k) => fetched[k] === undefined || fetched[k] === '');
  if (missing.length > 0) {
    throw new AwscredsError(
      'INVALID_CREDENTIALS',
      `GetRoleCredentials for profile "${profile.name}" returned an incomplete set (missing: ${missing.join(', ')}); nothing was printed or cached.`,
      'try again; if it repeats, report it: IAM Identity Center should always return all four fields.',
    );
  }
  const expiration = new Date(fetched.expiration as number);
  checkLocalClock(profile.name, expiration, now);
  const set = validateCredentialSet(
    {
      ...base,
      accessKeyId: fetched.accessKeyId as string,
      secretAccessKey: fetched.secretAccessKey as string,
      sessionToken: fetched.sessionToken as string,
      expiration,
    },
    'GetRoleCredentials',
    now,
  );
  if (cachePath !== undefined) {
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

/**
 * IAM Identity Center role credentials last at most 12 hours. A fresh set that looks expired
 * already, or good for much longer than that, says the local clock is wrong (ahead or behind),
 * and every expiry check awscreds and the SDKs make would be wrong with it: refused, naming the
 * clock.
 */
export const MAX_PLAUSIBLE_ROLE_CREDENTIALS_MS = 36 * 60 * 60 * 1000;

function checkLocalClock(profileName: string, expiration: Date, now: Date): void {
  const left = expiration.getTime() - now.getTime();
  if (Number.isNaN(left) || (left > 0 && left <= MAX_PLAUSIBLE_ROLE_CREDENTIALS_MS)) return;
  const seconds = Math.abs(left) / 1000;
  const amount = seconds >= 2 * 86_400 ? `${Math.round(seconds / 86_400)} days` : seconds >= 7200 ? `${Math.round(seconds / 3600)} hours` : seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds)} s`;
  throw new AwscredsError(
    'INVALID_CREDENTIALS',
    left <= 0
      ? `GetRoleCredentials for profile "${profileName}" returned credentials that expire at ${expiration.toISOString()}, ${amount} before this machine's clock (${now.toISOString()}): the local clock is probably ahead. Nothing was printed or cached.`
      : `GetRoleCredentials for profile "${profileName}" returned credentials that expire at ${expiration.toISOString()}, ${amount} after this machine's clock (${now.toISOString()}), longer than any role session lasts: the local clock is probably behind. Nothing was printed or cached.`,
    'set the local clock right (enable network time: `timedatectl set-ntp true`, or your system settings), then run the export again.',
  );
}

export interface FetchedRoleCredentials {
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
  readonly expiration?: number;
}

/**
 * GetRoleCredentials for the profile's account and role. Validation is the caller's. A call
 * still running at `deadline` (epoch ms) is cut off; a failure other than the service's refusal
 * (network, 5xx, throttling) is passed to `recordFailure` before it is thrown.
 */
export async function fetchRoleCredentials(
  profileName: string,
  sso: SsoSettings,
  accessToken: string,
  sdk: SdkClients,
  { deadline, recordFailure }: { deadline?: number; recordFailure?: (detail: string) => void } = {},
): Promise<FetchedRoleCredentials> {
  const { GetRoleCredentialsCommand } = await import('@aws-sdk/client-sso');
  const client = await sdk.sso(sso.ssoRegion);
  try {
    const response = await client.send(new GetRoleCredentialsCommand({ accountId: sso.accountId, roleName: sso.roleName, accessToken }), untilDeadline(deadline));
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
    const detail = describeServiceError(error);
    recordFailure?.(detail);
    throw roleCredentialsFailed(profileName, sso, detail);
  } finally {
    client.destroy();
  }
}

/** GetRoleCredentials failed (`detail`: how, and where: describeServiceError). */
function roleCredentialsFailed(profileName: string, sso: SsoSettings, detail: string): AwscredsError {
  return new AwscredsError(
    'SERVICE',
    `GetRoleCredentials failed for profile "${profileName}" (account ${sso.accountId}, role ${sso.roleName}, region ${sso.ssoRegion}): ${detail}.`,
    'check your network connection (and AWS_ENDPOINT_URL_SSO if you set it), then try again.',
  );
}
