// How the AWS CLI v2 (botocore) serialises its SSO cache files, byte for byte.
import { createHash } from 'node:crypto';

export type PyJsonValue = string | number | boolean | null | PyJsonValue[] | { [key: string]: PyJsonValue };

/** Python's `json.dumps(obj)` with default separators (`", "`, `": "`), keys in insertion order. */
export function pythonJsonDumps(value: PyJsonValue, sortKeys = false): string {
  if (value === null || typeof value !== 'object') return asciiJson(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJsonDumps(item, sortKeys)).join(', ')}]`;
  const keys = Object.keys(value);
  if (sortKeys) keys.sort();
  const parts: string[] = [];
  for (const key of keys) {
    const item = value[key];
    if (item === undefined) continue;
    parts.push(`${asciiJson(key)}: ${pythonJsonDumps(item, sortKeys)}`);
  }
  return `{${parts.join(', ')}}`;
}

/** JSON.stringify plus Python's default `ensure_ascii=True`. */
function asciiJson(value: string | number | boolean | null): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the AWS CLI's timestamp format (UTC, no milliseconds). */
export function awsCliTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function sha1Hex(input: string): string {
  return createHash('sha1').update(input, 'utf8').digest('hex');
}

/** Token cache file name (without `.json`): sha1 of the session name, else of the start URL. */
export function tokenCacheKey(startUrl: string, sessionName?: string): string {
  return sha1Hex(sessionName ?? startUrl);
}

/** Client-registration cache file name (without `.json`), as botocore computes it. */
export function registrationCacheKey(args: {
  region: string;
  startUrl: string;
  scopes?: string[];
  sessionName?: string;
}): string {
  const obj: PyJsonValue = {
    region: args.region,
    scopes: args.scopes ?? null,
    session_name: args.sessionName ?? null,
    startUrl: args.startUrl,
    tool: 'botocore',
  };
  return sha1Hex(pythonJsonDumps(obj, true));
}

export interface SsoTokenCacheEntry {
  startUrl: string;
  region: string;
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
  clientId?: string;
  clientSecret?: string;
  /** epoch ms */
  registrationExpiresAt?: number;
  refreshToken?: string;
}

/** The token cache file body exactly as `aws sso login` writes it. */
export function formatTokenCacheFile(entry: SsoTokenCacheEntry): string {
  const obj: { [key: string]: PyJsonValue } = {
    startUrl: entry.startUrl,
    region: entry.region,
    accessToken: entry.accessToken,
    expiresAt: awsCliTimestamp(entry.expiresAt),
  };
  if (entry.clientId !== undefined) obj.clientId = entry.clientId;
  if (entry.clientSecret !== undefined) obj.clientSecret = entry.clientSecret;
  if (entry.registrationExpiresAt !== undefined) obj.registrationExpiresAt = awsCliTimestamp(entry.registrationExpiresAt);
  if (entry.refreshToken !== undefined) obj.refreshToken = entry.refreshToken;
  return pythonJsonDumps(obj);
}

export interface RegistrationCacheEntry {
  clientId: string;
  clientSecret: string;
  /** epoch ms */
  expiresAt: number;
  scopes?: string[];
  grantTypes?: string[];
}

/** The client-registration cache file body as the AWS CLI writes it. */
export function formatRegistrationCacheFile(entry: RegistrationCacheEntry): string {
  const obj: { [key: string]: PyJsonValue } = {
    clientId: entry.clientId,
    clientSecret: entry.clientSecret,
    expiresAt: awsCliTimestamp(entry.expiresAt),
  };
  if (entry.scopes !== undefined) obj.scopes = entry.scopes;
  if (entry.grantTypes !== undefined) obj.grantTypes = entry.grantTypes;
  return pythonJsonDumps(obj);
}
