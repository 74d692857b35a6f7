import { AwscredsError } from '../runtime/AwscredsError';
import { profileArgument } from '../runtime/shellWords';
import { existingNames, isHttpsUrl, isRegion } from './configValues';
import { describeProfile, loadProfile, roleLevelsOf, ssoRootOf, type RoleSettings, type SsoSignIn, type SsoSettings } from './loadProfile';
import type { Env } from '../runtime/Runtime';
import { listProfiles, listSsoSessions, profileFromEnv, type SharedConfig } from './sharedConfig';

// Everything about IAM Identity Center sign-ins as the config describes them: an sso-session
// by name, the sign-in a profile uses, the profiles that share one sign-in. login, logout and
// list all resolve through here, from one SharedConfig read by the command.

/**
 * An `[sso-session NAME]`, validated as a sign-in (start URL and region present and well
 * formed). Messages follow the AWS CLI's wording for a missing session.
 */
export function resolveSsoSession(shared: SharedConfig, name: string): SsoSignIn {
  const { configFile } = shared.paths;
  const sessions = listSsoSessions(shared);
  const session = sessions.find((s) => s.name === name);
  if (!session) {
    const known = sessions.map((s) => s.name);
    throw new AwscredsError(
      'CONFIG',
      `The specified sso-session does not exist: "${name}" (${configFile} has no [sso-session ${name}] section${known.length > 0 ? `; sso-sessions that exist: ${existingNames(known, name)}` : ''})`,
      `add an [sso-session ${name}] section with sso_start_url and sso_region to ${configFile} (aws configure sso-session does this), or name an existing one`,
    );
  }
  const { startUrl, ssoRegion } = session;
  if (startUrl === undefined || ssoRegion === undefined) {
    const missing = [startUrl === undefined ? 'sso_start_url' : '', ssoRegion === undefined ? 'sso_region' : ''].filter((k) => k !== '');
    throw new AwscredsError('CONFIG', `[sso-session ${name}] in ${configFile} is missing ${missing.join(' and ')}`, `add ${missing.join(' and ')} to [sso-session ${name}] in ${configFile}, or run: aws configure sso-session`);
  }
  const problems: string[] = [];
  if (!isHttpsUrl(startUrl)) problems.push(`sso_start_url = ${JSON.stringify(startUrl)} must be an https:// URL, like https://d-1234567890.awsapps.com/start`);
  if (!isRegion(ssoRegion)) problems.push(`sso_region = ${JSON.stringify(ssoRegion)} must be an AWS region, like us-east-1`);
  if (problems.length > 0) throw new AwscredsError('CONFIG', `[sso-session ${name}] in ${configFile} has invalid values: ${problems.join('; ')}`, `correct ${problems.length === 1 ? 'this value' : 'these values'} in ${configFile}`);
  return { startUrl, ssoRegion, sessionName: name, ...(session.registrationScopes ? { registrationScopes: session.registrationScopes } : {}) };
}

/**
 * What `awscreds login` and `logout` sign in to or out of, as `aws sso login` decides it:
 * `ssoSessionName` names the sso-session; otherwise the profile's sso-session (session form)
 * or its own start URL and region (legacy form). A profile that only names an sso-session (no
 * account or role yet) can still sign in, as with the AWS CLI; one with long-term keys cannot.
 */
export function resolveSignInTarget(shared: SharedConfig, { profileName, ssoSessionName }: { profileName?: string; ssoSessionName?: string }): SsoSignIn {
  if (ssoSessionName !== undefined) return resolveSsoSession(shared, ssoSessionName);
  if (profileName === undefined) throw new Error('resolveSignInTarget: give a profile or an sso-session name');
  let profile;
  try {
    profile = loadProfile(shared, profileName);
  } catch (error) {
    // `[profile x]` with only sso_session = NAME: the AWS CLI signs in to that session.
    const section = shared.configProfiles.get(profileName);
    const session = section?.keys.sso_session;
    const hasAccountOrRole = section !== undefined && (section.keys.sso_account_id !== undefined || section.keys.sso_role_name !== undefined);
    if (error instanceof AwscredsError && typeof session === 'string' && session !== '' && !hasAccountOrRole) return resolveSsoSession(shared, session);
    throw error;
  }
  // A role chain rooted in an SSO profile signs in (and out) with that profile's sign-in.
  const root = ssoRootOf(profile);
  if (!root) {
    throw new AwscredsError(
      'CONFIG',
      `profile "${profileName}" has no SSO sign-in: ${describeProfile(profile)}.`,
      'name an SSO profile (--profile NAME, one with sso_session or sso_start_url, or a role profile whose source_profile chain ends in one) or, for login, an sso-session (--sso-session NAME).',
    );
  }
  return root.sso;
}

/** The IAM Identity Center sign-in whose accounts `awscreds list` shows. */
export interface ListTarget {
  /** For messages: `sso-session "corp"` or `profile "legacy" (start URL …)`. */
  readonly label: string;
  /**
   * The sign-in's settings. The token cache and refresh use only the start URL, SSO region and
   * session name; the account and role are those of the profile named, or empty for a session.
   */
  readonly sso: SsoSettings;
  /** A profile that signs in this way, for the NOT_SIGNED_IN fix; undefined when none does. */
  readonly profileName?: string;
}

