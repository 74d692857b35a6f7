import { escapeBashValue } from './escapeBashValue';

/**
 * `--profile NAME` as a user should type it in a suggested command: quoted for the shell, and
 * joined with `=` when the name starts with a dash so no parser takes it for an option.
 */
export function profileArgument(name: string, option = '--profile'): string {
  const quoted = escapeBashValue(name);
  return name.startsWith('-') ? `${option}=${quoted}` : `${option} ${quoted}`;
}
