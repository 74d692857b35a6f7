import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { AwscredsError } from '../runtime/AwscredsError';
import { MAX_CACHE_FILE_BYTES, describeReadError, readRegularFile, writeFileAtomic } from '../runtime/files';
import { pythonJsonDumps } from './botocoreFormat';

/**
 * A token file in ~/.aws/sso/cache as the AWS CLI and the SDKs write it. Only accessToken and
 * expiresAt are required to use it; every other field, known or not, is kept when rewriting.
 */
export const ssoTokenSchema = z.looseObject({
  startUrl: z.optional(z.string()),
  region: z.optional(z.string()),
  accessToken: z.string().check(z.minLength(1)),
  expiresAt: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')),
  clientId: z.optional(z.string()),
  clientSecret: z.optional(z.string()),
  registrationExpiresAt: z.optional(z.string()),
  refreshToken: z.optional(z.string()),
});

export type SSOToken = z.infer<typeof ssoTokenSchema>;

/** What a token cache file holds: a token, nothing (no file), or something that is not a token. */
export type SSOTokenFileContent =
  | { readonly kind: 'token'; readonly token: SSOToken }
  | { readonly kind: 'missing' }
  /** `why` says what is wrong with the file, for a message that names it. */
  | { readonly kind: 'corrupt'; readonly why: string }
  /** Another tool's token that cannot reach accounts (foreignTokenScopes): never used, never replaced. */
  | { readonly kind: 'foreign'; readonly scopes: readonly string[] };

/** The scope GetRoleCredentials, ListAccounts and ListAccountRoles need. */
export const ACCOUNT_ACCESS_SCOPE = 'sso:account:access';

/**
 * The scopes a token file records when they lack sso:account:access, else undefined. The AWS
 * CLI and awscreds write no `scopes`; IDE extensions (AWS Toolkit, Amazon Q) signed in to the
 * same start URL write the scopes of their registration, e.g. only `codewhisperer:*`, and may
 * write them to the file a legacy profile's token has (SHA-1 of the start URL). GetRoleCredentials
 * with such a token answers 401, so it is not used, and signing in does not replace it.
 */
export function foreignTokenScopes(json: unknown): readonly string[] | undefined {
  const scopes = json !== null && typeof json === 'object' ? (json as { scopes?: unknown }).scopes : undefined;
  if (!Array.isArray(scopes)) return undefined;
  return scopes.includes(ACCOUNT_ACCESS_SCOPE) ? undefined : scopes.filter((s): s is string => typeof s === 'string');
}

/** The refusal of another tool's token file (foreignTokenScopes): one line naming the file. */
export function foreignTokenError(path: string): AwscredsError {
  return new AwscredsError(
    'CONFIG',
    `${path} is another tool's SSO token (no ${ACCOUNT_ACCESS_SCOPE}); not used.`,
    'sign in through an [sso-session] of its own (aws configure sso-session).',
  );
}

/**
 * The refusal of a token whose sign-in registered for scopes without sso:account:access (the
 * sso-session's sso_registration_scopes): signing in again would only get another such token.
 */
export function scopelessSignInError(path: string, sessionName: string | undefined): AwscredsError {
  return new AwscredsError(
    'CONFIG',
    `${path}: its sign-in's scopes lack ${ACCOUNT_ACCESS_SCOPE}; not used.`,
    `add ${ACCOUNT_ACCESS_SCOPE} to sso_registration_scopes of [sso-session ${sessionName ?? '…'}].`,
  );
}

/** Whether the file at `path` is another tool's token (foreignTokenScopes). Never throws: unreadable is not foreign. */
export function isForeignTokenFile(path: string): boolean {
  try {
    return foreignTokenScopes(JSON.parse(readRegularFile(path, MAX_CACHE_FILE_BYTES).toString('utf8'))) !== undefined;
  } catch {
    return false;
  }
}

/**
 * The cached token at `path`. A file that exists but is not a token (truncated by a crash or a
 * full disk, hand-edited) is `corrupt`: signing in again replaces it. A path that is not a
 * readable regular file (a FIFO, a device, a directory, an oversized file, no permission) is a
 * FILESYSTEM error naming it; nothing there is ever opened in a way that could block.
 */
export function readSSOTokenFromFile(path: string): SSOTokenFileContent {
  let text: string;
  try {
    text = readRegularFile(path, MAX_CACHE_FILE_BYTES).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    throw new AwscredsError(
      'FILESYSTEM',
      `cannot read the SSO token cache file ${path}: ${describeReadError(error)}.`,
      code === 'EACCES' || code === 'EPERM'
        ? `make the file yours with mode 0600 (chmod 600 ${path}), or remove it and sign in again.`
        : `remove it (rm -r ${path}) and sign in again (\`awscreds login\`).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'corrupt', why: text.trim() === '' ? 'it is empty' : 'it is not valid JSON (it may have been cut short)' };
  }
  const foreign = foreignTokenScopes(json);
  if (foreign !== undefined) return { kind: 'foreign', scopes: foreign };
  const parsed = ssoTokenSchema.safeParse(json);
  if (!parsed.success) return { kind: 'corrupt', why: 'it lacks a usable accessToken or expiresAt' };
  return { kind: 'token', token: parsed.data };
}

/**
 * Writes a token the way the AWS CLI does (its JSON layout, 0600, atomically); never over
 * another tool's token (foreignTokenError).
 */
export function writeSSOTokenToFile(path: string, token: SSOToken): void {
  if (isForeignTokenFile(path)) throw foreignTokenError(path);
  writeFileAtomic(path, pythonJsonDumps(token));
}

export interface CachedTokenFile {
  readonly path: string;
  /** Absent when the file is not valid JSON or has no accessToken (that is not a token file). */
  readonly accessToken?: string;
  readonly region?: string;
  readonly expiresAt?: string;
}

/** The fields of one token file that sign-out needs, read without judging the rest. */
export function readCachedTokenFile(path: string, debug: (text: string) => void): CachedTokenFile {
  let json: unknown;
  try {
    json = JSON.parse(readRegularFile(path, MAX_CACHE_FILE_BYTES).toString('utf8'));
  } catch {
    debug(`sign-out: ${path} is unreadable or not JSON; skipped`);
    return { path };
  }
  if (json === null || typeof json !== 'object') return { path };
  const { accessToken, region, expiresAt } = json as Record<string, unknown>;
  return {
    path,
    ...(typeof accessToken === 'string' && accessToken !== '' ? { accessToken } : {}),
    ...(typeof region === 'string' && region !== '' ? { region } : {}),
    ...(typeof expiresAt === 'string' ? { expiresAt } : {}),
  };
}

/**
 * The SSO token files in a cache directory, as `aws sso logout` finds them: every *.json file
 * holding an `accessToken` (client registrations, which share the directory, have none).
 */
export function listCachedSSOTokenFiles(cacheDir: string, debug: (text: string) => void): CachedTokenFile[] {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const tokens: CachedTokenFile[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith('.json')) continue;
    const file = readCachedTokenFile(join(cacheDir, name), debug);
    if (file.accessToken !== undefined) tokens.push(file);
  }
  return tokens;
}
