import { readFileSync } from 'node:fs';

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
