import { tokenFingerprint } from '../../src/credentials/envChanges';
import type { CredentialStateId } from '../../src/states/credentialStates';

export interface StateRow {
  readonly label: string;
  readonly env: Readonly<Record<string, string>>;
  readonly expected: CredentialStateId;
}

const TEMP_KEY = 'ASIAROWTEST000000001';
const OTHER_TEMP_KEY = 'ASIAROWTEST000000002';
const LONG_KEY = 'AKIAROWTEST000000001';
const SECRET = 'rowSecret/With+Base64=Chars0123456789abcd';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENrowtest0123456789+/==';
const OTHER_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENotherset987654321+/==';

/**
 * Every row of the state table, plus the edges where a shell could drift from the
 * TypeScript classifier (short tokens, stale bookkeeping, odd bytes, thresholds).
 * Expiry offsets sit half a minute away from a minute boundary so a slow step cannot
 * change the rounded minutes.
 */
export function stateRows(now: number): readonly StateRow[] {
  const bookkept = (key: string, token: string | undefined, expiresIn?: number): Record<string, string> => ({
    AWSCREDS_PROFILE: 'dev',
    AWSCREDS_KEY_ID: key,
    ...(token === undefined ? {} : { AWSCREDS_TOKEN_FP: tokenFingerprint(token) }),
    ...(expiresIn === undefined ? {} : { AWSCREDS_EXPIRES_AT: String(now + expiresIn) }),
  });
  const temporary = { AWS_ACCESS_KEY_ID: TEMP_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };
  return [
    { label: 'none', env: {}, expected: 'none' },
    { label: 'none_bookkeeping_only', env: bookkept(TEMP_KEY, TOKEN, 3600), expected: 'none' },
    { label: 'long_term', env: { AWS_ACCESS_KEY_ID: LONG_KEY, AWS_SECRET_ACCESS_KEY: SECRET, ...bookkept(LONG_KEY, undefined) }, expected: 'complete_long_term' },
    { label: 'temporary_plain', env: temporary, expected: 'complete_temporary' },
    { label: 'temporary_bookkept', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 3600 - 30) }, expected: 'complete_temporary' },
    { label: 'other_key', env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }, expected: 'complete_other_key' },
    { label: 'other_key_token', env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SESSION_TOKEN: 'test' }, expected: 'complete_other_key' },
    { label: 'secret_missing', env: { AWS_ACCESS_KEY_ID: LONG_KEY }, expected: 'secret_missing' },
    { label: 'secret_missing_temporary', env: { AWS_ACCESS_KEY_ID: TEMP_KEY, AWS_SESSION_TOKEN: TOKEN }, expected: 'secret_missing' },
    { label: 'key_missing', env: { AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN }, expected: 'key_missing' },
    { label: 'key_missing_token_only', env: { AWS_SESSION_TOKEN: TOKEN }, expected: 'key_missing' },
    { label: 'temporary_without_token', env: { AWS_ACCESS_KEY_ID: TEMP_KEY, AWS_SECRET_ACCESS_KEY: SECRET }, expected: 'temporary_without_token' },
    { label: 'long_term_with_token', env: { AWS_ACCESS_KEY_ID: LONG_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN }, expected: 'long_term_with_token' },
    { label: 'mixed_new_key_old_token', env: { ...temporary, AWS_ACCESS_KEY_ID: OTHER_TEMP_KEY, ...bookkept(TEMP_KEY, TOKEN, 3600) }, expected: 'mixed_set' },
    { label: 'mixed_old_key_new_token', env: { ...temporary, AWS_SESSION_TOKEN: OTHER_TOKEN, ...bookkept(TEMP_KEY, TOKEN, 3600) }, expected: 'mixed_set' },
    { label: 'mixed_token_added_to_other_key', env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SESSION_TOKEN: 'late', ...bookkept('test', undefined) }, expected: 'mixed_set' },
    { label: 'short_token_fingerprint', env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SESSION_TOKEN: 'abc', ...bookkept('test', 'abc') }, expected: 'complete_other_key' },
    { label: 'short_token_wrong_fingerprint', env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SESSION_TOKEN: 'abc', AWSCREDS_KEY_ID: 'test', AWSCREDS_TOKEN_FP: '3:' }, expected: 'mixed_set' },
    { label: 'foreign_set_stale_bookkeeping', env: { AWS_ACCESS_KEY_ID: OTHER_TEMP_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: OTHER_TOKEN, ...bookkept(TEMP_KEY, TOKEN, -600) }, expected: 'complete_temporary' },
    { label: 'security_token_differs', env: { ...temporary, AWS_SECURITY_TOKEN: OTHER_TOKEN }, expected: 'security_token_mismatch' },
    { label: 'security_token_alone', env: { AWS_ACCESS_KEY_ID: TEMP_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SECURITY_TOKEN: TOKEN }, expected: 'security_token_mismatch' },
    { label: 'security_token_same', env: { ...temporary, AWS_SECURITY_TOKEN: TOKEN }, expected: 'complete_temporary' },
    { label: 'expired', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, -(600 + 30)) }, expected: 'expired' },
    { label: 'expiring_soon', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 300 - 30) }, expected: 'expiring_soon' },
    { label: 'expiring_custom_threshold', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 1200 - 30), AWSCREDS_WARN_MINUTES: '30' }, expected: 'expiring_soon' },
    { label: 'bad_threshold_uses_default', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 1200 - 30), AWSCREDS_WARN_MINUTES: 'lots' }, expected: 'complete_temporary' },
    { label: 'unparsable_expiry', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN), AWSCREDS_EXPIRES_AT: 'soon' }, expected: 'complete_temporary' },
    { label: 'odd_bytes_in_values', env: { AWS_ACCESS_KEY_ID: LONG_KEY, AWS_SECRET_ACCESS_KEY: "it's \"$(x)\" `y` \\ é\ttab" }, expected: 'complete_long_term' },
  ];
}
