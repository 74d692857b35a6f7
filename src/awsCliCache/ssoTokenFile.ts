import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { AwscredsError } from '../runtime/AwscredsError';
import { writeFileAtomic } from '../runtime/files';
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

/**
 * The cached token, or undefined when there is none. A file that exists but is not a token
 * (truncated, hand-edited) is treated as no token, with a note, because signing in again
 * replaces it: that is the fix either way.
 */
export function readSSOTokenFromFile(path: string, log: (text: string) => void): SSOToken | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AwscredsError('FILESYSTEM', `cannot read the SSO token cache file ${path}: ${(error as Error).message}`, `check the file's owner and permissions (it should be yours, mode 0600).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    log(`awscreds: note: ignoring ${path}: it is not valid JSON.`);
    return undefined;
  }
  const parsed = ssoTokenSchema.safeParse(json);
  if (!parsed.success) {
    log(`awscreds: note: ignoring ${path}: it lacks a usable accessToken or expiresAt.`);
    return undefined;
  }
  return parsed.data;
}

/** Writes a token the way the AWS CLI does (its JSON layout, 0600, atomically). */
export function writeSSOTokenToFile(path: string, token: SSOToken): void {
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
    json = JSON.parse(readFileSync(path, 'utf8'));
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
