import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigFilePaths {
  configFile: string;
  credentialsFile: string;
}

/**
 * Where the AWS CLI looks for its two files. An empty variable counts as unset (as in the JS
 * SDK): `AWS_CONFIG_FILE= cmd` means "the default", not "no file".
 */
export function configFilePaths({ env, home }: { env: Env; home: string }): ConfigFilePaths {
  return {
    configFile: expandHome(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), home),
    credentialsFile: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'), home),
  };
}

// Shells do not expand `~` inside quotes, so `AWS_CONFIG_FILE="~/x"` reaches us unexpanded.
function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}
