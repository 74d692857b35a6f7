import { AwscredsError } from '../../runtime/AwscredsError';
import { describeKey, isRegion } from '../configValues';
import type { IniValue } from '../parseIni';
import type { ConfigSection, SharedConfig } from '../sharedConfig';
import type { ResolvedProfile } from './types';

// A profile's keys as every kind's resolver reads them (merged over both files, each with the
// section it came from), and the messages they share: where a key is, and what is wrong with it.

/** A key of the profile, merged over both files, with the section it came from. */
export interface Setting {
  readonly value: IniValue;
  readonly from: ConfigSection;
}

export interface ProfileSettings {
  readonly merged: Map<string, Setting>;
  readonly fromConfig: ConfigSection | undefined;
  readonly fromCredentials: ConfigSection | undefined;
}

export interface Problem {
  readonly text: string;
  readonly file: string;
}

export const COMMENT_HINT = ' (the AWS CLI does not strip a comment after a value: put the comment on a line of its own)';

/** COMMENT_HINT when a value looks like it has a comment after it, else ''. */
export const commentHint = (value: string): string => (/\s[#;]/.test(value) ? COMMENT_HINT : '');

export function profileSettings(shared: SharedConfig, name: string): ProfileSettings | undefined {
  const fromConfig = shared.configProfiles.get(name);
  const fromCredentials = shared.credentialsProfiles.get(name);
  if (!fromConfig && !fromCredentials) return undefined;
  // The AWS CLI merges the credentials file's keys over the config file's for a profile.
  const merged = new Map<string, Setting>();
  for (const section of [fromConfig, fromCredentials]) {
    if (!section) continue;
    for (const [key, value] of Object.entries(section.keys)) merged.set(key, { value, from: section });
  }
  return { merged, fromConfig, fromCredentials };
}

export const hasStaticKeys = (merged: Map<string, Setting>): boolean => merged.has('aws_access_key_id') || merged.has('aws_secret_access_key');
export const isAssumeRole = (merged: Map<string, Setting>): boolean => merged.has('role_arn') && !merged.has('web_identity_token_file');

export function where(section: ConfigSection, key?: string): string {
  // A key the section inherits from the file's [DEFAULT] section is fixed there, not here.
  const inherited = key !== undefined && section.inherited.has(key) ? ', which inherits it from [DEFAULT]' : '';
  return `[${section.header}] of ${section.file}${inherited}`;
}

/** The profile's key names as written (describeKey hides any that look like a pasted value). */
export function keyList(merged: Map<string, Setting>): string {
  return [...merged].map(([key, setting]) => describeKey(setting.from.spelling[key] ?? key)).join(', ');
}

export function singleValue(name: string, key: string, setting: Setting): string {
  if (typeof setting.value === 'string') return setting.value;
  throw new AwscredsError(
    'CONFIG',
    `profile "${name}": ${key} in ${where(setting.from)} is a nested block (indented lines follow it), not a value`,
    `write ${key} = VALUE on one line in [${setting.from.header}] of ${setting.from.file}`,
  );
}

export function optionalValue(name: string, merged: Map<string, Setting>, key: string): string | undefined {
  const setting = merged.get(key);
  return setting === undefined ? undefined : singleValue(name, key, setting);
}

export function problem(key: string, setting: Setting, rule: string): Problem {
  const value = typeof setting.value === 'string' ? setting.value : '';
  // A comment after a value is the likeliest cause, and the AWS CLI reads it as part of the value.
  return { text: `${key} = ${JSON.stringify(value)} in ${where(setting.from, key)} ${rule}${commentHint(value)}`, file: setting.from.file };
}

export function badValues(name: string, problems: Problem[]): AwscredsError {
  const files = [...new Set(problems.map((p) => p.file))].join(' and ');
  return new AwscredsError('CONFIG', `profile "${name}" has invalid values: ${problems.map((p) => p.text).join('; ')}`, `correct ${problems.length === 1 ? 'this value' : 'these values'} in ${files}`);
}

/** The profile's working `region`, if set; a malformed one is added to `problems`. */
export function profileRegion(name: string, merged: Map<string, Setting>, problems: Problem[]): string | undefined {
  const setting = merged.get('region');
  if (!setting) return undefined;
  const value = singleValue(name, 'region', setting);
  if (value === '') return undefined;
  if (!isRegion(value)) problems.push(problem('region', setting, 'must be an AWS region, like eu-west-1'));
  return value;
}

/** The profile with its `region`, when it sets one (a malformed one is refused). */
export function withRegion<T extends ResolvedProfile>(name: string, merged: Map<string, Setting>, profile: T): T {
  const problems: Problem[] = [];
  const region = profileRegion(name, merged, problems);
  if (problems.length > 0) throw badValues(name, problems);
  return region === undefined ? profile : { ...profile, region };
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/;

/** role_arn, of an assume-role or a web-identity profile. */
export function roleArnOf(name: string, setting: Setting): string {
  const roleArn = singleValue(name, 'role_arn', setting);
  if (!ROLE_ARN.test(roleArn)) throw badValues(name, [problem('role_arn', setting, 'must be an IAM role ARN, like arn:aws:iam::123456789012:role/Admin')]);
  return roleArn;
}

export function chainText(chain: readonly string[]): string {
  return chain.map((p) => `"${p}"`).join(' -> ');
}
