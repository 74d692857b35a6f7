import { tokenFingerprint } from '../credentials/envChanges';
import type { Env } from '../runtime/Runtime';
import type { CredentialDiagnosis, ExpirySource } from './CredentialDiagnosis';
import { DEFAULT_WARN_MINUTES, type CredentialStateId } from './credentialStates';
import { parseCredentialExpiration } from './parseCredentialExpiration';

type Expiry = { readonly at: number; readonly source: ExpirySource };

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
  const verdict = (state: CredentialStateId, profile = '', expiry?: Expiry, minutes?: number): CredentialDiagnosis => ({
    state,
    minutes,
    profile,
    ...(expiry === undefined ? {} : { expiresAt: expiry.at, expirySource: expiry.source }),
  });

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
  const profile = keyMatches ? (env.AWSCREDS_PROFILE ?? '') : '';

  // The expiry: awscreds' own bookkeeping when it is for this key, else the standard
  // AWS_CREDENTIAL_EXPIRATION that the AWS CLI, aws-vault, granted and awscreds export (the
  // AWS CLI also refuses a set once it is past, whatever the key).
  const bookkeptExpiry = env.AWSCREDS_EXPIRES_AT ?? '';
  const standardExpiry = env.AWS_CREDENTIAL_EXPIRATION ?? '';
  const parsedStandard = standardExpiry === '' ? undefined : parseCredentialExpiration(standardExpiry);
  const expiry: Expiry | undefined = keyMatches && EPOCH_SECONDS.test(bookkeptExpiry)
    ? { at: Number(bookkeptExpiry), source: 'AWSCREDS_EXPIRES_AT' }
    : parsedStandard === undefined ? undefined : { at: parsedStandard, source: 'AWS_CREDENTIAL_EXPIRATION' };
  // Unknown: a temporary set that says nothing about its expiry is usable and shown as such;
  // an AWS_CREDENTIAL_EXPIRATION that cannot be read is worth a warning (the AWS CLI stops on it).
  if (expiry === undefined) {
    if (standardExpiry !== '') return verdict('expiration_unreadable', profile);
    return verdict(complete === 'complete_temporary' ? 'expiry_unknown' : complete, profile);
  }

  const secondsLeft = expiry.at - Math.floor(nowEpochSeconds);
  if (secondsLeft <= 0) return verdict('expired', profile, expiry, Math.floor(-secondsLeft / 60));
  const warnSetting = env.AWSCREDS_WARN_MINUTES ?? '';
  const warnMinutes = WARN_MINUTES.test(warnSetting) ? Number(warnSetting) : DEFAULT_WARN_MINUTES;
  const minutesLeft = Math.ceil(secondsLeft / 60);
  return verdict(secondsLeft <= warnMinutes * 60 ? 'expiring_soon' : complete, profile, expiry, minutesLeft);
}
