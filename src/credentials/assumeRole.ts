import { writeCachedAssumedRole, type AssumeRoleResponseToCache } from '../awsCliCache/assumeRoleFile';
import { assumeRoleCacheArgs, getAssumeRoleCacheFilepath } from '../awsCliCache/cachePaths';
import type { CredentialSource, ResolvedProfile, RoleSettings } from '../config/loadProfile';
import { AwscredsError } from '../runtime/AwscredsError';
import { MAX_CACHE_FILE_BYTES, describeReadError, readRegularFile } from '../runtime/files';
import type { Env, SigningCredentials } from '../runtime/Runtime';
import { describeServiceError, printable } from '../runtime/text';
import type { CredentialSet, CredentialSetInput } from './CredentialSet';
import { validateCredentialSet } from './validateCredentialSet';

type RoleProfile = Extract<ResolvedProfile, { kind: 'role' }>;
type WebIdentityProfile = Extract<ResolvedProfile, { kind: 'web-identity' }>;
type CredentialsFor = (profile: ResolvedProfile, input: CredentialSetInput) => Promise<CredentialSet>;

/**
 * The region STS is called in, as the AWS CLI chooses it for the profile it was given:
 * AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region; with none, the global
 * endpoint (sts.amazonaws.com, signed for us-east-1), which the SDK calls `aws-global`.
 */
export function stsRegion(env: Env, profileRegion: string | undefined): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || profileRegion || 'aws-global';
}

/** botocore's generated session name when the profile sets none: `botocore-session-<epoch seconds>`. */
export function defaultSessionName(now: Date): string {
  return `botocore-session-${Math.floor(now.getTime() / 1000)}`;
}

/**
 * Assumes the role of a role or web-identity profile (the cache was checked by the caller):
 * source credentials first (each level of the chain through its own cache), the MFA code when
 * the profile has mfa_serial, then STS; the result is validated and cached where the AWS CLI
 * caches it.
 */
export async function fetchAssumedRole(profile: RoleProfile | WebIdentityProfile, input: CredentialSetInput, credentialsFor: CredentialsFor): Promise<CredentialSet> {
  // The STS region is the exported profile's choice, for every level of its chain.
  const region = stsRegion(input.env, input.profile.region);
  const fetched = profile.kind === 'role' ? await assumeRole(profile, input, region, credentialsFor) : await assumeRoleWithWebIdentity(profile, input, region);
  const operation = profile.kind === 'role' ? 'AssumeRole' : 'AssumeRoleWithWebIdentity';
  const { Credentials: c } = fetched;
  const missing = (['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'] as const).filter((k) => c?.[k] === undefined || c[k] === '');
  if (!c || missing.length > 0) {
    throw new AwscredsError(
      'INVALID_CREDENTIALS',
      `${operation} for profile "${profile.name}" (role ${profile.role.roleArn}) returned an incomplete set (missing: ${missing.join(', ') || 'Credentials'}); nothing was printed or cached.`,
      'try again; if it repeats, report it: STS always returns all four fields.',
    );
  }
  const accountId = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(profile.role.roleArn)?.[1];
  const set = validateCredentialSet(
    {
      kind: 'temporary',
      accessKeyId: c.AccessKeyId as string,
      secretAccessKey: c.SecretAccessKey as string,
      sessionToken: c.SessionToken as string,
      expiration: c.Expiration as Date,
      profileName: profile.name,
      region: profile.region,
      ...(accountId ? { accountId } : {}),
    },
    operation,
    input.now,
  );
  if (input.useCache) {
    const path = getAssumeRoleCacheFilepath(input.home, assumeRoleCacheArgs(profile.role));
    input.debug(`assume-role cache write: ${path} (profile "${profile.name}")`);
    const response: AssumeRoleResponseToCache = {
      accessKeyId: set.accessKeyId,
      secretAccessKey: set.secretAccessKey,
      sessionToken: set.sessionToken as string,
      expiration: set.expiration as Date,
      ...(fetched.AssumedRoleUser ? { assumedRoleUser: { assumedRoleId: fetched.AssumedRoleUser.AssumedRoleId, arn: fetched.AssumedRoleUser.Arn } } : {}),
      ...(fetched.PackedPolicySize !== undefined ? { packedPolicySize: fetched.PackedPolicySize } : {}),
      ...(fetched.SourceIdentity !== undefined ? { sourceIdentity: fetched.SourceIdentity } : {}),
      ...(fetched.$metadata.requestId !== undefined ? { requestId: fetched.$metadata.requestId } : {}),
      ...(fetched.$metadata.httpStatusCode !== undefined ? { httpStatusCode: fetched.$metadata.httpStatusCode } : {}),
      ...(fetched.$metadata.attempts !== undefined ? { attempts: fetched.$metadata.attempts } : {}),
    };
    try {
      writeCachedAssumedRole(path, response);
    } catch (error) {
      input.log(`awscreds: warning: could not cache the role credentials in ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next export will assume the role again.\n  fix: make ~/.aws/cli/cache a directory you own (mode 0700).`);
    }
  }
  return set;
}

