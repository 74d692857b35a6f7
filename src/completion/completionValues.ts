import type { Env } from '../config/configFilePaths';
import { listProfiles } from '../config/listProfiles';
import { listSsoSessions } from '../config/listSsoSessions';
import type { DynamicValues } from './completionModel';

/** `awscreds completion --list KIND`: the names the config defines, one per line. */
export function completionValues(kind: DynamicValues, { env, home }: { env: Env; home: string }): string {
  const names = kind === 'profiles' ? listProfiles({ env, home }) : listSsoSessions({ env, home }).map((s) => s.name);
  return names.map((name) => `${name}\n`).join('');
}
