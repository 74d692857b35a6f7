import { readFileSync } from 'node:fs';
import { clientRegistrationSchema, type ClientRegistration } from './ClientRegistration';

/**
 * The cached registration at `path`, or undefined (with a debug line saying why) when there is
 * none or it cannot be used: a missing, unreadable or malformed file only costs a new
 * RegisterClient call, which then replaces it.
 */
export function readCachedClientRegistration(path: string, debug: (text: string) => void): ClientRegistration | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    debug(code === 'ENOENT' ? `client registration: none cached at ${path}` : `client registration: cannot read ${path} (${code ?? 'error'}); registering anew`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    debug(`client registration: ${path} is not valid JSON; registering anew`);
    return undefined;
  }
  const parsed = clientRegistrationSchema.safeParse(json);
  if (!parsed.success) {
    debug(`client registration: ${path} lacks clientId, clientSecret or expiresAt; registering anew`);
    return undefined;
  }
  return parsed.data;
}
