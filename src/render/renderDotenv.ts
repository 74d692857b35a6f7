import { AwscredsError } from '../AwscredsError';
import type { EnvChanges } from '../shells/Shell';

// Characters on which dotenv readers disagree: the dotenv package keeps `\"` as two
// characters and turns `\n` into a newline, docker compose and dotenv-expand expand `$`,
// others treat backticks as quotes. Control characters and U+2028/U+2029 (line ends to a
// JavaScript regex) cannot stay on one line.
const UNSAFE = /["\\$`\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * `export --format dotenv`: one `NAME="value"` line per variable the export block sets, in
 * its order, LF line endings. Credential values (key ids, base64 secrets, tokens, dates,
 * regions) never need escaping; any value holding `"`, `\`, `$`, a backtick or a control
 * character (only a profile name could) is refused rather than written in a form some
 * reader would misread. A dotenv file cannot unset: it lists only what to set.
 */
export function renderDotenv(changes: EnvChanges): string {
  for (const [name, value] of changes.set) {
    const bad = UNSAFE.exec(value);
    if (bad) {
      const shown = /[^\x20-\x7e]/.test(bad[0]) ? `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}` : `"${bad[0]}"`;
      throw new AwscredsError(
        'USAGE',
        `cannot write ${name} in dotenv format: its value holds ${shown}, which dotenv readers do not read alike.`,
        name === 'AWSCREDS_PROFILE' ? 'use --format json, or a profile name without " \\ $ ` or control characters.' : 'use --format json.',
      );
    }
  }
  return changes.set.map(([name, value]) => `${name}="${value}"\n`).join('');
}
