import { AwscredsError } from '../AwscredsError';
import type { Env } from '../config/configFilePaths';
import { listSsoSessions } from '../config/listSsoSessions';
import { loadProfile } from '../config/loadProfile';
import type { SsoSettings } from '../config/types';
import type { ConfiguredSsoProfile } from './configuredSsoProfiles';

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

export interface ListTargetInput {
  readonly profileOption?: string;
  readonly ssoSessionOption?: string;
  readonly env: Env;
  readonly home: string;
  /** The config's SSO profiles (configuredSsoProfiles), to name one in messages. */
  readonly ssoProfiles: readonly ConfiguredSsoProfile[];
}

/**
 * `--profile P` (its sign-in), `--sso-session S`, else AWS_PROFILE / AWS_DEFAULT_PROFILE, else
 * the config's only `[sso-session]`, else the `default` profile when it is an SSO profile.
 */
export function resolveListTarget(input: ListTargetInput): ListTarget {
  const { profileOption, ssoSessionOption, env, home, ssoProfiles } = input;
  if (profileOption !== undefined && ssoSessionOption !== undefined) {
    throw new AwscredsError('USAGE', '--profile and --sso-session were both given.', 'pass only one: the profile whose sign-in to use, or the sso-session.');
  }
  if (ssoSessionOption !== undefined) return sessionTarget(ssoSessionOption, env, home, ssoProfiles);
  if (profileOption !== undefined) {
    if (profileOption.trim() === '') throw new AwscredsError('USAGE', '--profile was given an empty name.', 'pass a profile name, e.g. --profile dev.');
    return profileTarget(profileOption, env, home);
  }
  const fromEnv = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE;
  if (fromEnv) return profileTarget(fromEnv, env, home);
  const sessions = listSsoSessions({ env, home });
  const only = sessions.length === 1 ? sessions[0] : undefined;
  if (only) return sessionTarget(only.name, env, home, ssoProfiles);
  if (ssoProfiles.some((p) => p.name === 'default')) return profileTarget('default', env, home);
  const known = [
    sessions.length > 0 ? `sso-sessions: ${sessions.map((s) => s.name).join(', ')}` : 'no [sso-session] sections',
    ssoProfiles.length > 0 ? `SSO profiles: ${ssoProfiles.map((p) => p.name).join(', ')}` : 'no SSO profiles',
  ].join('; ');
  throw new AwscredsError('USAGE', `cannot tell which IAM Identity Center sign-in to list (${known}).`, 'pass --sso-session NAME or --profile NAME (or set AWS_PROFILE).');
}

function profileTarget(profileName: string, env: Env, home: string): ListTarget {
  const profile = loadProfile({ profileName, env, home });
  if (profile.kind !== 'sso') {
    throw new AwscredsError(
      'CONFIG',
      `profile "${profileName}" has access keys, not IAM Identity Center settings: it has no accounts to list.`,
      'pass an IAM Identity Center profile with --profile, or --sso-session NAME.',
    );
  }
  const { sso } = profile;
  const label = sso.sessionName !== undefined ? `sso-session "${sso.sessionName}"` : `profile "${profileName}" (start URL ${sso.startUrl})`;
  return { label, sso, profileName };
}

function sessionTarget(name: string, env: Env, home: string, ssoProfiles: readonly ConfiguredSsoProfile[]): ListTarget {
  const sessions = listSsoSessions({ env, home });
  const session = sessions.find((s) => s.name === name);
  if (!session) {
    const known = sessions.length > 0 ? `sso-sessions that exist: ${sessions.map((s) => s.name).join(', ')}` : 'the config file has no [sso-session] sections';
    throw new AwscredsError('CONFIG', `sso-session "${name}" not found in the config file (${known}).`, `check the name, or add an [sso-session ${name}] section (\`aws configure sso-session\` writes one).`);
  }
  const missing = [session.startUrl === undefined ? 'sso_start_url' : undefined, session.ssoRegion === undefined ? 'sso_region' : undefined].filter((k) => k !== undefined);
  if (session.startUrl === undefined || session.ssoRegion === undefined) {
    throw new AwscredsError('CONFIG', `[sso-session ${name}] lacks ${missing.join(' and ')}.`, `add ${missing.map((k) => `${k} = …`).join(' and ')} to [sso-session ${name}] in the config file.`);
  }
  const sso: SsoSettings = { startUrl: session.startUrl, ssoRegion: session.ssoRegion, sessionName: name, accountId: '', roleName: '' };
  const user = ssoProfiles.find((p) => p.sso.sessionName === name);
  return user ? { label: `sso-session "${name}"`, sso, profileName: user.name } : { label: `sso-session "${name}"`, sso };
}
