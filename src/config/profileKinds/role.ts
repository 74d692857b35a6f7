import { AwscredsError } from '../../runtime/AwscredsError';
import { profileArgument } from '../../runtime/shellWords';
import { existingNames } from '../configValues';
import { listProfiles, type SharedConfig } from '../sharedConfig';
import { resolveDirect, resolveSelfKeys } from './direct';
import { chainText, commentHint, hasStaticKeys, isAssumeRole, optionalValue, profileSettings, roleArnOf, singleValue, where, withRegion, type ProfileSettings, type Setting } from './settings';
import { CREDENTIAL_SOURCES, type CredentialSource, type ResolvedProfile, type RoleProfile, type RoleSettings } from './types';

// role_arn with source_profile (chains of any depth, a profile that is its own source when it
// holds the keys) or credential_source: AssumeRole with the source's credentials. The AWS CLI
// tries it before every other kind.

/** Why such a profile has no IAM Identity Center sign-in (it has one when its chain starts at one). */
export const DESCRIPTION = 'its role chain does not start at an SSO profile';

/** Whether the chain's source holds a secret: `holdsSecret` judges a source profile of any kind. */
export function holdsSecret(profile: RoleProfile, holdsSecret: (source: ResolvedProfile) => boolean): boolean {
  return profile.source.kind !== 'credential-source' && holdsSecret(profile.source);
}

/** The profile at the root of the chain (a credential_source ends it without one). */
export function rootOf(profile: RoleProfile): ResolvedProfile | undefined {
  let current: ResolvedProfile | CredentialSource = profile;
  while (current.kind === 'role') current = current.source;
  return current.kind === 'credential-source' ? undefined : current;
}

/** The role settings of every assume-role level of the chain, top first. */
export function roleLevelsOf(profile: RoleProfile): RoleSettings[] {
  const levels: RoleSettings[] = [];
  let current: ResolvedProfile | CredentialSource = profile;
  while (current.kind === 'role') {
    levels.push(current.role);
    current = current.source;
  }
  return levels;
}

