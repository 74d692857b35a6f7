import type { CredentialState } from './credentialStates';

/**
 * A state's one-line message: the variables involved, why AWS rejects them, the fix.
 * Placeholders stay in: the hooks fill `{minutes}` and `{profile}` at the prompt,
 * `fillStatePlaceholders` does it for `awscreds check`.
 */
export function renderStateMessage(state: CredentialState): string {
  return [state.problem, state.why, `Fix: ${state.fix}`].filter((part) => part !== '').join(' ');
}
