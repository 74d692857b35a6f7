import { AwscredsError } from '../runtime/AwscredsError';
import { profileArgument } from '../runtime/shellWords';
import { describeKey, existingNames, isHttpsUrl, isRegion, parseScopes } from './configValues';
import type { IniValue } from './parseIni';
import { listProfiles, type ConfigSection, type SharedConfig } from './sharedConfig';

/** The IAM Identity Center settings of an SSO profile, merged from the profile and its sso-session. */
export interface SsoSettings {
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly accountId: string;
  readonly roleName: string;
  /** Session form only: the [sso-session NAME] the profile points at. */
  readonly sessionName?: string;
  /** Session form only: sso_registration_scopes, split on commas. */
  readonly registrationScopes?: readonly string[];
}

/** What a sign-in needs: the settings an sso-session (or a legacy profile) gives. */
export type SsoSignIn = Pick<SsoSettings, 'startUrl' | 'ssoRegion' | 'sessionName' | 'registrationScopes'>;

/** The `credential_source` values the AWS CLI accepts (its canonical provider names, case as written). */
export const CREDENTIAL_SOURCES = ['Environment', 'EcsContainer', 'Ec2InstanceMetadata'] as const;
export type CredentialSourceName = (typeof CREDENTIAL_SOURCES)[number];

/** The AssumeRole settings of a profile, as the AWS CLI reads them. */
export interface RoleSettings {
  readonly roleArn: string;
  /** role_session_name; without it a `botocore-session-<epoch seconds>` name is generated. */
  readonly roleSessionName?: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
  readonly durationSeconds?: number;
}

/** Where a role profile's source credentials come from when it has `credential_source`. */
export interface CredentialSource {
  readonly kind: 'credential-source';
  /** The profile that names it. */
  readonly name: string;
  readonly source: CredentialSourceName;
}

/** A profile resolved from ~/.aws/config and ~/.aws/credentials. */
export type ResolvedProfile =
  | { readonly kind: 'sso'; readonly name: string; readonly region?: string; readonly sso: SsoSettings }
  | {
      readonly kind: 'static';
      readonly name: string;
      readonly region?: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken?: string;
    }
  | {
      /** role_arn with source_profile or credential_source: AssumeRole with the source's credentials. */
      readonly kind: 'role';
      readonly name: string;
      readonly region?: string;
      readonly role: RoleSettings;
      readonly source: ResolvedProfile | CredentialSource;
      /** Profile names from this one down to the root of the chain, for messages. */
      readonly chain: readonly string[];
    }
  | {
      /** web_identity_token_file with role_arn: AssumeRoleWithWebIdentity. */
      readonly kind: 'web-identity';
      readonly name: string;
      readonly region?: string;
      readonly role: Pick<RoleSettings, 'roleArn' | 'roleSessionName'>;
      readonly tokenFile: string;
    }
  | {
      /** credential_process: run a command that prints the credentials as JSON. */
      readonly kind: 'process';
      readonly name: string;
      readonly region?: string;
      readonly command: string;
      /** `[profile x] of FILE`, for messages. */
      readonly where: string;
    };

/** A key of the profile, merged over both files, with the section it came from. */
interface Setting {
  value: IniValue;
  from: ConfigSection;
}

interface Problem {
  text: string;
  file: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/; // IAM's own rule for role names
const SSO_KEYS = ['sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'] as const;
const SESSION_KEYS = new Set<string>(['sso_start_url', 'sso_region']);
const COMMENT_HINT = ' (the AWS CLI does not strip a comment after a value: put the comment on a line of its own)';
const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token', 'aws_access_key_id']);

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
  return resolveProfile(shared, profileName, settings, [profileName]);
}

interface ProfileSettings {
  readonly merged: Map<string, Setting>;
  readonly fromConfig: ConfigSection | undefined;
  readonly fromCredentials: ConfigSection | undefined;
}

