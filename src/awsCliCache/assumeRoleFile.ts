import { unlinkSync } from 'node:fs';
import * as z from 'zod/mini';
import { AwscredsError } from '../runtime/AwscredsError';
import { MAX_CACHE_FILE_BYTES, describeReadError, readRegularFile, writeFileAtomic } from '../runtime/files';
import { pythonJsonDumps } from './botocoreFormat';

/**
 * The arguments botocore's AssumeRole (and AssumeRoleWithWebIdentity) credential fetcher names
 * its cache file after: RoleArn, and what the profile configures of RoleSessionName,
 * ExternalId, SerialNumber and DurationSeconds. A generated session name is left out, as
 * botocore leaves it out (`_using_default_session_name`), so that the name does not change the key.
 */
export interface AssumeRoleCacheArgs {
  readonly RoleArn: string;
  readonly RoleSessionName?: string;
  readonly ExternalId?: string;
  readonly SerialNumber?: string;
  readonly DurationSeconds?: number;
}

/** A date as botocore may have written it: `…Z`, `…+00:00` (its default), `…UTC` (strftime %Z). */
export function parseBotocoreDate(text: string): Date | undefined {
  const normalised = text.trim().replace(/ ?(UTC|GMT)$/, 'Z').replace(' ', 'T');
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(normalised) ? normalised : `${normalised}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The file the AWS CLI's assume-role providers write to ~/.aws/cli/cache: AssumeRole's response. */
const assumeRoleEntrySchema = z.looseObject({
  Credentials: z.looseObject({
    AccessKeyId: z.string(),
    SecretAccessKey: z.string(),
    SessionToken: z.string(),
    Expiration: z.string().check(z.refine((s) => parseBotocoreDate(s) !== undefined, 'not a date')),
  }),
});

export interface CachedAssumedRole {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  /** The assumed role's ARN, when the file names it. */
  readonly arn?: string;
}

/**
 * The cached credentials of an assumed role, or undefined when the file is absent or unusable
 * (a bad entry is only a miss: the fresh credentials that follow overwrite it).
 */
export function readCachedAssumedRole(path: string, log: (text: string) => void): CachedAssumedRole | undefined {
  let text: string;
  try {
    text = readRegularFile(path, MAX_CACHE_FILE_BYTES).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`awscreds: note: cannot read ${path} (${describeReadError(error)}); assuming the role anew.`);
    return undefined;
  }
  try {
    const parsed = assumeRoleEntrySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { Credentials: c } = parsed.data;
      const user = (parsed.data as { AssumedRoleUser?: { Arn?: unknown } }).AssumedRoleUser;
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: parseBotocoreDate(c.Expiration) as Date,
        ...(typeof user?.Arn === 'string' ? { arn: user.Arn } : {}),
      };
    }
  } catch {
    // not JSON: fall through to the note
  }
  log(`awscreds: note: ignoring ${path}: it is not an assume-role cache entry.`);
  return undefined;
}

export interface AssumeRoleResponseToCache {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly assumedRoleUser?: { readonly assumedRoleId?: string; readonly arn?: string };
  readonly packedPolicySize?: number;
  readonly sourceIdentity?: string;
  readonly requestId?: string;
  readonly httpStatusCode?: number;
  readonly attempts?: number;
}

/** botocore's isoformat() of a UTC datetime, as its cache writes Expiration: `2026-01-02T03:04:05+00:00`. */
export function formatIsoUtc(date: Date): string {
  const iso = date.toISOString();
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${ms === '000' ? '' : `.${ms}000`}+00:00`;
}

/**
 * Writes an AssumeRole response the way the AWS CLI caches it: `json.dumps(response)` of the
 * parsed response (members in the API's order, ResponseMetadata last), Expiration as botocore's
 * isoformat. 0600, atomically.
 */
export function writeCachedAssumedRole(path: string, response: AssumeRoleResponseToCache): void {
  const entry = {
    Credentials: {
      AccessKeyId: response.accessKeyId,
      SecretAccessKey: response.secretAccessKey,
      SessionToken: response.sessionToken,
      Expiration: formatIsoUtc(response.expiration),
    },
    AssumedRoleUser: response.assumedRoleUser ? { AssumedRoleId: response.assumedRoleUser.assumedRoleId, Arn: response.assumedRoleUser.arn } : undefined,
    PackedPolicySize: response.packedPolicySize,
    SourceIdentity: response.sourceIdentity,
    ResponseMetadata: {
      RequestId: response.requestId ?? '',
      HTTPStatusCode: response.httpStatusCode ?? 200,
      HTTPHeaders: {},
      RetryAttempts: Math.max(0, (response.attempts ?? 1) - 1),
    },
  };
  writeFileAtomic(path, pythonJsonDumps(entry));
}

/**
 * Deletes the given assume-role cache files (those of role chains rooted in a sign-in that
 * ends). Returns the paths removed; a file that cannot be removed is an error.
 */
export function removeAssumedRoleFiles(paths: readonly string[]): string[] {
  const removed: string[] = [];
  for (const path of paths) {
    try {
      unlinkSync(path);
      removed.push(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new AwscredsError('FILESYSTEM', `cannot remove the cached role credentials ${path}: ${(error as Error).message}`, `remove it yourself (rm ${path}), or fix the permissions of its directory and sign out again.`);
    }
  }
  return removed;
}