interface StsResult {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date };
  AssumedRoleUser?: { AssumedRoleId?: string; Arn?: string };
  PackedPolicySize?: number;
  SourceIdentity?: string;
  $metadata: { requestId?: string; httpStatusCode?: number; attempts?: number };
}

async function assumeRole(profile: RoleProfile, input: CredentialSetInput, region: string, credentialsFor: CredentialsFor): Promise<StsResult> {
  const source = await sourceCredentials(profile, input, credentialsFor);
  const { role } = profile;
  let tokenCode: string | undefined;
  if (role.mfaSerial !== undefined) tokenCode = await askMfaCode(profile, input);
  const [{ AssumeRoleCommand }, client] = await Promise.all([import('@aws-sdk/client-sts'), input.sdk.sts(region, source.credentials)]);
  const params = {
    RoleArn: role.roleArn,
    RoleSessionName: role.roleSessionName || defaultSessionName(input.now),
    ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
    ...(role.mfaSerial !== undefined ? { SerialNumber: role.mfaSerial, TokenCode: tokenCode } : {}),
    ...(role.durationSeconds !== undefined ? { DurationSeconds: role.durationSeconds } : {}),
  };
  input.debug(`AssumeRole ${role.roleArn} in ${region} for profile "${profile.name}" with the credentials of ${source.label}`);
  try {
    return await client.send(new AssumeRoleCommand(params));
  } catch (error) {
    throw stsError(error, profile, source.label, region);
  } finally {
    client.destroy();
  }
}

async function sourceCredentials(profile: RoleProfile, input: CredentialSetInput, credentialsFor: CredentialsFor): Promise<{ credentials: SigningCredentials; label: string }> {
  const { source } = profile;
  if (source.kind === 'credential-source') return { credentials: await credentialSourceSet(source, profile, input), label: `credential_source ${source.source}` };
  const set = await credentialsFor(source, input);
  return {
    credentials: { accessKeyId: set.accessKeyId, secretAccessKey: set.secretAccessKey, ...(set.sessionToken !== undefined ? { sessionToken: set.sessionToken } : {}) },
    label: `source profile "${source.name}"`,
  };
}

async function credentialSourceSet(source: CredentialSource, profile: RoleProfile, input: CredentialSetInput): Promise<SigningCredentials> {
  let sourced;
  try {
    sourced = await input.sdk.credentialSource(source.source);
  } catch (error) {
    const hint: Record<CredentialSource['source'], string> = {
      Environment: 'export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys) before running awscreds',
      EcsContainer: 'run inside an ECS task or a container with AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI set',
      Ec2InstanceMetadata: 'run on an EC2 instance with an instance profile (IMDS reachable), or use another credential_source',
    };
    throw new AwscredsError(
      'CONFIG',
      `No credentials found in credential_source ${source.source} referenced in profile "${profile.name}" (${printable((error as Error).message ?? String(error))})`,
      `${hint[source.source]}; or replace credential_source with source_profile = PROFILE`,
    );
  }
  const set = validateCredentialSet(
    {
      kind: sourced.sessionToken ? 'temporary' : 'long-term',
      accessKeyId: sourced.accessKeyId,
      secretAccessKey: sourced.secretAccessKey,
      ...(sourced.sessionToken ? { sessionToken: sourced.sessionToken } : {}),
      ...(sourced.expiration ? { expiration: sourced.expiration } : {}),
      profileName: profile.name,
    },
    `credential_source ${source.source}`,
    input.now,
  );
  return { accessKeyId: set.accessKeyId, secretAccessKey: set.secretAccessKey, ...(set.sessionToken !== undefined ? { sessionToken: set.sessionToken } : {}) };
}