function profileSettings(shared: SharedConfig, name: string): ProfileSettings | undefined {
  const fromConfig = shared.configProfiles.get(name);
  const fromCredentials = shared.credentialsProfiles.get(name);
  if (!fromConfig && !fromCredentials) return undefined;
  // The AWS CLI merges the credentials file's keys over the config file's for a profile.
  const merged = new Map<string, Setting>();
  for (const section of [fromConfig, fromCredentials]) {
    if (!section) continue;
    for (const [key, value] of Object.entries(section.keys)) merged.set(key, { value, from: section });
  }
  return { merged, fromConfig, fromCredentials };
}

const hasStaticKeys = (merged: Map<string, Setting>): boolean => merged.has('aws_access_key_id') || merged.has('aws_secret_access_key');
const isAssumeRole = (merged: Map<string, Setting>): boolean => merged.has('role_arn') && !merged.has('web_identity_token_file');

/** `chain` holds the profiles visited so far, this one last. */
function resolveProfile(shared: SharedConfig, name: string, settings: ProfileSettings, chain: readonly string[]): ResolvedProfile {
  // The AWS CLI's provider order: assume-role (role_arn without web_identity_token_file) first,
  // then web identity, SSO, the credentials file's keys, credential_process, the config file's keys.
  if (isAssumeRole(settings.merged)) return resolveRole(shared, name, settings, chain);
  return resolveDirect(shared, name, settings);
}

/** Every kind but assume-role, in the AWS CLI's order (its "profile providers"). */
function resolveDirect(shared: SharedConfig, name: string, { merged, fromConfig, fromCredentials }: ProfileSettings): ResolvedProfile {
  const tokenFile = merged.get('web_identity_token_file');
  if (tokenFile) return resolveWebIdentity(name, merged, tokenFile);
  if (merged.has('sso_account_id') || merged.has('sso_role_name')) return resolveSso(name, merged, shared, [fromConfig, fromCredentials]);
  const staticKeys = fromCredentials && staticCredentials(name, fromCredentials, merged);
  if (staticKeys) return staticKeys;
  const credentialProcess = merged.get('credential_process');
  if (credentialProcess) {
    const command = singleValue(name, 'credential_process', credentialProcess).trim();
    if (command !== '') return withRegion(name, merged, { kind: 'process', name, command, where: where(credentialProcess.from) });
  }
  const configKeys = fromConfig && staticCredentials(name, fromConfig, merged);
  if (configKeys) return configKeys;
  throw noCredentials(name, merged, fromConfig ?? fromCredentials);
}

