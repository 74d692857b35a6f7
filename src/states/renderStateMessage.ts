import type { Shell } from '../shells/Shell';
import type { CredentialState } from './credentialStates';
import { renderFixText } from './renderFixText';

/**
 * A state's one-line message: the variables involved, why AWS rejects them, the fix (its
 * commands in SHELL's syntax, `{profile}` filled with `profile`). `{minutes}` stays in:
 * `fillStatePlaceholders` fills it for `awscreds check`.
 */
export function renderStateMessage(state: CredentialState, shell: Shell, profile: string): string {
  return [state.problem, state.why, `Fix: ${renderFixText(state.fix, shell, { profile, backticks: true })}`].filter((part) => part !== '').join(' ');
}
