import type { EnvChanges } from '../shells/Shell';

/** An environment with `changes` applied as the export block would apply them: unsets, then sets. */
export function applyEnvChanges(env: Readonly<Record<string, string | undefined>>, changes: EnvChanges): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) result[name] = value;
  for (const name of changes.unset) delete result[name];
  for (const [name, value] of changes.set) result[name] = value;
  return result;
}
