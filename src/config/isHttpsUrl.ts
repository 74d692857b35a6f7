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
