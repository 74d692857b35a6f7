import type { Env } from './configFilePaths';
import { loadSharedConfig } from './loadSharedConfig';
import { parseScopes } from './parseScopes';
import type { ReadFile } from './readConfigFile';

/** An `[sso-session]` as written: not validated, since listing must work on a half-written file. */
export interface SsoSessionInfo {
  name: string;
  startUrl?: string;
  ssoRegion?: string;
  registrationScopes?: string[];
}

/** The config file's `[sso-session NAME]` sections, sorted by name. */
export function listSsoSessions({ env, home, readFile }: { env: Env; home: string; readFile?: ReadFile }): SsoSessionInfo[] {
  const shared = loadSharedConfig({ env, home, readFile });
  return [...shared.ssoSessions.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, { keys }]) => {
      const info: SsoSessionInfo = { name };
      if (typeof keys.sso_start_url === 'string' && keys.sso_start_url !== '') info.startUrl = keys.sso_start_url;
      if (typeof keys.sso_region === 'string' && keys.sso_region !== '') info.ssoRegion = keys.sso_region;
      const scopes = typeof keys.sso_registration_scopes === 'string' ? parseScopes(keys.sso_registration_scopes) : undefined;
      if (scopes) info.registrationScopes = scopes;
      return info;
    });
}
