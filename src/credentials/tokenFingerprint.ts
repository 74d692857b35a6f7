/**
 * A short marker of a session token that the hooks can recompute with shell builtins alone
 * (length and last 8 characters). Session tokens are hundreds of random characters, so the
 * tail identifies one export but is useless for signing a request.
 */
export function tokenFingerprint(sessionToken: string): string {
  return `${sessionToken.length}:${sessionToken.slice(-8)}`;
}
