/** `sso_registration_scopes` is comma-separated; blanks between commas are dropped. */
export function parseScopes(value: string): string[] | undefined {
  const scopes = value.split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
  return scopes.length > 0 ? scopes : undefined;
}
