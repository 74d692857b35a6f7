// direnv's safe set plus `:` and `+` (common in dates and base64); never `~` or `=`, which
// trigger tilde and zsh `=cmd` expansion.
const BARE = /^[A-Za-z0-9,._/@:+-]+$/;

/**
 * direnv's scheme for bash and zsh: safe characters bare, anything else inside `$'…'` with
 * every byte outside printable ASCII written as an escape, so the output is one line of ASCII.
 */
export function escapeBashValue(value: string): string {
  if (value === '') return "''";
  if (BARE.test(value)) return value;
  let out = "$'";
  for (const byte of Buffer.from(value, 'utf8')) {
    switch (byte) {
      case 0x09: out += '\\t'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x27: out += "\\'"; break;
      case 0x5c: out += '\\\\'; break;
      default:
        out += byte < 0x20 || byte >= 0x7f ? `\\x${byte.toString(16).padStart(2, '0')}` : String.fromCharCode(byte);
    }
  }
  return out + "'";
}
