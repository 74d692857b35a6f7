/** A complete credential set, validated, ready to render. */
export interface CredentialSet {
  readonly kind: 'temporary' | 'long-term';
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for every temporary set; a long-term set has none. */
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly profileName: string;
  /** The profile's working region, when it names one. */
  readonly region?: string;
  readonly accountId?: string;
}