/** The AWS CLI's prompt, on the terminal even when stdout is captured. */
async function askMfaCode(profile: RoleProfile, input: CredentialSetInput): Promise<string> {
  // The prompt goes to the terminal as is (not through AwscredsError): the config's text made safe here.
  const serial = printable(profile.role.mfaSerial as string);
  const code = await input.askTerminal(`Enter MFA code for ${serial}: `);
  if (code === undefined) {
    throw new AwscredsError(
      'NO_TERMINAL',
      `profile "${profile.name}" needs an MFA code (mfa_serial = ${serial}) to assume ${profile.role.roleArn}, and there is no terminal to ask for it on; nothing was printed.`,
      `run the export in a terminal (it asks "Enter MFA code for ${serial}:"), once: the role credentials are then cached and reused without a code until they expire.`,
    );
  }
  const trimmed = code.trim();
  if (!/^\d{6}$/.test(trimmed)) {
    throw new AwscredsError('USAGE', `the MFA code for ${serial} (profile "${profile.name}") must be the 6 digits your MFA device shows; nothing was sent to STS.`, 'run the export again and type the current code.');
  }
  return trimmed;
}

async function assumeRoleWithWebIdentity(profile: WebIdentityProfile, input: CredentialSetInput, region: string): Promise<StsResult> {
  let token: string;
  try {
    // STS takes at most 20,000 characters; the cache cap is far above that and keeps a link to
    // /dev/zero or a FIFO from hanging or filling memory.
    token = readRegularFile(profile.tokenFile, MAX_CACHE_FILE_BYTES).toString('utf8');
  } catch (error) {
    throw new AwscredsError(
      'CONFIG',
      `cannot read the web identity token of profile "${profile.name}": web_identity_token_file = ${profile.tokenFile} (${describeReadError(error)})`,
      'point web_identity_token_file at the file your identity provider writes (on EKS, /var/run/secrets/eks.amazonaws.com/serviceaccount/token), or check its permissions.',
    );
  }
  const [{ AssumeRoleWithWebIdentityCommand }, client] = await Promise.all([import('@aws-sdk/client-sts'), input.sdk.sts(region)]);
  const params = { RoleArn: profile.role.roleArn, RoleSessionName: profile.role.roleSessionName || defaultSessionName(input.now), WebIdentityToken: token };
  input.debug(`AssumeRoleWithWebIdentity ${profile.role.roleArn} in ${region} for profile "${profile.name}" with the token in ${profile.tokenFile}`);
  try {
    return await client.send(new AssumeRoleWithWebIdentityCommand(params));
  } catch (error) {
    throw stsError(error, profile, `the web identity token in ${profile.tokenFile}`, region);
  } finally {
    client.destroy();
  }
}

/** STS's refusal, said with the chain and the fix. */
function stsError(error: unknown, profile: RoleProfile | WebIdentityProfile, sourceLabel: string, region: string): AwscredsError {
  if (error instanceof AwscredsError) return error;
  const name = (error as Error).name;
  const detail = printable(describeServiceError(error));
  const role = profile.role as RoleSettings;
  const chain = profile.kind === 'role' && profile.chain.length > 1 ? ` (chain: ${profile.chain.map((p) => `"${p}"`).join(' -> ')})` : '';
  const what = `${profile.kind === 'role' ? 'AssumeRole' : 'AssumeRoleWithWebIdentity'} of ${role.roleArn} for profile "${profile.name}"${chain} with ${sourceLabel}`;
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    const checks = [
      'that the role\'s trust policy allows the source identity',
      ...(role.externalId !== undefined ? ['that external_id matches the sts:ExternalId condition'] : []),
      ...(role.mfaSerial !== undefined ? ['that mfa_serial is your MFA device and the code was current'] : []),
    ];
    return new AwscredsError('ACCESS_DENIED', `STS refused ${what}: ${detail}`, `check ${checks.join(', ')}; \`aws sts get-caller-identity --profile SOURCE\` shows which identity the source is.`);
  }
  if (name === 'InvalidClientTokenId' || name === 'SignatureDoesNotMatch' || name === 'ExpiredToken' || name === 'ExpiredTokenException') {
    return new AwscredsError(
      'INVALID_CREDENTIALS',
      `STS rejected the credentials of ${sourceLabel} for ${what}: ${detail}`,
      'run again with --no-cache to fetch the source credentials anew; if the source is an SSO profile, sign in again (`awscreds login`); if it has access keys, check them (they may be deactivated).',
    );
  }
  if (name === 'ValidationError' || name === 'InvalidIdentityToken' || name === 'IDPRejectedClaim' || name === 'MalformedPolicyDocument') {
    return new AwscredsError('CONFIG', `STS refused ${what}: ${detail}`, 'check role_arn, role_session_name, duration_seconds (at most the role\'s maximum; 1 hour when chaining roles) and the web identity token in the profile.');
  }
  return new AwscredsError(
    'SERVICE',
    `${what} failed (STS region ${region}): ${detail}`,
    'check your network connection (and AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL if you set them), then try again.',
  );
}
