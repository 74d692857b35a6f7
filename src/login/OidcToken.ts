/** What CreateToken answered, before it becomes a cache file. Every field is a secret but expiresIn. */
export interface OidcToken {
  readonly accessToken: string;
  /** seconds */
  readonly expiresIn: number;
  readonly refreshToken?: string;
}
