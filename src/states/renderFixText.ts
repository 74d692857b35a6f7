import type { Shell, SuggestedCommand } from '../shells/Shell';
import type { FixText } from './credentialStates';

/** The placeholders the hooks fill at the prompt: a word that is one stays bare in a command. */
const PLACEHOLDER = /^\{[a-z]+\}$/;

/**
 * A fix's text with its commands in SHELL's syntax. `profile` given (`awscreds check`): the
 * `{profile}` words become that name, quoted like every other word. Not given (the hooks):
 * placeholder words stay bare, for the hook to fill at the prompt with a name it has reduced
 * to characters no shell or terminal interprets. `backticks` sets each command apart in prose.
 */
export function renderFixText(text: FixText, shell: Shell, options: { readonly profile?: string; readonly backticks?: boolean } = {}): string {
  return text.map((part) => (typeof part === 'string' ? part : renderSuggestedCommand(part, shell, options))).join('');
}

/** One suggested command in SHELL's syntax (see renderFixText for the options). */
export function renderSuggestedCommand(command: SuggestedCommand, shell: Shell, { profile, backticks = false }: { readonly profile?: string; readonly backticks?: boolean }): string {
  const quote = (word: string): string => (profile === undefined && PLACEHOLDER.test(word) ? word : shell.escape(word === '{profile}' && profile !== undefined ? profile || 'default' : word));
  // A name that starts with a dash joins its option (`--profile=-x`): no parser takes it for one.
  const joined = 'load' in command && profile?.startsWith('-') === true ? { load: command.load.flatMap((word, i) => (command.load[i + 1] === '{profile}' ? [] : word === '{profile}' ? [`${command.load[i - 1] ?? ''}=${profile}`] : [word])) } : command;
  const line = shell.renderCommand(joined, quote);
  return backticks ? `\`${line}\`` : line;
}
