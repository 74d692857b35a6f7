/**
 * Every exit status awscreds uses, in one table. The README's "Exit codes" section
 * is checked against this table by a test, so the two cannot drift apart.
 */
export const EXIT_CODES = {
  OK: { code: 0, meaning: 'success' },
  INTERNAL: { code: 1, meaning: 'unexpected internal error (a bug: please report it)' },
  USAGE: { code: 2, meaning: 'bad usage: unknown command or option, or a bad option value' },
  CONFIG: { code: 3, meaning: 'bad configuration: missing profile, missing or conflicting keys in ~/.aws/config or ~/.aws/credentials' },
  NOT_SIGNED_IN: { code: 4, meaning: 'not signed in: no SSO token, or it expired and cannot be refreshed' },
  SERVICE: { code: 5, meaning: 'the AWS service refused the request or could not be reached' },
  INVALID_CREDENTIALS: { code: 6, meaning: 'the credentials received or cached are incomplete or malformed, and were not printed' },
  FILESYSTEM: { code: 7, meaning: 'a cache or rc file could not be read or written safely' },
  BAD_CREDENTIAL_STATE: { code: 8, meaning: '`awscreds check`: the AWS_* variables in the environment do not form a usable set' },
  ACCESS_DENIED: { code: 9, meaning: 'STS refused to assume a role (AccessDenied): the trust policy, external_id or MFA condition does not admit the source identity' },
  NO_TERMINAL: { code: 10, meaning: 'an MFA code is needed (mfa_serial) and there is no terminal to ask for it on' },
  CANCELLED: { code: 11, meaning: 'the profile picker was closed with Esc: nothing was exported' },
  COMMAND_NOT_EXECUTABLE: { code: 126, meaning: '`awscreds exec`: the command exists but cannot be run (not executable, or a directory)' },
  COMMAND_NOT_FOUND: { code: 127, meaning: '`awscreds exec`: no such command (not in PATH, or no such file)' },
  INTERRUPTED: { code: 130, meaning: 'interrupted (Ctrl-C)' },
} as const;

export type ExitReason = keyof typeof EXIT_CODES;

export function exitCodeOf(reason: ExitReason): number {
  return EXIT_CODES[reason].code;
}
