/**
 * The one table of credential states. `classifyCredentials` (TypeScript), the three prompt
 * hooks in shell/ and `awscreds check` all follow it; the hooks get their message text and
 * levels from definitions generated from this table, so the words live here only.
 *
 * Texts may hold two placeholders, filled where the message is printed:
 * `{minutes}` (minutes left, or minutes since expiry) and `{profile}` (AWSCREDS_PROFILE).
 * Fixes hold the commands they suggest as data (SuggestedCommand), which the user's shell
 * writes in its own syntax (renderFixText): no shell syntax lives here.
 */
import type { SuggestedCommand } from '../shells/Shell';

/**
 * How a hook reacts: `none` says nothing and guards nothing (tools use a profile instead),
 * `ok` is a usable set, `warn` is usable but worth a line, `bad` is refused by the guards.
 */
export type CredentialStateLevel = 'none' | 'ok' | 'warn' | 'bad';

export interface CredentialState {
  /** Also a shell variable suffix (`_awscreds_msg_<id>`), so: lower-case letters and _. */
  readonly id: CredentialStateId;
  readonly title: string;
  /** Whether AWS tools can sign requests with the set as it is (what `check` exits 0 for). */
  readonly usable: boolean;
  readonly level: CredentialStateLevel;
  /** What is set, naming the variables. */
  readonly problem: string;
  /** Why AWS (or the AWS tools) will reject it; empty for usable states. */
  readonly why: string;
  readonly fix: FixText;
  /**
   * The hooks' one line (the long text above is for `awscreds check`): what is wrong in a few
   * words, then `; run: ` and the one command that fixes it (`brief.fix`), rendered in the
   * user's shell's syntax by renderBriefMessage. May hold `{minutes}` and `{profile}`; a test keeps
   * every line within 80 columns at realistic widths.
   */
  readonly brief: { readonly what: string; readonly fix?: SuggestedCommand };
}

/** Text with the commands it suggests as data: each shell writes them in its own syntax (renderFixText). */
export type FixText = ReadonlyArray<string | SuggestedCommand>;

export const CREDENTIAL_STATE_IDS = [
  'none',
  'complete_long_term',
  'complete_temporary',
  'complete_other_key',
  'secret_missing',
  'key_missing',
  'temporary_without_token',
  'long_term_with_token',
  'mixed_set',
  'security_token_mismatch',
  'expired',
  'expiring_soon',
  'expiry_unknown',
  'expiration_unreadable',
] as const;

export type CredentialStateId = (typeof CREDENTIAL_STATE_IDS)[number];

const EXPORT: SuggestedCommand = { load: ['export'] };
const EXPORT_PROFILE: SuggestedCommand = { load: ['export', '--profile', '{profile}'] };

