import { AwscredsError } from '../AwscredsError';
import { isHttpsUrl } from '../config/isHttpsUrl';
import type { Env } from '../config/configFilePaths';
import { listSsoSessions } from '../config/listSsoSessions';
import { loadProfile } from '../config/loadProfile';
import { loadSharedConfig } from '../config/loadSharedConfig';
import type { SignInTarget } from './SignInTarget';

const REGION = /^[a-z]{2,}(-[a-z]+)+-\d+$/;

/**
 * What `awscreds login` signs in to, as `aws sso login` decides it: `--sso-session NAME`
 * names the sso-session; otherwise the profile's sso-session (session form) or its own start
 * URL and region (legacy form). A profile that only names an sso-session (no account or role
 * yet) can still sign in, as with the AWS CLI; one with long-term keys cannot.
 */
export function resolveSignInTarget({ profileName, ssoSessionName, env, home }: { profileName?: string; ssoSessionName?: string; env: Env; home: string }): SignInTarget {
  if (ssoSessionName !== undefined) return sessionTarget(ssoSessionName, env, home);
  if (profileName === undefined) throw new Error('resolveSignInTarget: give a profile or an sso-session name');
  let profile;
  try {
    profile = loadProfile({ profileName, env, home });
  } catch (error) {
    // `[profile x]` with only sso_session = NAME: the AWS CLI signs in to that session.
    const section = loadSharedConfig({ env, home }).configProfiles.get(profileName);
    const session = section?.keys.sso_session;
    const hasAccountOrRole = section !== undefined && (section.keys.sso_account_id !== undefined || section.keys.sso_role_name !== undefined);
    if (error instanceof AwscredsError && typeof session === 'string' && session !== '' && !hasAccountOrRole) return sessionTarget(session, env, home);
    throw error;
  }
  if (profile.kind !== 'sso') {
    throw new AwscredsError(
      'CONFIG',
      `profile "${profileName}" uses long-term access keys, not IAM Identity Center: there is no SSO session to sign in to or out of.`,
      'name an SSO profile (--profile NAME, one with sso_session or sso_start_url) or, for login, an sso-session (--sso-session NAME).',
    );
  }
  return profile.sso;
}

function sessionTarget(name: string, env: Env, home: string): SignInTarget {
  const sessions = listSsoSessions({ env, home });
  const session = sessions.find((s) => s.name === name);
  const { configFile } = loadSharedConfig({ env, home }).paths;
  if (!session) {
    const known = sessions.map((s) => s.name);
    throw new AwscredsError(
      'CONFIG',
      `The specified sso-session does not exist: "${name}" (${configFile} has no [sso-session ${name}] section${known.length > 0 ? `; sso-sessions that exist: ${known.join(', ')}` : ''})`,
      `add an [sso-session ${name}] section with sso_start_url and sso_region to ${configFile} (aws configure sso-session does this), or name an existing one`,
    );
  }
  const missing = [session.startUrl === undefined ? 'sso_start_url' : '', session.ssoRegion === undefined ? 'sso_region' : ''].filter((k) => k !== '');
  if (missing.length > 0 || !session.startUrl || !session.ssoRegion) {
    throw new AwscredsError('CONFIG', `[sso-session ${name}] in ${configFile} is missing ${missing.join(' and ')}`, `add ${missing.join(' and ')} to [sso-session ${name}] in ${configFile}, or run: aws configure sso-session`);
  }
  const problems: string[] = [];
  if (!isHttpsUrl(session.startUrl)) problems.push(`sso_start_url = ${JSON.stringify(session.startUrl)} must be an https:// URL, like https://d-1234567890.awsapps.com/start`);
  if (!REGION.test(session.ssoRegion)) problems.push(`sso_region = ${JSON.stringify(session.ssoRegion)} must be an AWS region, like us-east-1`);
  if (problems.length > 0) throw new AwscredsError('CONFIG', `[sso-session ${name}] in ${configFile} has invalid values: ${problems.join('; ')}`, `correct ${problems.length === 1 ? 'this value' : 'these values'} in ${configFile}`);
  return {
    startUrl: session.startUrl,
    ssoRegion: session.ssoRegion,
    sessionName: name,
    ...(session.registrationScopes ? { registrationScopes: session.registrationScopes } : {}),
  };
}

