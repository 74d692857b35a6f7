import type { EnvChanges } from '../shells/Shell';

/**
 * `export --format json`: `{"set": {NAME: value, …}, "unset": [NAME, …]}`, both keys always
 * present, names in the export block's order. A consumer applies `unset` first, then `set`,
 * exactly as the shell block does.
 */
export function renderEnvJson(changes: EnvChanges): string {
  const set: Record<string, string> = {};
  for (const [name, value] of changes.set) set[name] = value;
  return `${JSON.stringify({ set, unset: [...changes.unset] }, null, 2)}\n`;
}
