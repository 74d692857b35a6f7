import type { Env } from '../config/configFilePaths';
import { listProfiles } from '../config/listProfiles';
import { loadProfile } from '../config/loadProfile';
import { getRoleCredentialsCacheFilepath } from '../credentials/getRoleCredentialsCacheFilepath';
import { getSSOTokenFilepath } from '../token/getSSOTokenFilepath';

/**
 * The role-credential cache files (~/.aws/cli/cache) of every configured SSO profile whose
 * credentials come from the token at `tokenPath`: all profiles of one sso-session (or of one
 * start URL, in the legacy form) share it. Profiles that do not resolve are skipped.
 */
export function findRoleCredentialFilesForToken({ tokenPath, env, home, debug }: { tokenPath: string; env: Env; home: string; debug: (text: string) => void }): string[] {
  const files = new Set<string>();
  for (const name of listProfiles({ env, home })) {
    let profile;
    try {
      profile = loadProfile({ profileName: name, env, home });
    } catch {
      debug(`sign-out: profile "${name}" does not resolve; its role-credential cache (if any) is left alone`);
      continue;
    }
    if (profile.kind !== 'sso' || getSSOTokenFilepath(home, profile.sso) !== tokenPath) continue;
    files.add(getRoleCredentialsCacheFilepath(home, profile.sso));
  }
  return [...files].sort();
}
