import { join } from 'node:path';
import { sha1Hex } from '../cache/sha1Hex';
import type { SsoSettings } from '../config/types';

/**
 * ~/.aws/sso/cache/<sha1>.json, named like the AWS CLI names it: by the sso-session name in
 * the session form, by the start URL in the legacy form.
 */
export function getSSOTokenFilepath(home: string, sso: Pick<SsoSettings, 'sessionName' | 'startUrl'>): string {
  return join(home, '.aws', 'sso', 'cache', `${sha1Hex(sso.sessionName ?? sso.startUrl)}.json`);
}
