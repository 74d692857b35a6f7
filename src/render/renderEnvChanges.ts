import type { EnvChanges } from '../shells/Shell';
import { renderDotenv } from './renderDotenv';
import { renderEnvJson } from './renderEnvJson';

/** `export --format json|dotenv` (loaded only for those formats; the shell block stays on the fast path). */
export function renderEnvChanges(format: 'json' | 'dotenv', changes: EnvChanges): string {
  return format === 'json' ? renderEnvJson(changes) : renderDotenv(changes);
}
