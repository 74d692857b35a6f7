import { readFileSync } from 'node:fs';
import { AwscredsError } from '../AwscredsError';
import { ssoTokenSchema, type SSOToken } from './SSOToken';

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
