import type { Shell } from '../shells/Shell';
import { renderHookDefinitions } from './renderHookDefinitions';

/** What `awscreds hook <shell>` prints: the generated definitions, then the shell file. */
export function renderHookScript(shell: Shell, hookFileText: string): string {
  const body = hookFileText.replace(/\r\n/g, '\n');
  return `${renderHookDefinitions(shell)}${body.endsWith('\n') ? body : `${body}\n`}`;
}
