import { classifyCredentials } from './classifyCredentials';
import type { CredentialDiagnosis } from './CredentialDiagnosis';
import { CREDENTIAL_STATE_IDS, type CredentialStateId } from './credentialStates';
import type { Env } from '../runtime/Runtime';


export interface EnvironmentDiagnosis extends CredentialDiagnosis {
  /**
   * Names the strict-mode hook has un-exported from this process's parent shell. The values
   * stay in the shell, so this process cannot see them: the state is the one the hook
   * computed at the last prompt, taken from AWSCREDS_HELD_BACK.
   */
  readonly heldBack: readonly string[];
  /** The length of each held-back value, as the hook recorded it (`NAME:LENGTH`), when it did. */
  readonly heldBackLengths: Readonly<Record<string, number>>;
}

/**
 * `awscreds check`'s view: the environment's state, or, when the strict hook is holding a
 * partial set back (none of it is exported, AWSCREDS_HELD_BACK says which state it was
 * in), that state, so that `check` explains the set the user actually typed.
 */
export function diagnoseEnvironment(env: Env, nowEpochSeconds: number): EnvironmentDiagnosis {
  const diagnosis = classifyCredentials(env, nowEpochSeconds);
  const [heldState, ...words] = (env.AWSCREDS_HELD_BACK ?? '').split(' ').filter((word) => word !== '');
  if (diagnosis.state === 'none' && heldState !== undefined && (CREDENTIAL_STATE_IDS as readonly string[]).includes(heldState)) {
    // Each word is NAME or NAME:LENGTH (hooks before lengths wrote names only).
    const heldBackLengths: Record<string, number> = {};
    const names = words.map((word) => {
      const match = /^([A-Z_]+):([0-9]{1,6})$/.exec(word);
      if (match === null) return word;
      heldBackLengths[match[1] as string] = Number(match[2]);
      return match[1] as string;
    });
    return { state: heldState as CredentialStateId, minutes: undefined, profile: '', heldBack: names, heldBackLengths };
  }
  return { ...diagnosis, heldBack: [], heldBackLengths: {} };
}
