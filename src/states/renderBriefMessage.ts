import { loadCommandLine, shellByName } from '../shells/registry';
import type { ShellName } from '../shells/Shell';
import type { CredentialState } from './credentialStates';

/**
 * A state's one line as the hooks print it (after `awscreds: `): what is wrong in a few words,
 * then `; run: ` and the one command that fixes it, in SHELL's syntax (`eval "$(awscreds
 * export)"`, `awscreds export | source`). Placeholders stay in: the hooks fill `{minutes}` and
 * `{profile}` at the prompt. The long text (problem, why, fix) is `awscreds check`'s.
 */
export function renderBriefMessage(state: CredentialState, shell: ShellName): string {
  const { what, fix } = state.brief;
  if (fix === undefined) return what;
  const command = 'command' in fix ? fix.command : loadCommandLine(shellByName(shell), `export${fix.export}`);
  return `${what}; run: ${command}`;
}
