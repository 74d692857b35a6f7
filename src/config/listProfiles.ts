import type { Env } from './configFilePaths';
import { loadSharedConfig } from './loadSharedConfig';
import type { ReadFile } from './readConfigFile';

/** Every profile name the AWS CLI would accept, from both files, sorted and without repeats. */
export function listProfiles({ env, home, readFile }: { env: Env; home: string; readFile?: ReadFile }): string[] {
  const shared = loadSharedConfig({ env, home, readFile });
  return [...new Set([...shared.configProfiles.keys(), ...shared.credentialsProfiles.keys()])].sort();
}
