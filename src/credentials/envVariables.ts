/** The AWS variables that make up a credential set, as the AWS CLI and SDKs read them. */
export const AWS_CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN', // legacy alias: the AWS CLI reads it before AWS_SESSION_TOKEN
  'AWS_CREDENTIAL_EXPIRATION',
] as const;

/**
 * awscreds' bookkeeping, exported beside every set so the prompt hooks can tell, without
 * forking a process, which key and token belong together and when they expire.
 */
export const BOOKKEEPING_VARIABLES = [
  'AWSCREDS_PROFILE', // the profile the set came from
  'AWSCREDS_EXPIRES_AT', // expiry in epoch seconds (absent for long-term keys)
  'AWSCREDS_KEY_ID', // the access key id exported with this set
  'AWSCREDS_TOKEN_FP', // tokenFingerprint() of the session token exported with it
] as const;

export const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;
