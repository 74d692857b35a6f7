import type { CommandModule } from '../cli/CommandModule';
import type { ShellName } from '../shells/Shell';
import { completionModel } from './completionModel';
import { renderBashCompletionDefinitions } from './renderBashCompletionDefinitions';
import { renderFishCompletionDefinitions } from './renderFishCompletionDefinitions';
import { renderZshCompletionDefinitions } from './renderZshCompletionDefinitions';

/** What `awscreds completion <shell>` prints: definitions generated from the commands, then shell/completion.<shell>. */
export function renderCompletionScript(shell: ShellName, commands: readonly CommandModule[], scriptFileText: string): string {
  const nodes = completionModel(commands);
  const definitions =
    shell === 'bash' ? renderBashCompletionDefinitions(nodes) : shell === 'zsh' ? renderZshCompletionDefinitions(nodes) : renderFishCompletionDefinitions(nodes);
  const body = scriptFileText.replace(/\r\n/g, '\n');
  return `${definitions}${body.endsWith('\n') ? body : `${body}\n`}`;
}
