import { singleValue, where, withRegion, type Setting } from './settings';
import type { ProcessProfile } from './types';

// credential_process: a command that prints the credentials as JSON (run by
// credentials/credentialProcess.ts). An empty command is no credential_process, as botocore
// reads it.

/** Why such a profile has no IAM Identity Center sign-in. */
export const DESCRIPTION = 'it uses credential_process';

/** Never: the command is remembered, not what it prints. */
export const holdsSecret = (_profile: ProcessProfile): boolean => false;

/** The profile's credential_process, or undefined when it has none (or an empty one). */
export function resolveProcess(name: string, merged: Map<string, Setting>): ProcessProfile | undefined {
  const setting = merged.get('credential_process');
  if (!setting) return undefined;
  const command = singleValue(name, 'credential_process', setting).trim();
  return command === '' ? undefined : withRegion(name, merged, { kind: 'process', name, command, where: where(setting.from) });
}
