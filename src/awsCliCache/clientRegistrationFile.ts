import * as z from 'zod/mini';
import { MAX_CACHE_FILE_BYTES, describeReadError, readRegularFile, writeFileAtomic } from '../runtime/files';
import { pythonJsonDumps } from './botocoreFormat';

/**
 * A client registration as the AWS CLI caches it in ~/.aws/sso/cache: `expiresAt` is the
 * registration's `clientSecretExpiresAt` as `YYYY-MM-DDTHH:MM:SSZ`; `scopes` when some were
 * requested; `grantTypes` only for the authorization-code flow's registrations.
 */
export const clientRegistrationSchema = z.looseObject({
  clientId: z.string().check(z.minLength(1)),
  clientSecret: z.string().check(z.minLength(1)),
  expiresAt: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')),
  scopes: z.optional(z.array(z.string())),
  grantTypes: z.optional(z.array(z.string())),
});

export type ClientRegistration = z.infer<typeof clientRegistrationSchema>;

/**
 * The cached registration at `path`, or undefined (with a debug line saying why) when there is
 * none or it cannot be used: a missing, unreadable or malformed file only costs a new
 * RegisterClient call, which then replaces it.
 */
export function readCachedClientRegistration(path: string, debug: (text: string) => void): ClientRegistration | undefined {
  let text: string;
  try {
    text = readRegularFile(path, MAX_CACHE_FILE_BYTES).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    debug(code === 'ENOENT' ? `client registration: none cached at ${path}` : `client registration: cannot read ${path} (${describeReadError(error)}); registering anew`);
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

/**
 * Writes a registration the way the AWS CLI does (its JSON layout and field order: clientId,
 * clientSecret, expiresAt, scopes?, grantTypes?), 0600, atomically.
 */
export function writeCachedClientRegistration(path: string, registration: ClientRegistration): void {
  const { clientId, clientSecret, expiresAt, scopes, grantTypes } = registration;
  writeFileAtomic(path, pythonJsonDumps({ clientId, clientSecret, expiresAt, scopes, grantTypes }));
}
