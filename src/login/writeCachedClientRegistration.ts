import { pythonJsonDumps } from '../cache/pythonJsonDumps';
import { writeFileAtomic } from '../fs/writeFileAtomic';
import type { ClientRegistration } from './ClientRegistration';

/**
 * Writes a registration the way the AWS CLI does (its JSON layout and field order: clientId,
 * clientSecret, expiresAt, scopes?, grantTypes?), 0600, atomically.
 */
export function writeCachedClientRegistration(path: string, registration: ClientRegistration): void {
  const { clientId, clientSecret, expiresAt, scopes, grantTypes } = registration;
  writeFileAtomic(path, pythonJsonDumps({ clientId, clientSecret, expiresAt, scopes, grantTypes }));
}
