import { shellSplit } from '../runtime/shellSplit';
import type { ResolvedProfile } from '../config/loadProfile';
import { AwscredsError } from '../runtime/AwscredsError';
import { printable } from '../runtime/text';
import type { CredentialSet, CredentialSetInput } from './CredentialSet';
import { validateCredentialSet } from './validateCredentialSet';

type ProcessProfile = Extract<ResolvedProfile, { kind: 'process' }>;

/** How long a credential_process may run (it may prompt the user): AWSCREDS_CREDENTIAL_PROCESS_TIMEOUT seconds. */
export const DEFAULT_PROCESS_TIMEOUT_SECONDS = 120;

/** How deep `credential_process = awscreds process …` may nest before it is taken for a loop. */
const MAX_NESTING = 4;
const NESTING_VARIABLE = 'AWSCREDS_CREDENTIAL_PROCESS_DEPTH';

/**
 * Runs a profile's credential_process as the AWS CLI does: split like a POSIX shell would
 * (botocore's shlex.split), but run without one; stdin and stderr are the user's (so it can
 * prompt, and its messages are seen); stdout must be the JSON of `Version` 1. The set is
 * validated like any other before it is used.
 */
export async function credentialProcessSet(profile: ProcessProfile, input: CredentialSetInput): Promise<CredentialSet> {
  const argv = shellSplit(profile.command);
  if (!argv || argv.length === 0) {
    throw new AwscredsError('CONFIG', `credential_process of profile "${profile.name}" (in ${profile.where}) cannot be split into a command: an unclosed quote or a trailing backslash`, `correct credential_process in ${profile.where}: quote arguments with spaces as a shell would`);
  }
  const [program, ...args] = argv as [string, ...string[]];
  const timeoutSeconds = processTimeoutSeconds(input.env);
  // A profile whose credential_process runs awscreds for itself would never end: count the nesting.
  const depth = Number(input.env[NESTING_VARIABLE] ?? '0') || 0;
  if (depth >= MAX_NESTING) {
    throw new AwscredsError('CONFIG', `credential_process of profile "${profile.name}" (in ${profile.where}) is nested ${depth} deep in awscreds runs: it (or a profile it reaches) runs awscreds for itself`, `make credential_process of "${profile.name}" name a tool that gets the credentials, not \`awscreds process --profile ${profile.name}\``);
  }
  const env: Record<string, string> = { [NESTING_VARIABLE]: String(depth + 1) };
  for (const [key, value] of Object.entries(input.env)) if (value !== undefined && key !== NESTING_VARIABLE) env[key] = value;
  input.debug(`credential_process for profile "${profile.name}": running ${program} (timeout ${timeoutSeconds} s)`);
  const run = await input.runCaptured(program, args, { env, timeoutMs: timeoutSeconds * 1000 });
  const label = `credential_process of profile "${profile.name}" (${printable(program)}, in ${profile.where})`;
  if (run.kind === 'not-started') {
    throw new AwscredsError('CONFIG', `${label} could not be started: ${run.code === 'ENOENT' ? 'no such program (not in PATH, or no such file)' : run.code}`, `correct credential_process in ${profile.where}; the program is run without a shell, so give its path or make sure it is in PATH`);
  }
  if (run.kind === 'timed-out') {
    throw new AwscredsError('SERVICE', `${label} did not finish within ${timeoutSeconds} s and was stopped`, `run it yourself to see where it waits; set AWSCREDS_CREDENTIAL_PROCESS_TIMEOUT=SECONDS for a longer limit`);
  }
  if (run.kind === 'signaled' || run.code !== 0) {
    throw new AwscredsError('SERVICE', `${label} failed (${run.kind === 'signaled' ? `killed by ${run.signal}` : `exit status ${run.code}`}); its messages are above`, `run the command of credential_process yourself to see why`);
  }
  const set = parseProcessOutput(run.stdout, profile, label);
  return validateCredentialSet(set, label, input.now);
}

function processTimeoutSeconds(env: CredentialSetInput['env']): number {
  const raw = env.AWSCREDS_CREDENTIAL_PROCESS_TIMEOUT;
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_PROCESS_TIMEOUT_SECONDS;
}

/** The AWS CLI's rules for the output: JSON, Version 1, AccessKeyId and SecretAccessKey; SessionToken and Expiration optional. */
export function parseProcessOutput(stdout: string, profile: Pick<ProcessProfile, 'name' | 'region'>, label: string): CredentialSet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new AwscredsError('INVALID_CREDENTIALS', `${label} printed something that is not JSON (${stdout.trim() === '' ? 'nothing at all' : `${stdout.length} characters`}); nothing was printed`, 'it must print {"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": …} on stdout, and anything else on stderr');
  }
  const body = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  if (body.Version !== 1) {
    throw new AwscredsError('INVALID_CREDENTIALS', `${label}: unsupported Version ${JSON.stringify(body.Version ?? '<Version key not provided>')} (supported: 1)`, 'make the command print "Version": 1');
  }
  const field = (key: string): string | undefined => (typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined);
  const missing = ['AccessKeyId', 'SecretAccessKey'].filter((key) => field(key) === undefined);
  if (missing.length > 0) throw new AwscredsError('INVALID_CREDENTIALS', `${label}: missing required key(s) in its output: ${missing.join(', ')}`, 'make the command print AccessKeyId and SecretAccessKey (and SessionToken and Expiration for temporary credentials)');
  const sessionToken = field('SessionToken');
  const expirationText = field('Expiration');
  let expiration: Date | undefined;
  if (expirationText !== undefined) {
    const ms = Date.parse(expirationText);
    if (Number.isNaN(ms)) throw new AwscredsError('INVALID_CREDENTIALS', `${label}: Expiration is not an ISO 8601 date`, 'print Expiration like 2026-01-02T03:04:05Z');
    expiration = new Date(ms);
  }
  return {
    kind: sessionToken !== undefined ? 'temporary' : 'long-term',
    accessKeyId: field('AccessKeyId') as string,
    secretAccessKey: field('SecretAccessKey') as string,
    ...(sessionToken !== undefined ? { sessionToken } : {}),
    ...(expiration ? { expiration } : {}),
    profileName: profile.name,
    region: profile.region,
  };
}
