import { AwscredsError } from '../../runtime/AwscredsError';
import { profileArgument } from '../../runtime/shellWords';
import { existingNames, isHttpsUrl, isRegion, parseScopes } from '../configValues';
import type { IniValue } from '../parseIni';
import type { ConfigSection, SharedConfig } from '../sharedConfig';
import { badValues, commentHint, problem, profileRegion, singleValue, where, type Problem, type Setting } from './settings';
import type { SsoProfile, SsoSettings } from './types';

// IAM Identity Center: sso_account_id and sso_role_name, with the start URL and region of the
// profile itself (legacy form) or of the [sso-session] it names, merged as the AWS CLI merges
// them (a key in both places must agree).

/** What such a profile is, for messages. */
export const DESCRIPTION = 'it signs in with IAM Identity Center';

/** Never: an SSO profile names an account and a role; the token lives in the AWS CLI's cache. */
export const holdsSecret = (_profile: SsoProfile): boolean => false;

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/; // IAM's own rule for role names
const SSO_KEYS = ['sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'] as const;
const SESSION_KEYS = new Set<string>(['sso_start_url', 'sso_region']);
const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token', 'aws_access_key_id']);

export function resolveSso(name: string, merged: Map<string, Setting>, shared: SharedConfig, profileSections: Array<ConfigSection | undefined>): SsoProfile {
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

function sameValue(a: IniValue, b: IniValue): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : JSON.stringify(a) === JSON.stringify(b);
}

function sessionNotFound(name: string, sessionName: string, from: ConfigSection, shared: SharedConfig): AwscredsError {
  const sessions = [...shared.ssoSessions.keys()];
  return new AwscredsError(
    'CONFIG',
    `The specified sso-session does not exist: "${sessionName}" (profile "${name}" sets sso_session = ${sessionName} in ${where(from)}, but ${shared.paths.configFile} has no [sso-session ${sessionName}] section${sessions.length > 0 ? `; sso-sessions that exist: ${existingNames(sessions, sessionName)}` : ''})${commentHint(sessionName)}`,
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
