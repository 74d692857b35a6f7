import type { Env } from '../config/configFilePaths';
import { listProfiles } from '../config/listProfiles';
import { loadProfile } from '../config/loadProfile';
import type { SsoSettings } from '../config/types';

export interface ConfiguredSsoProfile {
  readonly name: string;
  readonly sso: SsoSettings;
}

/**
 * Every profile that resolves to IAM Identity Center settings, sorted by name. A profile that
 * does not resolve is skipped with a debug line: listing must work beside a half-written one.
 */
export function configuredSsoProfiles({ env, home, debug }: { env: Env; home: string; debug: (text: string) => void }): ConfiguredSsoProfile[] {
  const found: ConfiguredSsoProfile[] = [];
  for (const name of listProfiles({ env, home })) {
    try {
      const profile = loadProfile({ profileName: name, env, home });
      if (profile.kind === 'sso') found.push({ name, sso: profile.sso });
    } catch (error) {
      debug(`list: skipping profile "${name}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return found;
}
