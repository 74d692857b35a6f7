// direnv's safe set plus `:` and `+` (common in dates and base64); never `~` or `=`, which
// trigger tilde and zsh `=cmd` expansion.
const BARE = /^[A-Za-z0-9,._/@:+-]+$/;

/**
 * fish honours `\\` and `\'` inside single quotes, so POSIX `'\''` quoting is unsafe there
 * (a trailing backslash would leave the quote open). Printable ASCII goes inside single
 * quotes with `\` and `'` escaped; every other byte is written outside them as `\xHH`,
 * which fish joins to the quoted parts as one word.
 */
export function escapeFishValue(value: string): string {
  if (value === '') return "''";
  if (BARE.test(value)) return value;
  let out = '';
  let quoted = '';
  const flush = (): void => {
    if (quoted !== '') out += `'${quoted}'`;
    quoted = '';
  };
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte >= 0x20 && byte < 0x7f) {
      quoted += byte === 0x27 || byte === 0x5c ? `\\${String.fromCharCode(byte)}` : String.fromCharCode(byte);
    } else {
      flush();
      out += `\\x${byte.toString(16).padStart(2, '0')}`;
    }
  }
  flush();
  return out;
}