function withRegion<T extends ResolvedProfile>(name: string, merged: Map<string, Setting>, profile: T): T {
  const problems: Problem[] = [];
  const region = profileRegion(name, merged, problems);
  if (problems.length > 0) throw badValues(name, problems);
  return region === undefined ? profile : { ...profile, region };
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/;

function roleArnOf(name: string, setting: Setting): string {
  const roleArn = singleValue(name, 'role_arn', setting);
  if (!ROLE_ARN.test(roleArn)) throw badValues(name, [problem('role_arn', setting, 'must be an IAM role ARN, like arn:aws:iam::123456789012:role/Admin')]);
  return roleArn;
}

function optionalValue(name: string, merged: Map<string, Setting>, key: string): string | undefined {
  const setting = merged.get(key);
  return setting === undefined ? undefined : singleValue(name, key, setting);
}

function chainText(chain: readonly string[]): string {
  return chain.map((p) => `"${p}"`).join(' -> ');
}

function resolveRole(shared: SharedConfig, name: string, settings: ProfileSettings, chain: readonly string[]): ResolvedProfile {
  const { merged } = settings;
  const roleArnSetting = merged.get('role_arn') as Setting;
  const roleArn = roleArnOf(name, roleArnSetting);
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

  const sourceSetting = merged.get('source_profile');
  const credentialSource = merged.get('credential_source');
  const place = where(roleArnSetting.from);
  if (sourceSetting && credentialSource) {
    throw new AwscredsError(
      'CONFIG',
      `The profile "${name}" contains both source_profile and credential_source (in ${place}); the AWS CLI refuses that too`,
      `keep one of them in [${roleArnSetting.from.header}] of ${roleArnSetting.from.file}: source_profile names the profile whose credentials assume the role, credential_source one of ${CREDENTIAL_SOURCES.join(', ')}`,
    );
  }
  if (credentialSource) {
    const value = singleValue(name, 'credential_source', credentialSource);
    const known = CREDENTIAL_SOURCES.find((c) => c === value);
    if (!known) {
      throw new AwscredsError(
        'CONFIG',
        `The credential source "${value}" referenced in profile "${name}" is not valid (in ${where(credentialSource.from)}): it must be one of ${CREDENTIAL_SOURCES.join(', ')} (case as written)${/\s[#;]/.test(value) ? COMMENT_HINT : ''}`,
        `set credential_source to Environment, EcsContainer or Ec2InstanceMetadata, or use source_profile = PROFILE instead`,
      );
    }
    return withRegion(name, merged, { kind: 'role', name, role, source: { kind: 'credential-source', name, source: known }, chain });
  }
  if (!sourceSetting) {
    throw new AwscredsError(
      'CONFIG',
      `profile "${name}" sets role_arn (in ${place}) but neither source_profile nor credential_source, so nothing can assume the role${chain.length > 1 ? ` (chain: ${chainText(chain)})` : ''}`,
      `add source_profile = PROFILE (a profile whose credentials may assume ${roleArn}) or credential_source = Environment | EcsContainer | Ec2InstanceMetadata to [${roleArnSetting.from.header}] of ${roleArnSetting.from.file}`,
    );
  }
  const sourceName = singleValue(name, 'source_profile', sourceSetting);
  const source = profileSettings(shared, sourceName);
  if (!source) {
    const existing = existingNames(listProfiles(shared), sourceName);
    throw new AwscredsError(
      'CONFIG',
      `The source_profile "${sourceName}" referenced in the profile "${name}" does not exist (in ${where(sourceSetting.from)}; chain: ${chainText([...chain, sourceName])}); profiles that exist: ${existing}${/\s[#;]/.test(sourceName) ? COMMENT_HINT : ''}`,
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

/** role_arn, source_profile = itself and the keys in one profile: the keys are the source. */
function resolveSelfKeys(name: string, { merged, fromConfig, fromCredentials }: ProfileSettings): ResolvedProfile {
  const keys = (fromCredentials && staticCredentials(name, fromCredentials, merged)) ?? (fromConfig && staticCredentials(name, fromConfig, merged));
  if (!keys) throw noCredentials(name, merged, fromConfig ?? fromCredentials);
  return keys;
}

/** A source profile that cannot give credentials: the AWS CLI's words, with the chain. */
function sourceFailed(error: unknown, parent: string, sourceName: string, chain: readonly string[]): unknown {
  if (!(error instanceof AwscredsError) || error.reason !== 'CONFIG') return error;
  return new AwscredsError('CONFIG', `The source profile "${sourceName}" must have credentials (profile "${parent}" assumes its role with them; chain: ${chainText(chain)}): ${error.message}`, error.fix);
}

function resolveWebIdentity(name: string, merged: Map<string, Setting>, tokenFileSetting: Setting): ResolvedProfile {
  const tokenFile = singleValue(name, 'web_identity_token_file', tokenFileSetting);
  const roleArnSetting = merged.get('role_arn');
  if (!roleArnSetting) {
    throw new AwscredsError(
      'CONFIG',
      `profile "${name}" is configured to assume a role with web identity (web_identity_token_file in ${where(tokenFileSetting.from)}) but has no role_arn`,
      `add role_arn = arn:aws:iam::ACCOUNT:role/NAME to [${tokenFileSetting.from.header}] of ${tokenFileSetting.from.file}`,
    );
  }
  const roleArn = roleArnOf(name, roleArnSetting);
  const sessionName = optionalValue(name, merged, 'role_session_name');
  const role = sessionName === undefined ? { roleArn } : { roleArn, roleSessionName: sessionName };
  return withRegion(name, merged, { kind: 'web-identity', name, role, tokenFile });
}

/**
 * The IAM Identity Center profile at the root of a profile (the profile itself, or the root of
 * its role chain), if it has one: where its sign-in comes from.
 */
export function ssoRootOf(profile: ResolvedProfile): Extract<ResolvedProfile, { kind: 'sso' }> | undefined {
  let current: ResolvedProfile | CredentialSource = profile;
  while (current.kind === 'role') current = current.source;
  return current.kind === 'sso' ? current : undefined;
}

/** The role settings of every assume-role level of a profile, top first. */
export function roleLevelsOf(profile: ResolvedProfile): RoleSettings[] {
  const levels: RoleSettings[] = [];
  let current: ResolvedProfile | CredentialSource = profile;
  while (current.kind === 'role') {
    levels.push(current.role);
    current = current.source;
  }
  return levels;
}

function resolveSso(name: string, merged: Map<string, Setting>, shared: SharedConfig, profileSections: Array<ConfigSection | undefined>): ResolvedProfile {
  const resolved = new Map(merged);
  let sessionName: string | undefined;
  let session: ConfigSection | undefined;
  const sessionSetting = merged.get('sso_session');
  if (sessionSetting) {
    sessionName = singleValue(name, 'sso_session', sessionSetting);
    session = shared.ssoSessions.get(sessionName);
    if (!session) throw sessionNotFound(name, sessionName, sessionSetting.from, shared);
    for (const [key, value] of Object.entries(session.keys)) {
      const mine = merged.get(key);
      // As the AWS CLI: a key in both places must agree, or which one wins would be a guess.
      if (mine && !sameValue(mine.value, value)) throw inconsistent(name, key, mine, { value, from: session }, sessionName);
      resolved.set(key, { value, from: session });
    }
  }

  const values: Partial<Record<(typeof SSO_KEYS)[number], string>> = {};
  const missing: string[] = [];
  for (const key of SSO_KEYS) {
    const setting = resolved.get(key);
    const value = setting && singleValue(name, key, setting);
    if (value) values[key] = value;
    else missing.push(key);
  }
  if (missing.length > 0) throw ssoKeysMissing(name, missing, profileSections, session, sessionName);

  const problems: Problem[] = [];
  const check = (key: string, ok: boolean, rule: string): void => {
    const setting = resolved.get(key);
    if (!ok && setting) problems.push(problem(key, setting, rule));
  };
  const { sso_start_url: startUrl = '', sso_region: ssoRegion = '', sso_account_id: accountId = '', sso_role_name: roleName = '' } = values;
  check('sso_start_url', isHttpsUrl(startUrl), 'must be an https:// URL, like https://d-1234567890.awsapps.com/start');
  check('sso_region', isRegion(ssoRegion), 'must be an AWS region, like us-east-1');
  check('sso_account_id', ACCOUNT_ID.test(accountId), 'must be a 12-digit AWS account id');
  check('sso_role_name', ROLE_NAME.test(roleName), 'must be a role (permission set) name: letters, digits and +=,.@_- only');
  const region = profileRegion(name, merged, problems);

  let sso: SsoSettings = { startUrl, ssoRegion, accountId, roleName };
  if (sessionName !== undefined && session) {
    sso = { ...sso, sessionName };
    const scopes = resolved.get('sso_registration_scopes');
    const parsed = scopes && parseScopes(singleValue(name, 'sso_registration_scopes', scopes));
    if (scopes && parsed?.some((scope) => /\s/.test(scope))) problems.push(problem('sso_registration_scopes', scopes, 'must be comma-separated scopes, like sso:account:access'));
    else if (parsed) sso = { ...sso, registrationScopes: parsed };
  }
  if (problems.length > 0) throw badValues(name, problems);
  return region === undefined ? { kind: 'sso', name, sso } : { kind: 'sso', name, region, sso };
}

/** Long-term keys from one section, or undefined when the section has neither key. */
function staticCredentials(name: string, section: ConfigSection, merged: Map<string, Setting>): ResolvedProfile | undefined {
  const { aws_access_key_id: keyId, aws_secret_access_key: secret } = section.keys;
  if (keyId === undefined && secret === undefined) return undefined;
  // The AWS CLI reads the rest of a long value that wrapped onto its own line as a key of its
  // own and uses the value cut short; no setting name has "/" or "+", base64 values do.
  const wrapped = Object.keys(section.keys).some((key) => /[/+]/.test(key) && !section.inherited.has(key));
  if (wrapped) {
    throw new AwscredsError(
      'CONFIG',
      `profile "${name}": ${where(section)} has a line that looks like the rest of a long value (a secret key or session token) that wrapped onto a new line, so the value before it would be cut short (the AWS CLI would use it so)`,
      `join that line to the line it belongs to in [${section.header}] of ${section.file} (awscreds --debug names its line number)`,
    );
  }
  if (typeof keyId !== 'string' || keyId === '' || typeof secret !== 'string' || secret === '') {
    const state = (key: string, value: IniValue | undefined): string => `${key} is ${value === undefined ? 'missing' : value === '' ? 'empty' : typeof value === 'string' ? 'set' : 'a nested block, not a value'}`;
    throw new AwscredsError(
      'CONFIG',
      `profile "${name}" has incomplete access keys in ${where(section)}: ${state('aws_access_key_id', keyId)} and ${state('aws_secret_access_key', secret)}; both are needed`,
      `set both aws_access_key_id and aws_secret_access_key in [${section.header}] of ${section.file}, or remove what is there`,
    );
  }
  // botocore reads the legacy aws_security_token before aws_session_token.
  const tokenKey = section.keys.aws_security_token !== undefined ? 'aws_security_token' : 'aws_session_token';
  const token = section.keys[tokenKey];
  if (token !== undefined && typeof token !== 'string') {
    throw new AwscredsError('CONFIG', `profile "${name}": ${tokenKey} in ${where(section)} is a nested block, not a value`, `write ${tokenKey} = VALUE on one line in [${section.header}] of ${section.file}`);
  }
  const problems: Problem[] = [];
  const region = profileRegion(name, merged, problems);
  if (problems.length > 0) throw badValues(name, problems);
  return {
    kind: 'static',
    name,
    ...(region === undefined ? {} : { region }),
    accessKeyId: keyId,
    secretAccessKey: secret,
    ...(token ? { sessionToken: token } : {}),
  };
}

/** The profile's working `region`, if set; a malformed one is added to `problems`. */
function profileRegion(name: string, merged: Map<string, Setting>, problems: Problem[]): string | undefined {
  const setting = merged.get('region');
  if (!setting) return undefined;
  const value = singleValue(name, 'region', setting);
  if (value === '') return undefined;
  if (!isRegion(value)) problems.push(problem('region', setting, 'must be an AWS region, like eu-west-1'));
  return value;
}

function singleValue(name: string, key: string, setting: Setting): string {
  if (typeof setting.value === 'string') return setting.value;
  throw new AwscredsError(
    'CONFIG',
    `profile "${name}": ${key} in ${where(setting.from)} is a nested block (indented lines follow it), not a value`,
    `write ${key} = VALUE on one line in [${setting.from.header}] of ${setting.from.file}`,
  );
}

function sameValue(a: IniValue, b: IniValue): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : JSON.stringify(a) === JSON.stringify(b);
}


function where(section: ConfigSection, key?: string): string {
  // A key the section inherits from the file's [DEFAULT] section is fixed there, not here.
  const inherited = key !== undefined && section.inherited.has(key) ? ', which inherits it from [DEFAULT]' : '';
  return `[${section.header}] of ${section.file}${inherited}`;
}

/** The profile's key names as written (describeKey hides any that look like a pasted value). */
function keyList(merged: Map<string, Setting>): string {
  return [...merged].map(([key, setting]) => describeKey(setting.from.spelling[key] ?? key)).join(', ');
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

function sessionNotFound(name: string, sessionName: string, from: ConfigSection, shared: SharedConfig): AwscredsError {
  const sessions = [...shared.ssoSessions.keys()];
  return new AwscredsError(
    'CONFIG',
    `The specified sso-session does not exist: "${sessionName}" (profile "${name}" sets sso_session = ${sessionName} in ${where(from)}, but ${shared.paths.configFile} has no [sso-session ${sessionName}] section${sessions.length > 0 ? `; sso-sessions that exist: ${existingNames(sessions, sessionName)}` : ''})${/\s[#;]/.test(sessionName) ? COMMENT_HINT : ''}`,
    `add an [sso-session ${sessionName}] section with sso_start_url and sso_region to ${shared.paths.configFile} (aws configure sso-session does this), or point sso_session at an existing sso-session`,
  );
}

function inconsistent(name: string, key: string, mine: Setting, theirs: Setting, sessionName: string): AwscredsError {
  // Start URLs and regions are not secrets; anything else in the section might be.
  const show = (value: IniValue): string => (SECRET_KEYS.has(key) ? 'value hidden' : typeof value === 'string' ? JSON.stringify(value) : 'a nested block');
  return new AwscredsError(
    'CONFIG',
    `The value for ${key} is inconsistent between profile "${name}" (${show(mine.value)}, in ${where(mine.from, key)}) and sso-session "${sessionName}" (${show(theirs.value)}, in ${where(theirs.from, key)})`,
    `remove ${key} from [${mine.from.header}] of ${mine.from.file} (the sso-session's value then applies), or make the two values equal`,
  );
}

function ssoKeysMissing(name: string, missing: string[], profileSections: Array<ConfigSection | undefined>, session: ConfigSection | undefined, sessionName: string | undefined): AwscredsError {
  const sections = profileSections.filter((section): section is ConfigSection => section !== undefined);
  const looked = [...sections, ...(session ? [session] : [])].map((section) => where(section)).join(' and ');
  // SSO keys belong in the config file's profile section, start URL and region in the sso-session.
  const profileSection = sections[0];
  const toSession = session ? missing.filter((key) => SESSION_KEYS.has(key)) : [];
  const toProfile = missing.filter((key) => !toSession.includes(key));
  const places = [
    ...(toSession.length > 0 && session ? [`${toSession.join(', ')} to ${where(session)}`] : []),
    ...(toProfile.length > 0 && profileSection ? [`${toProfile.join(', ')} to ${where(profileSection)}`] : []),
  ];
  return new AwscredsError(
    'CONFIG',
    `profile "${name}" is configured for SSO but is missing ${missing.join(', ')} (looked in ${looked}${sessionName === undefined ? '' : `, which it reaches via sso_session = ${sessionName}`})`,
    `add ${places.join(' and ')}, or run: aws configure sso ${profileArgument(name)}`,
  );
}

function problem(key: string, setting: Setting, rule: string): Problem {
  const value = typeof setting.value === 'string' ? setting.value : '';
  // A comment after a value is the likeliest cause, and the AWS CLI reads it as part of the value.
  const hint = /\s[#;]/.test(value) ? COMMENT_HINT : '';
  return { text: `${key} = ${JSON.stringify(value)} in ${where(setting.from, key)} ${rule}${hint}`, file: setting.from.file };
}

function badValues(name: string, problems: Problem[]): AwscredsError {
  const files = [...new Set(problems.map((p) => p.file))].join(' and ');
  return new AwscredsError('CONFIG', `profile "${name}" has invalid values: ${problems.map((p) => p.text).join('; ')}`, `correct ${problems.length === 1 ? 'this value' : 'these values'} in ${files}`);
}

function noCredentials(name: string, merged: Map<string, Setting>, section: ConfigSection | undefined): AwscredsError {
  const place = section ? where(section) : 'its section';
  const ssoHints = ['sso_session', 'sso_start_url', 'sso_region'].filter((key) => merged.has(key));
  if (ssoHints.length > 0 && section) {
    return new AwscredsError(
      'CONFIG',
      `profile "${name}" has ${ssoHints.join(', ')} but neither sso_account_id nor sso_role_name (in ${place}), so it names no account and role to get credentials for`,
      `add sso_account_id and sso_role_name to [${section.header}] of ${section.file}, or run: aws configure sso ${profileArgument(name)}`,
    );
  }
  const keys = merged.size > 0 ? `its keys: ${keyList(merged)}` : 'it has no keys';
  return new AwscredsError(
    'CONFIG',
    `profile "${name}" (${place}) has no credentials awscreds can use: no sso_account_id or sso_role_name, no aws_access_key_id and aws_secret_access_key, no role_arn, web_identity_token_file or credential_process; ${keys}`,
    `make it an SSO profile with: aws configure sso ${profileArgument(name)}; or add aws_access_key_id and aws_secret_access_key, or role_arn with source_profile, to it`,
  );
}
