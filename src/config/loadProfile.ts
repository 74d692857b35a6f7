import { AwscredsError } from '../runtime/AwscredsError';
import { profileArgument } from '../runtime/shellWords';
import { existingNames } from './configValues';
import { resolveDirect } from './profileKinds/direct';
import * as processKind from './profileKinds/process';
import * as roleKind from './profileKinds/role';
import { isAssumeRole, profileSettings } from './profileKinds/settings';
import * as ssoKind from './profileKinds/sso';
import * as staticKind from './profileKinds/static';
import { unknownKind, type ResolvedProfile, type RoleSettings, type SsoProfile } from './profileKinds/types';
import * as webIdentityKind from './profileKinds/webIdentity';
import { listProfiles, type SharedConfig } from './sharedConfig';

// A profile of ~/.aws/config and ~/.aws/credentials, resolved to one of its kinds (one module
// each in profileKinds/), and what is asked of a resolved profile whatever its kind: each
// question is an exhaustive switch, so a new kind is a compile error here until it answers.

export type { CredentialSource, CredentialSourceName, ProfileKind, ResolvedProfile, RoleSettings, SsoSettings, SsoSignIn } from './profileKinds/types';
export { CREDENTIAL_SOURCES } from './profileKinds/types';

/**
 * Resolves a profile the way the AWS CLI v2 does, and says clearly what is wrong when it
 * cannot: an assume-role profile (role_arn with source_profile, chains of any depth, or
 * credential_source), web identity, an SSO profile (legacy form, or `sso_session` pointing at
 * an `[sso-session]`), long-term keys (credentials file first, then config file) or
 * credential_process. Messages name the profile, the file and the keys, never a secret value.
 */
export function loadProfile(shared: SharedConfig, profileName: string): ResolvedProfile {
  const settings = profileSettings(shared, profileName);
  if (!settings) throw profileNotFound(profileName, shared);
  // The AWS CLI's provider order: assume-role (role_arn without web_identity_token_file) first.
  return isAssumeRole(settings.merged) ? roleKind.resolveRole(shared, profileName, settings, [profileName]) : resolveDirect(shared, profileName, settings);
}

/** Whether a resolved profile carries long-term keys (of its own, or of a profile in its chain). */
export function holdsSecret(profile: ResolvedProfile): boolean {
  switch (profile.kind) {
    case 'sso':
      return ssoKind.holdsSecret(profile);
    case 'static':
      return staticKind.holdsSecret(profile);
    case 'role':
      return roleKind.holdsSecret(profile, holdsSecret);
    case 'web-identity':
      return webIdentityKind.holdsSecret(profile);
    case 'process':
      return processKind.holdsSecret(profile);
    default:
      return unknownKind(profile);
  }
}

/** What kind of profile this is, in words, for a message that says why it cannot sign in. */
export function describeProfile(profile: ResolvedProfile): string {
  switch (profile.kind) {
    case 'sso':
      return ssoKind.DESCRIPTION;
    case 'static':
      return staticKind.DESCRIPTION;
    case 'role':
      return roleKind.DESCRIPTION;
    case 'web-identity':
      return webIdentityKind.DESCRIPTION;
    case 'process':
      return processKind.DESCRIPTION;
    default:
      return unknownKind(profile);
  }
}

/**
 * The IAM Identity Center profile at the root of a profile (the profile itself, or the root of
 * its role chain), if it has one: where its sign-in comes from.
 */
export function ssoRootOf(profile: ResolvedProfile): SsoProfile | undefined {
  switch (profile.kind) {
    case 'sso':
      return profile;
    case 'role': {
      const root = roleKind.rootOf(profile);
      return root?.kind === 'sso' ? root : undefined;
    }
    case 'static':
    case 'web-identity':
    case 'process':
      return undefined;
    default:
      return unknownKind(profile);
  }
}

/** The role settings of every assume-role level of a profile, top first (none for a profile that assumes no role). */
export function roleLevelsOf(profile: ResolvedProfile): RoleSettings[] {
  return profile.kind === 'role' ? roleKind.roleLevelsOf(profile) : [];
}

function profileNotFound(name: string, shared: SharedConfig): AwscredsError {
  const { configFile, credentialsFile } = shared.paths;
  if (name === '') {
    // As in the AWS CLI, an empty AWS_PROFILE names the profile "", not "default".
    return new AwscredsError(
      'CONFIG',
      'the profile name is empty: AWS_PROFILE (or AWS_DEFAULT_PROFILE) is set to the empty string, and the AWS CLI then looks for a profile named "" rather than "default"',
      'unset AWS_PROFILE and AWS_DEFAULT_PROFILE to use "default", or set AWS_PROFILE to a profile name (or pass --profile NAME)',
    );
  }
  const header = name === 'default' ? '[default]' : `[profile ${name}]`;
  const existing = listProfiles(shared);
  const notes: string[] = [];
  // An empty AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE names no file, as in the AWS CLI.
  const searched = [
    configFile === '' ? 'no config file (AWS_CONFIG_FILE is set but empty)' : `${configFile} for ${header}`,
    credentialsFile === '' ? 'no credentials file (AWS_SHARED_CREDENTIALS_FILE is set but empty)' : `${credentialsFile} for [${name}]`,
  ];
  if (!shared.configFileExists && configFile !== '') notes.push(`${configFile} does not exist`);
  if (!shared.credentialsFileExists && credentialsFile !== '') notes.push(`${credentialsFile} does not exist`);
  if (shared.otherConfigSections.includes(name)) {
    notes.push(`${configFile} has a [${name}] section, but there profile sections must be written [profile ${name}]`);
  }
  for (const other of shared.otherConfigSections.filter((h) => h !== name && h.split(/[\s"'[\]]+/).includes(name))) {
    notes.push(`${configFile} has a [${other}] section, which the AWS CLI does not read as a profile (a header is "profile" and one name, quoted if it has spaces, alone between the brackets)`);
  }
  if (shared.credentialsProfiles.has(`profile ${name}`)) {
    notes.push(`${credentialsFile} has a [profile ${name}] section, but there sections are bare profile names: [${name}]`);
  }
  const known = existing.length > 0 ? `profiles that exist: ${existingNames(existing, name)}` : 'no profiles exist in either file';
  return new AwscredsError(
    'CONFIG',
    `profile "${name}" not found: searched ${searched.join(' and ')}; ${known}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
    existing.length > 0
      ? `create it with: aws configure sso ${profileArgument(name)}; or pick one of the existing profiles with --profile NAME`
      : `create it with: aws configure sso ${profileArgument(name)}`,
  );
}
