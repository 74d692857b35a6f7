import { AwscredsError } from '../../runtime/AwscredsError';
import type { IniValue } from '../parseIni';
import type { ConfigSection } from '../sharedConfig';
import { badValues, profileRegion, where, type Problem, type Setting } from './settings';
import type { StaticProfile } from './types';

// Long-term keys (aws_access_key_id and aws_secret_access_key, with aws_session_token when
// someone pasted a temporary set into a file): the credentials file's section first, then the
// config file's, as the AWS CLI reads them.

/** Why such a profile has no IAM Identity Center sign-in. */
export const DESCRIPTION = 'it uses long-term access keys';

/** Always: the profile carries its secret key, so nothing may remember it. */
export const holdsSecret = (_profile: StaticProfile): boolean => true;

/** Long-term keys from one section, or undefined when the section has neither key. */
export function resolveStatic(name: string, section: ConfigSection, merged: Map<string, Setting>): StaticProfile | undefined {
  const { aws_access_key_id: keyId, aws_secret_access_key: secret } = section.keys;
  if (keyId === undefined && secret === undefined) return undefined;
  // The AWS CLI reads the rest of a long value that wrapped onto its own line as a key of its
  // own and uses the value cut short; no setting name has "/" or "+", base64 values do.
  const wrapped = Object.keys(section.keys).some((key) => /[/+]/.test(key) && !section.inherited.has(key));
  if (wrapped) {
    throw new AwscredsError(
      'CONFIG',
      `profile "${name}": ${where(section)} has a line that looks like the rest of a long value (a secret key or session token) that wrapped onto a new line, so the value before it would be cut short (the AWS CLI would use it so)`,
      `join that line to the line it belongs to in [${section.header}] of ${section.file} (awscreds --debug names its line number)`,
    );
  }
  if (typeof keyId !== 'string' || keyId === '' || typeof secret !== 'string' || secret === '') {
    const state = (key: string, value: IniValue | undefined): string => `${key} is ${value === undefined ? 'missing' : value === '' ? 'empty' : typeof value === 'string' ? 'set' : 'a nested block, not a value'}`;
    throw new AwscredsError(
      'CONFIG',
      `profile "${name}" has incomplete access keys in ${where(section)}: ${state('aws_access_key_id', keyId)} and ${state('aws_secret_access_key', secret)}; both are needed`,
      `set both aws_access_key_id and aws_secret_access_key in [${section.header}] of ${section.file}, or remove what is there`,
    );
  }
  // botocore reads the legacy aws_security_token before aws_session_token.
  const tokenKey = section.keys.aws_security_token !== undefined ? 'aws_security_token' : 'aws_session_token';
  const token = section.keys[tokenKey];
  if (token !== undefined && typeof token !== 'string') {
    throw new AwscredsError('CONFIG', `profile "${name}": ${tokenKey} in ${where(section)} is a nested block, not a value`, `write ${tokenKey} = VALUE on one line in [${section.header}] of ${section.file}`);
  }
  const problems: Problem[] = [];
  const region = profileRegion(name, merged, problems);
  if (problems.length > 0) throw badValues(name, problems);
  return {
    kind: 'static',
    name,
    ...(region === undefined ? {} : { region }),
    accessKeyId: keyId,
    secretAccessKey: secret,
    ...(token ? { sessionToken: token } : {}),
  };
}
