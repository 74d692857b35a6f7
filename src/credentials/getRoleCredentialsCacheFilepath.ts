import { join } from 'node:path';
import { sha1Hex } from '../cache/sha1Hex';
import type { SsoSettings } from '../config/types';

/**
 * ~/.aws/cli/cache/<sha1>.json, named as the AWS CLI names it: SHA-1 of the minified,
 * key-sorted JSON of account, role and sso-session name (or start URL in the legacy form).
 */
export function getRoleCredentialsCacheFilepath(home: string, sso: SsoSettings): string {
  const args: Record<string, string> = { accountId: sso.accountId, roleName: sso.roleName };
  if (sso.sessionName !== undefined) args.sessionName = sso.sessionName;
  else args.startUrl = sso.startUrl;
  const sorted = Object.fromEntries(Object.entries(args).sort(([a], [b]) => (a < b ? -1 : 1)));
  return join(home, '.aws', 'cli', 'cache', `${sha1Hex(JSON.stringify(sorted))}.json`);
}
