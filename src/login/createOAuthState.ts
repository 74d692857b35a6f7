import { randomUUID } from 'node:crypto';

/** A fresh, unguessable `state` for one authorize request (checked on the callback). */
export function createOAuthState(random: () => string = randomUUID): string {
  return random();
}
