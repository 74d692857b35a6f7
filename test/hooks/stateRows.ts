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
 * An AWS_CREDENTIAL_EXPIRATION as the tools write it: `Z` (awscreds, aws-vault), an offset
 * `+HH:MM` (the AWS CLI's isoformat, granted's local time) or `+HHMM`, optionally with a
 * fraction. The wall-clock time is the one at that offset.
 */
export function isoExpiration(epochSeconds: number, options: { offsetMinutes?: number; zone?: 'Z' | 'colon' | 'compact'; fraction?: string } = {}): string {
  const offsetMinutes = options.offsetMinutes ?? 0;
  const wallClock = new Date((epochSeconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  const zone = (options.zone ?? 'Z') === 'Z' ? 'Z' : options.zone === 'compact' ? `${sign}${hours}${minutes}` : `${sign}${hours}:${minutes}`;
  return `${wallClock}${options.fraction ?? ''}${zone}`;
}

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
  const longTerm = { AWS_ACCESS_KEY_ID: LONG_KEY, AWS_SECRET_ACCESS_KEY: SECRET };
  const foreign = { AWS_ACCESS_KEY_ID: OTHER_TEMP_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: OTHER_TOKEN };
  const standard = (expiresIn: number, options: Parameters<typeof isoExpiration>[1] = {}): { AWS_CREDENTIAL_EXPIRATION: string } => ({ AWS_CREDENTIAL_EXPIRATION: isoExpiration(now + expiresIn, options) });
  return [
    { label: 'none', env: {}, expected: 'none' },
    { label: 'none_bookkeeping_only', env: bookkept(TEMP_KEY, TOKEN, 3600), expected: 'none' },
    { label: 'long_term', env: { AWS_ACCESS_KEY_ID: LONG_KEY, AWS_SECRET_ACCESS_KEY: SECRET, ...bookkept(LONG_KEY, undefined) }, expected: 'complete_long_term' },
    { label: 'temporary_plain', env: temporary, expected: 'expiry_unknown' },
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
    { label: 'foreign_set_stale_bookkeeping', env: { ...foreign, ...bookkept(TEMP_KEY, TOKEN, -600) }, expected: 'expiry_unknown' },
    { label: 'security_token_differs', env: { ...temporary, AWS_SECURITY_TOKEN: OTHER_TOKEN }, expected: 'security_token_mismatch' },
    { label: 'security_token_alone', env: { AWS_ACCESS_KEY_ID: TEMP_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SECURITY_TOKEN: TOKEN }, expected: 'security_token_mismatch' },
    { label: 'security_token_same', env: { ...temporary, AWS_SECURITY_TOKEN: TOKEN, ...standard(3600 - 30) }, expected: 'complete_temporary' },
    { label: 'expired', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, -(600 + 30)) }, expected: 'expired' },
    { label: 'expiring_soon', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 300 - 30) }, expected: 'expiring_soon' },
    { label: 'expiring_custom_threshold', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 1200 - 30), AWSCREDS_WARN_MINUTES: '30' }, expected: 'expiring_soon' },
    { label: 'bad_threshold_uses_default', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 1200 - 30), AWSCREDS_WARN_MINUTES: 'lots' }, expected: 'complete_temporary' },
    { label: 'unparsable_expiry', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN), AWSCREDS_EXPIRES_AT: 'soon' }, expected: 'expiry_unknown' },
    { label: 'expires_at_trailing_newline', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN), AWSCREDS_EXPIRES_AT: `${now + 3600}\n` }, expected: 'expiry_unknown' },
    // AWS_CREDENTIAL_EXPIRATION, as the AWS CLI, aws-vault, granted and awscreds write it.
    { label: 'std_far_z', env: { ...foreign, ...standard(3600 - 30) }, expected: 'complete_temporary' },
    { label: 'std_past_z', env: { ...foreign, ...standard(-(600 + 30)) }, expected: 'expired' },
    { label: 'std_soon_utc_offset', env: { ...foreign, ...standard(300 - 30, { zone: 'colon' }) }, expected: 'expiring_soon' },
    { label: 'std_far_python_fraction', env: { ...foreign, ...standard(1800 - 30, { zone: 'colon', fraction: '.123456' }) }, expected: 'complete_temporary' },
    { label: 'std_past_negative_offset', env: { ...foreign, ...standard(-(120 + 30), { offsetMinutes: -300, zone: 'colon' }) }, expected: 'expired' },
    { label: 'std_soon_compact_offset', env: { ...foreign, ...standard(240 - 30, { offsetMinutes: 330, zone: 'compact' }) }, expected: 'expiring_soon' },
    { label: 'std_far_nanoseconds_offset', env: { ...foreign, ...standard(7200 - 30, { offsetMinutes: 540, zone: 'colon', fraction: '.999999999' }) }, expected: 'complete_temporary' },
    { label: 'std_past_day_boundary', env: { ...foreign, ...standard(-(86400 * 400 + 30), { offsetMinutes: -720, zone: 'colon' }) }, expected: 'expired' },
    { label: 'std_malformed', env: { ...foreign, AWS_CREDENTIAL_EXPIRATION: 'soon' }, expected: 'expiration_unreadable' },
    { label: 'std_no_offset', env: { ...foreign, AWS_CREDENTIAL_EXPIRATION: isoExpiration(now + 3600).slice(0, 19) }, expected: 'expiration_unreadable' },
    { label: 'std_space_separator', env: { ...foreign, AWS_CREDENTIAL_EXPIRATION: isoExpiration(now + 3600).replace('T', ' ') }, expected: 'expiration_unreadable' },
    { label: 'std_month_13', env: { ...foreign, AWS_CREDENTIAL_EXPIRATION: '2030-13-01T00:00:00Z' }, expected: 'expiration_unreadable' },
    { label: 'std_trailing_newline', env: { ...foreign, AWS_CREDENTIAL_EXPIRATION: `${isoExpiration(now + 3600)}\n` }, expected: 'expiration_unreadable' },
    // The issue's case: awscreds' bookkeeping of an earlier export is stale, another tool exported an expired set.
    { label: 'std_past_stale_bookkeeping_far', env: { ...foreign, ...bookkept(TEMP_KEY, TOKEN, 3600), ...standard(-(600 + 30)) }, expected: 'expired' },
    // Matching bookkeeping wins over the standard variable (the minutes show which was read).
    { label: 'bookkept_far_std_past', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 3600 - 30), ...standard(-(600 + 30)) }, expected: 'complete_temporary' },
    { label: 'bookkept_soon_std_far', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 300 - 30), ...standard(3600 - 30) }, expected: 'expiring_soon' },
    { label: 'bookkept_unreadable_std_past', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN), AWSCREDS_EXPIRES_AT: 'soon', ...standard(-(600 + 30), { zone: 'colon' }) }, expected: 'expired' },
    { label: 'bookkept_far_std_malformed', env: { ...temporary, ...bookkept(TEMP_KEY, TOKEN, 3600 - 30), AWS_CREDENTIAL_EXPIRATION: 'soon' }, expected: 'complete_temporary' },
    // Any key: the AWS CLI refuses a long-term or emulator set too once AWS_CREDENTIAL_EXPIRATION is past.
    { label: 'long_term_std_past', env: { ...longTerm, ...standard(-(600 + 30)) }, expected: 'expired' },
    { label: 'long_term_std_far', env: { ...longTerm, ...standard(3600 - 30) }, expected: 'complete_long_term' },
    { label: 'long_term_std_malformed', env: { ...longTerm, AWS_CREDENTIAL_EXPIRATION: 'tomorrow' }, expected: 'expiration_unreadable' },
    { label: 'other_key_std_soon', env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', ...standard(300 - 30) }, expected: 'expiring_soon' },
    { label: 'odd_bytes_in_values', env: { AWS_ACCESS_KEY_ID: LONG_KEY, AWS_SECRET_ACCESS_KEY: "it's \"$(x)\" `y` \\ é\ttab" }, expected: 'complete_long_term' },
  ];
}