export const CREDENTIAL_STATES: Readonly<Record<CredentialStateId, CredentialState>> = {
  none: {
    id: 'none',
    title: 'no credentials in the environment',
    usable: false,
    level: 'none',
    problem: 'none of AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN is set.',
    why: 'AWS tools will look for credentials elsewhere (AWS_PROFILE, ~/.aws, an instance role).',
    fix: ['run ', EXPORT, " to use a profile's credentials in this shell."],
    brief: { what: 'no credentials in the environment' },
  },
  complete_long_term: {
    id: 'complete_long_term',
    title: 'complete long-term set',
    usable: true,
    level: 'ok',
    problem: 'AWS_ACCESS_KEY_ID (a long-term key, AKIA…) and AWS_SECRET_ACCESS_KEY are set, with no session token.',
    why: '',
    fix: ['nothing to fix.'],
    brief: { what: 'complete long-term set' },
  },
  complete_temporary: {
    id: 'complete_temporary',
    title: 'complete temporary set',
    usable: true,
    level: 'ok',
    problem: 'AWS_ACCESS_KEY_ID (a temporary key, ASIA…), AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN are set and belong together.',
    why: '',
    fix: ['nothing to fix.'],
    brief: { what: 'complete temporary set' },
  },
  complete_other_key: {
    id: 'complete_other_key',
    title: 'complete set with a non-AWS key id',
    usable: true,
    level: 'ok',
    problem: 'AWS_ACCESS_KEY_ID (not an AWS-issued id, e.g. a local emulator\'s) and AWS_SECRET_ACCESS_KEY are set; AWS_SESSION_TOKEN is optional for it.',
    why: '',
    fix: ['nothing to fix.'],
    brief: { what: 'complete set' },
  },
  secret_missing: {
    id: 'secret_missing',
    title: 'secret missing',
    usable: false,
    level: 'bad',
    problem: 'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.',
    why: 'AWS tools cannot sign a request without the secret: the AWS CLI stops with PartialCredentialsError, other tools quietly use another profile.',
    fix: ['run ', EXPORT, ', or the missing ', { set: 'AWS_SECRET_ACCESS_KEY' }, ' from the same set.'],
    brief: { what: 'no AWS_SECRET_ACCESS_KEY', fix: EXPORT },
  },
  key_missing: {
    id: 'key_missing',
    title: 'key id missing',
    usable: false,
    level: 'bad',
    problem: 'AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN is set but AWS_ACCESS_KEY_ID is not.',
    why: 'without the key id AWS tools ignore the environment and sign with another profile\'s credentials, or stop with PartialCredentialsError.',
    fix: ['run ', EXPORT, ', or the missing ', { set: 'AWS_ACCESS_KEY_ID' }, ' from the same set.'],
    brief: { what: 'no AWS_ACCESS_KEY_ID', fix: EXPORT },
  },
  temporary_without_token: {
    id: 'temporary_without_token',
    title: 'temporary key without its session token',
    usable: false,
    level: 'bad',
    problem: 'AWS_ACCESS_KEY_ID is a temporary key (ASIA…) but AWS_SESSION_TOKEN is not set.',
    why: 'AWS rejects a temporary key sent without its session token: "The security token included in the request is invalid" (InvalidClientTokenId).',
    fix: ['run ', EXPORT, ', or the missing ', { set: 'AWS_SESSION_TOKEN' }, ' from the same set.'],
    brief: { what: 'no AWS_SESSION_TOKEN', fix: EXPORT },
  },
  long_term_with_token: {
    id: 'long_term_with_token',
    title: 'long-term key with a leftover session token',
    usable: false,
    level: 'bad',
    problem: 'AWS_ACCESS_KEY_ID is a long-term key (AKIA…) but AWS_SESSION_TOKEN is also set, left over from a temporary set.',
    why: 'AWS rejects a long-term key sent with a session token: "The security token included in the request is invalid" (InvalidClientTokenId).',
    fix: ['run ', { unset: ['AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'] }, ', or ', EXPORT, '.'],
    brief: { what: 'AKIA key with session token', fix: { unset: ['AWS_SESSION_TOKEN'] } },
  },
  mixed_set: {
    id: 'mixed_set',
    title: 'key and session token from different exports',
    usable: false,
    level: 'bad',
    problem: 'AWS_ACCESS_KEY_ID and AWS_SESSION_TOKEN come from different exports (AWSCREDS_KEY_ID and AWSCREDS_TOKEN_FP record the set awscreds exported).',
    why: 'AWS rejects a key signed with another set\'s session token: "The security token included in the request is invalid".',
    fix: ['run ', EXPORT, ' to replace the whole set.'],
    brief: { what: 'key and token from 2 sets', fix: EXPORT },
  },
  security_token_mismatch: {
    id: 'security_token_mismatch',
    title: 'AWS_SECURITY_TOKEN disagrees with AWS_SESSION_TOKEN',
    usable: false,
    level: 'bad',
    problem: 'AWS_SECURITY_TOKEN is set and differs from AWS_SESSION_TOKEN.',
    why: 'the AWS CLI reads the legacy AWS_SECURITY_TOKEN first, so it signs with a stale token that AWS rejects as invalid, while the SDKs use AWS_SESSION_TOKEN.',
    fix: ['run ', { unset: ['AWS_SECURITY_TOKEN'] }, ' (', EXPORT, ' clears it too).'],
    brief: { what: 'AWS_SECURITY_TOKEN differs', fix: { unset: ['AWS_SECURITY_TOKEN'] } },
  },
  expired: {
    id: 'expired',
    title: 'expired',
    usable: false,
    level: 'bad',
    problem: 'the credential set expired {minutes} minutes ago (AWSCREDS_EXPIRES_AT for a set awscreds exported, else AWS_CREDENTIAL_EXPIRATION).',
    why: 'AWS rejects them: "The security token included in the request is expired" (ExpiredToken); the AWS CLI stops before sending: "Credentials were refreshed, but the refreshed credentials are still expired".',
    fix: ['run ', EXPORT_PROFILE, ' for a fresh set (or ', { unset: ['AWS_CREDENTIAL_EXPIRATION'] }, ' if it was left over from an older set).'],
    brief: { what: 'set expired', fix: { load: ['export', '-p', '{profile}'] } },
  },
  expiring_soon: {
    id: 'expiring_soon',
    title: 'expiring soon',
    usable: true,
    level: 'warn',
    problem: 'the credential set expires in {minutes} minutes (AWSCREDS_EXPIRES_AT for a set awscreds exported, else AWS_CREDENTIAL_EXPIRATION).',
    why: 'after that AWS rejects them as expired (ExpiredToken).',
    fix: ['run ', EXPORT_PROFILE, ' to renew them, or set AWSCREDS_AUTO_REFRESH=1.'],
    brief: { what: 'expires in {minutes}m', fix: { load: ['export', '-p', '{profile}'] } },
  },
  expiry_unknown: {
    id: 'expiry_unknown',
    title: 'complete temporary set, expiry unknown',
    usable: true,
    level: 'ok',
    problem: 'AWS_ACCESS_KEY_ID (a temporary key, ASIA…), AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN are set, but nothing says when they expire: no AWS_CREDENTIAL_EXPIRATION, and no AWSCREDS_EXPIRES_AT for this key.',
    why: 'usable until AWS rejects the set as expired (ExpiredToken); neither the prompt nor the guards can warn before that.',
    fix: ["nothing to fix; to be warned before expiry, export the set's AWS_CREDENTIAL_EXPIRATION too (", { run: ['aws', 'configure', 'export-credentials', '--format', 'env'] }, ' prints it), or run ', EXPORT, '.'],
    brief: { what: 'complete temporary set, expiry unknown' },
  },
  expiration_unreadable: {
    id: 'expiration_unreadable',
    title: 'AWS_CREDENTIAL_EXPIRATION unreadable',
    usable: true,
    level: 'warn',
    problem: 'the set is complete, but AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time with Z or an offset (2026-11-28T16:00:00Z), so its expiry is unknown.',
    why: 'the AWS CLI parses AWS_CREDENTIAL_EXPIRATION itself and stops on a value it cannot read ("Unknown string format"); nothing can warn before the set expires.',
    fix: ['run ', { unset: ['AWS_CREDENTIAL_EXPIRATION'] }, " or export the set's expiry in ISO 8601, or run ", EXPORT, '.'],
    brief: { what: 'bad AWS_CREDENTIAL_EXPIRATION', fix: { unset: ['AWS_CREDENTIAL_EXPIRATION'] } },
  },
};

