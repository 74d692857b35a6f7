import { pythonJsonDumps } from '../cache/pythonJsonDumps';
import { writeFileAtomic } from '../fs/writeFileAtomic';
import type { SSOToken } from './SSOToken';

/** Writes a token the way the AWS CLI does (its JSON layout, 0600, atomically). */
export function writeSSOTokenToFile(path: string, token: SSOToken): void {
  writeFileAtomic(path, pythonJsonDumps(token));
}
