import * as z from 'zod/mini';
import { AwscredsError } from '../runtime/AwscredsError';
import type { CredentialSet } from './CredentialSet';

// What AWS issues: key ids are upper-case alphanumerics, secrets and tokens base64. Local
// emulators use short ids like `test`, so the long-term shape is looser; a temporary key id
// (ASIA…) is never accepted without its session token, a long-term one (AKIA…) never with one.
const keyId = z.string().check(z.regex(/^[A-Za-z0-9_]{1,128}$/, 'must be letters, digits or _ only'));
const secret = z.string().check(z.regex(/^[A-Za-z0-9/+=]{1,128}$/, 'must be base64 characters only'));
const sessionToken = z.string().check(z.regex(/^[A-Za-z0-9/+=]{1,8192}$/, 'must be base64 characters only'));

const schema = z.object({
  accessKeyId: keyId,
  secretAccessKey: secret,
  sessionToken: z.optional(sessionToken),
  expiration: z.optional(z.date()),
});

/**
 * The last gate before anything is printed: a set is complete and well-formed, or refused.
 * The message names the field and the rule, never the value.
 */
export function validateCredentialSet(set: CredentialSet, source: string, now: Date): CredentialSet {
  const refuse = (problem: string, fix?: string): AwscredsError =>
    new AwscredsError(
      'INVALID_CREDENTIALS',
      `the credentials from ${source} for profile "${set.profileName}" were refused and not printed: ${problem}.`,
      fix ??
        (set.kind === 'temporary'
          ? 'run the export again with --no-cache; if it repeats, sign in again (`awscreds login`) and report the response.'
          : 'correct the keys in your ~/.aws/credentials or ~/.aws/config profile.'),
    );
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(`${issue?.path.join('.') || 'value'} ${issue?.message ?? 'is malformed'}`);
  }
  if (set.kind === 'temporary' && set.sessionToken === undefined) throw refuse('a temporary set has no session token');
  if (set.accessKeyId.startsWith('ASIA') && set.sessionToken === undefined) throw refuse(`the access key id is temporary (ASIA…) but there is no session token`);
  // The state table's long_term_with_token: AWS rejects a long-term key sent with a token.
  if (set.accessKeyId.startsWith('AKIA') && set.sessionToken !== undefined) {
    throw refuse(
      'the access key id is long-term (AKIA…) but a session token came with it, and AWS rejects that pair ("The security token included in the request is invalid")',
      // Only the config files give a set without an expiration.
      set.expiration === undefined
        ? `remove the leftover aws_session_token (or aws_security_token) from profile "${set.profileName}" in ~/.aws/credentials or ~/.aws/config, or use the temporary key it belongs to.`
        : undefined,
    );
  }
  if (set.expiration !== undefined && set.expiration.getTime() <= now.getTime()) throw refuse(`they expired at ${set.expiration.toISOString()}`);
  return set;
}
