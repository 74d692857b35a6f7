/** An https:// URL with a host and no white space (URL() alone would escape the spaces of `https://x/start  # comment`). */
export function isHttpsUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `sso_registration_scopes` is comma-separated; blanks between commas are dropped. */
export function parseScopes(value: string): string[] | undefined {
  const scopes = value.split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
  return scopes.length > 0 ? scopes : undefined;
}

const SETTING_NAME = /^[A-Za-z0-9_.@-]{1,64}$/;

/**
 * A key name fit for an error message. A value pasted or wrapped onto a line of its own can
 * parse as a key name, so a name that looks random (long, mixed case and digits, like a
 * secret key) or has characters no setting has is not shown: it may be part of a secret.
 */
export function describeKey(name: string): string {
  const looksRandom = name.length >= 16 && /[a-z]/.test(name) && /[A-Z]/.test(name) && /\d/.test(name);
  return SETTING_NAME.test(name) && !looksRandom ? `"${name}"` : 'a key whose name is not shown (it looks like a pasted value)';
}

// Two or more letters first: eusc-de-east-1 exists.
const REGION = /^[a-z]{2,}(-[a-z]+)+-\d+$/;

/** An AWS region name such as us-east-1 (the shape only: new regions appear all the time). */
export function isRegion(value: string): boolean {
  return REGION.test(value);
}

/** Names an error lists at most: a 10,000-profile config must not make a 10,000-name message. */
const NAMES_SHOWN = 8;

/**
 * `names` for a "… that exist: a, b, c" message: all of them, sorted, when there are few;
 * otherwise the NAMES_SHOWN closest to `wanted` (a typo's intended name among them) and how
 * many more there are.
 */
export function existingNames(names: readonly string[], wanted: string): string {
  const sorted = [...names].sort();
  if (sorted.length <= NAMES_SHOWN) return sorted.join(', ');
  const closest = sorted
    .map((name) => ({ name, distance: editDistance(name, wanted) }))
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, NAMES_SHOWN)
    .map(({ name }) => name);
  return `${closest.join(', ')} and ${sorted.length - NAMES_SHOWN} more`;
}

/** Levenshtein distance, two rows at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
