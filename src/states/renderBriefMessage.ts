import type { Shell } from '../shells/Shell';
import type { CredentialState } from './credentialStates';
import { renderSuggestedCommand } from './renderFixText';

/**
 * A state's one line as the hooks print it (after `awscreds: `): what is wrong in a few words,
 * then `; run: ` and the one command that fixes it, in SHELL's syntax (`eval "$(awscreds
 * export)"`, `awscreds export | source`). Placeholders stay in: the hooks fill `{minutes}` and
 * `{profile}` at the prompt. The long text (problem, why, fix) is `awscreds check`'s.
 */
export function renderBriefMessage(state: CredentialState, shell: Shell): string {
  const { what, fix } = state.brief;
  if (fix === undefined) return what;
  const command = 'load' in fix && shell.hookLoadLine ? shell.hookLoadLine(fix.load) : renderSuggestedCommand(fix, shell, {});
  return `${what}; run: ${command}`;
}
