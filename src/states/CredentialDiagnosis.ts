import type { CredentialStateId } from './credentialStates';

/** What `classifyCredentials` finds; the shell hooks compute the same state, minutes and profile. */
export interface CredentialDiagnosis {
  readonly state: CredentialStateId;
  /**
   * Minutes left (rounded up) while the set's expiry is known and ahead, minutes since
   * expiry (rounded down) once `expired`; undefined when the expiry is unknown.
   */
  readonly minutes: number | undefined;
  /** AWSCREDS_PROFILE when the bookkeeping belongs to the exported key, else ''. */
  readonly profile: string;
  /** The expiry in epoch seconds, when one is known. */
  readonly expiresAt?: number;
  /** Where the expiry was read: awscreds' bookkeeping for this key, or the standard variable. */
  readonly expirySource?: ExpirySource;
}

export type ExpirySource = 'AWSCREDS_EXPIRES_AT' | 'AWS_CREDENTIAL_EXPIRATION';