/**
 * `--profile P` (its sign-in), `--sso-session S`, else AWS_PROFILE / AWS_DEFAULT_PROFILE, else
 * the config's only `[sso-session]`, else the `default` profile when it is an SSO profile.
 * `ssoProfiles` (configuredSsoProfiles) names a profile in messages.
 */
export function resolveListTarget(
  shared: SharedConfig,
  { profileOption, ssoSessionOption, env, ssoProfiles }: { profileOption?: string; ssoSessionOption?: string; env: Env; ssoProfiles: readonly ConfiguredSsoProfile[] },
): ListTarget {
  if (profileOption !== undefined && ssoSessionOption !== undefined) {
    throw new AwscredsError('USAGE', '--profile and --sso-session were both given.', 'pass only one: the profile whose sign-in to use, or the sso-session.');
  }
  const sessionTarget = (name: string): ListTarget => {
    const sso: SsoSettings = { ...resolveSsoSession(shared, name), accountId: '', roleName: '' };
    const user = ssoProfiles.find((p) => p.sso.sessionName === name);
    return { label: `sso-session "${name}"`, sso, ...(user ? { profileName: user.name } : {}) };
  };
  const profileTarget = (profileName: string): ListTarget => {
    const profile = loadProfile(shared, profileName);
    const root = ssoRootOf(profile);
    if (!root) {
      throw new AwscredsError(
        'CONFIG',
        `profile "${profileName}" has no accounts to list: ${describeProfile(profile)}.`,
        'pass an IAM Identity Center profile with --profile, or --sso-session NAME.',
      );
    }
    const { sso } = root;
    const label = sso.sessionName !== undefined ? `sso-session "${sso.sessionName}"` : `profile "${profileName}" (start URL ${sso.startUrl})`;
    return { label, sso, profileName };
  };
  if (ssoSessionOption !== undefined) return sessionTarget(ssoSessionOption);
  if (profileOption !== undefined) {
    if (profileOption.trim() === '') throw new AwscredsError('USAGE', '--profile was given an empty name.', 'pass a profile name, e.g. --profile dev.');
    return profileTarget(profileOption);
  }
  const fromEnv = profileFromEnv(env);
  if (fromEnv !== undefined) return profileTarget(fromEnv);
  const sessions = listSsoSessions(shared);
  const only = sessions.length === 1 ? sessions[0] : undefined;
  if (only) return sessionTarget(only.name);
  if (ssoProfiles.some((p) => p.name === 'default')) return profileTarget('default');
  const known = [
    sessions.length > 0 ? `sso-sessions: ${sessions.map((s) => s.name).join(', ')}` : 'no [sso-session] sections',
    ssoProfiles.length > 0 ? `SSO profiles: ${ssoProfiles.map((p) => p.name).join(', ')}` : 'no SSO profiles',
  ].join('; ');
  throw new AwscredsError('USAGE', `cannot tell which IAM Identity Center sign-in to list (${known}).`, 'pass --sso-session NAME or --profile NAME (or set AWS_PROFILE).');
}

export interface ConfiguredSsoProfile {
  readonly name: string;
  readonly sso: SsoSettings;
}

/**
 * Every profile that resolves to IAM Identity Center settings, sorted by name. A profile that
 * does not resolve is skipped with a debug line: listing and signing out must work beside a
 * half-written one.
 */
export function configuredSsoProfiles(shared: SharedConfig, debug: (text: string) => void): ConfiguredSsoProfile[] {
  const found: ConfiguredSsoProfile[] = [];
  for (const name of listProfiles(shared)) {
    try {
      const profile = loadProfile(shared, name);
      if (profile.kind === 'sso') found.push({ name, sso: profile.sso });
    } catch (error) {
      debug(`skipping profile "${name}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return found;
}

/** A role profile whose chain starts at an SSO profile: its role credentials come from that sign-in. */
export interface ConfiguredRoleChain {
  readonly name: string;
  /** The SSO profile's settings at the root of the chain. */
  readonly root: SsoSettings;
  /** Every assume-role level of the chain, the profile's own first. */
  readonly levels: readonly RoleSettings[];
}

/** Every role profile rooted in an SSO profile, sorted by name; unresolvable ones are skipped with a debug line. */
export function configuredRoleChains(shared: SharedConfig, debug: (text: string) => void): ConfiguredRoleChain[] {
  const found: ConfiguredRoleChain[] = [];
  for (const name of listProfiles(shared)) {
    try {
      const profile = loadProfile(shared, name);
      const root = profile.kind === 'role' ? ssoRootOf(profile) : undefined; // an SSO profile is no chain
      if (root) found.push({ name, root: root.sso, levels: roleLevelsOf(profile) });
    } catch (error) {
      debug(`skipping profile "${name}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return found;
}

/** `aws sso login --sso-session NAME`, quoted for the shell, for messages. */
export function awsSsoLoginCommand(signIn: Pick<SsoSignIn, 'sessionName'>, profileName: string | undefined): string {
  if (signIn.sessionName !== undefined && profileName === undefined) return `aws sso login ${profileArgument(signIn.sessionName, '--sso-session')}`;
  return `aws sso login ${profileArgument(profileName ?? 'default')}`;
}
