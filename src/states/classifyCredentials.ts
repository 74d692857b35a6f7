import { tokenFingerprint } from '../credentials/envChanges';
import type { CredentialDiagnosis } from './CredentialDiagnosis';
import { DEFAULT_WARN_MINUTES, type CredentialStateId } from './credentialStates';
import type { Env } from '../runtime/Runtime';


// Bounded so that bash and zsh 64-bit arithmetic and fish's floating-point `math` agree.
const EPOCH_SECONDS = /^[0-9]{1,12}$/;
const WARN_MINUTES = /^[0-9]{1,4}$/;

/**
 * Classifies the AWS_* variables of an environment into one row of the state table.
 * shell/hook.{bash,zsh,fish} repeat these steps, in this order, with builtins only (they run
 * at every prompt); test/hooks proves the four agree row by row. An empty variable counts
 * as unset, as it does for the AWS SDKs.
 */
export function classifyCredentials(env: Env, nowEpochSeconds: number): CredentialDiagnosis {
  const key = env.AWS_ACCESS_KEY_ID ?? '';
  const secret = env.AWS_SECRET_ACCESS_KEY ?? '';
  const token = env.AWS_SESSION_TOKEN ?? '';
  const securityToken = env.AWS_SECURITY_TOKEN ?? '';
  const verdict = (state: CredentialStateId, minutes?: number, profile = ''): CredentialDiagnosis => ({ state, minutes, profile });

  if (key === '' && secret === '' && token === '' && securityToken === '') return verdict('none');
  if (key === '') return verdict('key_missing');
  if (secret === '') return verdict('secret_missing');
  if (securityToken !== '' && securityToken !== token) return verdict('security_token_mismatch');
  if (key.startsWith('ASIA') && token === '') return verdict('temporary_without_token');
  if (key.startsWith('AKIA') && token !== '') return verdict('long_term_with_token');

  // The export block records which key and token it exported. A key that matches with a
  // token that does not (or the reverse) means half of the set was replaced by hand. Neither
  // matching means the whole set came from elsewhere: the bookkeeping is stale, and ignored.
  const bookkeptKey = env.AWSCREDS_KEY_ID ?? '';
  const bookkeptFingerprint = env.AWSCREDS_TOKEN_FP ?? '';
  const fingerprint = token === '' ? '' : tokenFingerprint(token);
  const keyMatches = bookkeptKey !== '' && bookkeptKey === key;
  if (keyMatches && fingerprint !== bookkeptFingerprint) return verdict('mixed_set');
  if (!keyMatches && bookkeptFingerprint !== '' && bookkeptFingerprint === fingerprint) return verdict('mixed_set');

  const complete: CredentialStateId = key.startsWith('ASIA') ? 'complete_temporary' : key.startsWith('AKIA') ? 'complete_long_term' : 'complete_other_key';
  if (!keyMatches) return verdict(complete);
  const profile = env.AWSCREDS_PROFILE ?? '';
  const expiresAt = env.AWSCREDS_EXPIRES_AT ?? '';
  if (!EPOCH_SECONDS.test(expiresAt)) return verdict(complete, undefined, profile);

  const secondsLeft = Number(expiresAt) - Math.floor(nowEpochSeconds);
  if (secondsLeft <= 0) return verdict('expired', Math.floor(-secondsLeft / 60), profile);
  const warnSetting = env.AWSCREDS_WARN_MINUTES ?? '';
  const warnMinutes = WARN_MINUTES.test(warnSetting) ? Number(warnSetting) : DEFAULT_WARN_MINUTES;
  const minutesLeft = Math.ceil(secondsLeft / 60);
  return verdict(secondsLeft <= warnMinutes * 60 ? 'expiring_soon' : complete, minutesLeft, profile);
}
