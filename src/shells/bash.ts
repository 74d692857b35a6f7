import { escapeBashValue } from './escapeBashValue';
import { EnvChanges, Shell } from './Shell';

export function renderPosixChanges(changes: EnvChanges, escape: (v: string) => string): string {
  const commands: string[] = [];
  if (changes.unset.length > 0) commands.push(`unset ${changes.unset.join(' ')}`);
  for (const [name, value] of changes.set) commands.push(`export ${name}=${escape(value)}`);
  // `{ …; }` is one compound command: bash and zsh parse it to the closing brace before
  // running any of it, so a block cut short is a syntax error that applies nothing.
  return commands.length === 0 ? 'true\n' : `{\n${commands.map((c) => `  ${c};`).join('\n')}\n}\n`;
}

export const bash: Shell = {
  name: 'bash',
  hookFile: 'hook.bash',
  escape: escapeBashValue,
  renderChanges: (changes) => renderPosixChanges(changes, escapeBashValue),
};
