import { formatCacheDate } from '../awsCliCache/botocoreFormat';
import type { CredentialSet } from '../credentials/CredentialSet';
import { AwscredsError } from '../runtime/AwscredsError';
import type { EnvChanges } from '../shells/Shell';

/** `export --format json|dotenv` (loaded only for those formats; the shell block stays on the fast path). */
export function renderEnvChanges(format: 'json' | 'dotenv', changes: EnvChanges): string {
  return format === 'json' ? renderEnvJson(changes) : renderDotenv(changes);
}

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

/**
 * `export --format json`: `{"set": {NAME: value, …}, "unset": [NAME, …]}`, both keys always
 * present, names in the export block's order. A consumer applies `unset` first, then `set`,
 * exactly as the shell block does.
 */
export function renderEnvJson(changes: EnvChanges): string {
  const set: Record<string, string> = {};
  for (const [name, value] of changes.set) set[name] = value;
  return `${JSON.stringify({ set, unset: [...changes.unset] }, null, 2)}\n`;
}

/**
 * The JSON a `credential_process` prints (AWS CLI and SDKs): Version 1, the keys, and for a
 * temporary set its session token and expiration (ISO 8601, UTC, whole seconds as in the caches).
 */
export function renderCredentialProcess(set: CredentialSet): string {
  const document: Record<string, string | number> = {
    Version: 1,
    AccessKeyId: set.accessKeyId,
    SecretAccessKey: set.secretAccessKey,
  };
  if (set.sessionToken !== undefined) document.SessionToken = set.sessionToken;
  if (set.expiration !== undefined) document.Expiration = formatCacheDate(set.expiration);
  return `${JSON.stringify(document)}\n`;
}