/** `chain` holds the profiles visited so far, this one last. */
export function resolveRole(shared: SharedConfig, name: string, settings: ProfileSettings, chain: readonly string[]): RoleProfile {
  const { merged } = settings;
  const roleArnSetting = merged.get('role_arn') as Setting;
  const role = roleSettings(name, merged, roleArnOf(name, roleArnSetting));
  const sourceSetting = merged.get('source_profile');
  const credentialSource = merged.get('credential_source');
  const { header, file } = roleArnSetting.from;
  if (sourceSetting && credentialSource) {
    throw new AwscredsError(
      'CONFIG',
      `The profile "${name}" contains both source_profile and credential_source (in ${where(roleArnSetting.from)}); the AWS CLI refuses that too`,
      `keep one of them in [${header}] of ${file}: source_profile names the profile whose credentials assume the role, credential_source one of ${CREDENTIAL_SOURCES.join(', ')}`,
    );
  }
  if (credentialSource) {
    const value = singleValue(name, 'credential_source', credentialSource);
    const known = CREDENTIAL_SOURCES.find((c) => c === value);
    if (!known) {
      throw new AwscredsError(
        'CONFIG',
        `The credential source "${value}" referenced in profile "${name}" is not valid (in ${where(credentialSource.from)}): it must be one of ${CREDENTIAL_SOURCES.join(', ')} (case as written)${commentHint(value)}`,
        `set credential_source to Environment, EcsContainer or Ec2InstanceMetadata, or use source_profile = PROFILE instead`,
      );
    }
    return withRegion(name, merged, { kind: 'role', name, role, source: { kind: 'credential-source', name, source: known }, chain });
  }
  if (!sourceSetting) {
    throw new AwscredsError(
      'CONFIG',
      `profile "${name}" sets role_arn (in ${where(roleArnSetting.from)}) but neither source_profile nor credential_source, so nothing can assume the role${chain.length > 1 ? ` (chain: ${chainText(chain)})` : ''}`,
      `add source_profile = PROFILE (a profile whose credentials may assume ${role.roleArn}) or credential_source = Environment | EcsContainer | Ec2InstanceMetadata to [${header}] of ${file}`,
    );
  }
  const sourceName = singleValue(name, 'source_profile', sourceSetting);
  const source = profileSettings(shared, sourceName);
  if (!source) {
    throw new AwscredsError(
      'CONFIG',
      `The source_profile "${sourceName}" referenced in the profile "${name}" does not exist (in ${where(sourceSetting.from)}; chain: ${chainText([...chain, sourceName])}); profiles that exist: ${existingNames(listProfiles(shared), sourceName)}${commentHint(sourceName)}`,
      `point source_profile in [${sourceSetting.from.header}] of ${sourceSetting.from.file} at an existing profile, or create [profile ${sourceName}] in ${shared.paths.configFile} (aws configure sso ${profileArgument(sourceName)})`,
    );
  }
  // botocore: a profile may name itself as source when it holds the keys (role_arn + keys in one
  // place); any other repeat is a loop.
  const selfWithKeys = sourceName === name && hasStaticKeys(source.merged);
  if (chain.includes(sourceName) && !selfWithKeys) {
    throw new AwscredsError(
      'CONFIG',
      `Infinite loop in profile configuration: source_profile "${sourceName}" in profile "${name}" (in ${where(sourceSetting.from)}) leads back to a profile already in the chain: ${chainText([...chain, sourceName])}`,
      `break the loop: make one profile of the chain the root, with an SSO sign-in (sso_session, sso_account_id, sso_role_name), access keys or credential_process instead of source_profile`,
    );
  }
  const nextChain = selfWithKeys ? chain : [...chain, sourceName];
  let resolved: ResolvedProfile;
  if (hasStaticKeys(source.merged) || !isAssumeRole(source.merged)) {
    try {
      resolved = selfWithKeys ? resolveSelfKeys(sourceName, source) : resolveDirect(shared, sourceName, source);
    } catch (error) {
      throw sourceFailed(error, name, sourceName, nextChain);
    }
  } else {
    resolved = resolveRole(shared, sourceName, source, nextChain);
  }
  // The chain down to its root, for messages.
  return withRegion(name, merged, { kind: 'role', name, role, source: resolved, chain: resolved.kind === 'role' ? resolved.chain : nextChain });
}

function roleSettings(name: string, merged: Map<string, Setting>, roleArn: string): RoleSettings {
  const role: { -readonly [K in keyof RoleSettings]: RoleSettings[K] } = { roleArn };
  const sessionName = optionalValue(name, merged, 'role_session_name');
  if (sessionName !== undefined) role.roleSessionName = sessionName;
  const externalId = optionalValue(name, merged, 'external_id');
  if (externalId !== undefined) role.externalId = externalId;
  const mfaSerial = optionalValue(name, merged, 'mfa_serial');
  if (mfaSerial !== undefined) role.mfaSerial = mfaSerial;
  const duration = optionalValue(name, merged, 'duration_seconds');
  // As botocore: int(value), and a value that is not a whole number is ignored.
  if (duration !== undefined && /^\s*[+-]?\d+\s*$/.test(duration)) role.durationSeconds = Number.parseInt(duration, 10);
  return role;
}

/** A source profile that cannot give credentials: the AWS CLI's words, with the chain. */
function sourceFailed(error: unknown, parent: string, sourceName: string, chain: readonly string[]): unknown {
  if (!(error instanceof AwscredsError) || error.reason !== 'CONFIG') return error;
  return new AwscredsError('CONFIG', `The source profile "${sourceName}" must have credentials (profile "${parent}" assumes its role with them; chain: ${chainText(chain)}): ${error.message}`, error.fix);
}
