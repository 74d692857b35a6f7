import { createHash, randomInt } from 'node:crypto';

const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
const VERIFIER_LENGTH = 64;

export interface PkcePair {
  /** 64 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1). A secret: never log it. */
  readonly verifier: string;
  /** base64url(sha256(verifier)), unpadded: sent in the authorize URL. */
  readonly challenge: string;
}

/**
 * A PKCE verifier and its S256 challenge, as the AWS CLI makes them. `pick(n)` returns a
 * uniform integer in [0, n): crypto.randomInt unless a test passes its own.
 */
export function createPkcePair(pick: (n: number) => number = randomInt): PkcePair {
  let verifier = '';
  for (let i = 0; i < VERIFIER_LENGTH; i++) verifier += VERIFIER_ALPHABET.charAt(pick(VERIFIER_ALPHABET.length));
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') };
}