/**
 * The other lines the hooks print, generated into them like the states' texts; each line
 * fits 80 columns (a test checks it). Placeholders: `{variables}` (space-separated names),
 * `{command}` (the guarded command's name).
 */
export const HOOK_MESSAGES = {
  /** Before a state's line at the prompt while strict mode holds the set back. */
  heldBack: 'held back:',
  /** Said only when the held-back state was said first. */
  released: 'the set is complete: exported to commands again.',
  /** A line of its own after a state's line (guard and warn modes). */
  notExported: ['not exported; run: ', { reexport: ['{variables}'] }],
  /** After the state's line when a guard refuses: the way through, in every shell. */
  refused: ['{command} not started; to run it anyway: ', { unguarded: '{command}' }],
} as const satisfies Readonly<Record<string, string | FixText>>;

/** Default for AWSCREDS_WARN_MINUTES: how close to expiry a set counts as expiring soon. */
export const DEFAULT_WARN_MINUTES = 10;

/** The commands the guards wrap unless AWSCREDS_GUARD_COMMANDS names others. */
export const DEFAULT_GUARD_COMMANDS = ['aws', 'sam', 'cdk', 'terraform', 'tofu', 'terragrunt', 'pulumi', 'eksctl', 'copilot'] as const;

/**
 * Invocations of a guarded command that never sign a request with the environment's keys:
 * the guards let them through whatever state the set is in (a guard that refuses
 * `aws sso login` or `terraform -version` on an expired set only gets in the way). The guards
 * decide from the arguments alone, with builtins; guardPassesThrough is the same rule in
 * TypeScript, and test/hooks/guardPassThrough.test.ts proves the three hooks agree with it.
 *
 * A word's place: `anywhere` is any argument; `first` the first argument that is not an
 * option (the value of an option in `optionsWithValue` is skipped); `firstTwo` the first two
 * such words; `last` the last argument. No arguments at all passes too (usage or help only).
 */
export interface GuardPassThroughRule {
  /** Options that name a profile, as `--opt NAME` or `--opt=NAME`: the environment's keys are then not used. */
  readonly profileOptions: readonly string[];
  readonly optionsWithValue: readonly string[];
  readonly anywhere: readonly string[];
  readonly first: readonly string[];
  readonly firstTwo: readonly string[];
  readonly last: readonly string[];
}

export const GUARD_PASS_THROUGH: { readonly aws: GuardPassThroughRule; readonly other: GuardPassThroughRule } = {
  // As the AWS CLI v2 treats them (checked against Debian's /usr/bin/aws in the test):
  // botocore drops its environment provider when a profile is named on the command line
  // (AWS_PROFILE does not count); `--version` is argparse's version action, anywhere; `help`
  // as the last word is the help of the command before it; `configure` reads and writes the
  // config files; `sso login`/`sso logout` use the SSO token. `--no-sign-request` is not
  // here: the CLI still loads the environment's keys and stops on a partial set.
  aws: {
    profileOptions: ['--profile'],
    optionsWithValue: ['--endpoint-url', '--output', '--query', '--region', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format'],
    anywhere: ['--version'],
    first: ['help', 'configure'],
    firstTwo: ['sso login', 'sso logout'],
    last: ['help', '--help'],
  },
  // terraform, tofu, terragrunt, pulumi, cdk, sam, eksctl, copilot and any other guarded name.
  other: {
    profileOptions: [],
    optionsWithValue: [],
    anywhere: ['-version', '--version', '-help', '--help', '-h'],
    first: ['version', 'help'],
    firstTwo: [],
    last: [],
  },
};
