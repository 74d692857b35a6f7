/**
 * The browser's sign-in URL: `<oidc endpoint>/authorize` with the parameters the AWS CLI
 * sends, in its order. It holds no secret (the challenge, not the verifier), so it may be
 * printed and passed to a browser on its command line.
 */
export function buildAuthorizeUrl({
  oidcEndpoint,
  clientId,
  redirectUri,
  state,
  scopes,
  codeChallenge,
}: {
  readonly oidcEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly scopes: readonly string[];
  readonly codeChallenge: string;
}): string {
  const query = new URLSearchParams([
    ['response_type', 'code'],
    ['client_id', clientId],
    ['redirect_uri', redirectUri],
    ['state', state],
    ['code_challenge_method', 'S256'],
    ['scopes', scopes.join(' ')],
    ['code_challenge', codeChallenge],
  ]);
  return `${oidcEndpoint.replace(/\/$/, '')}/authorize?${query.toString()}`;
}
