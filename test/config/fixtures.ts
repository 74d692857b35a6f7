import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwscredsError } from '../../src/runtime/AwscredsError';

/** Secret-looking values planted in fixtures: no error message may ever contain them. */
export const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENvalue/with+base64==';
export const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
/** The MFA device of the user those keys belong to. */
export const MFA_SERIAL = 'arn:aws:iam::111122223333:mfa/alice';

/** ~/.aws/credentials with those long-term keys as profile `keys`. */
export const KEYS_CREDENTIALS = `[keys]
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY}
`;

/** Role profiles whose chain cannot be resolved: a loop (loop1, loop2) and a source that does not exist (missing). */
export const BROKEN_ROLE_CHAINS = `
[profile loop1]
role_arn = arn:aws:iam::210987654321:role/A
source_profile = loop2

[profile loop2]
role_arn = arn:aws:iam::210987654321:role/B
source_profile = loop1

[profile missing]
role_arn = arn:aws:iam::210987654321:role/A
source_profile = nowhere
`;

const roots: string[] = [];

/** A fresh home directory with ~/.aws/config and ~/.aws/credentials as given (absent when undefined). */
export function makeHome(files: { config?: string | Buffer; credentials?: string | Buffer } = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'awscreds-config-'));
  roots.push(home);
  mkdirSync(join(home, '.aws'));
  if (files.config !== undefined) writeFileSync(join(home, '.aws', 'config'), files.config);
  if (files.credentials !== undefined) writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
  return home;
}

export function removeHomes(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** Everything a user would see of an error. */
export function shown(error: AwscredsError): string {
  return `${error.message}\n${error.fix ?? ''}\n${error.toUserText((word) => `'${word}'`)}`;
}

export function expectNoSecret(error: AwscredsError): void {
  for (const secret of [SECRET_KEY, SESSION_TOKEN, ACCESS_KEY_ID, 'wJalrXUtnFEMI', 'IQoJb3JpZ2lu']) {
    expect(shown(error)).not.toContain(secret);
  }
}
