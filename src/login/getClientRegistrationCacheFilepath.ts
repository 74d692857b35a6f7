import { join } from 'node:path';
import { pythonJsonDumps } from '../cache/pythonJsonDumps';
import { sha1Hex } from '../cache/sha1Hex';

/**
 * ~/.aws/sso/cache/<sha1>.json for a client registration, named as botocore names it:
 * SHA-1 of `json.dumps({"region", "scopes", "session_name", "startUrl", "tool": "botocore"},
 * sort_keys=True)`, with null for no scopes (legacy form) and no session name.
 */
export function getClientRegistrationCacheFilepath(
  home: string,
  key: { readonly ssoRegion: string; readonly startUrl: string; readonly scopes?: readonly string[]; readonly sessionName?: string },
): string {
  const args = {
    tool: 'botocore',
    startUrl: key.startUrl,
    region: key.ssoRegion,
    scopes: key.scopes ? [...key.scopes] : null,
    session_name: key.sessionName ?? null,
  };
  return join(home, '.aws', 'sso', 'cache', `${sha1Hex(pythonJsonDumps(args, { sortKeys: true }))}.json`);
}
