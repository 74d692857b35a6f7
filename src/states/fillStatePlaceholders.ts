import type { CredentialDiagnosis } from './CredentialDiagnosis';

/**
 * Fills a state text's `{minutes}` the way the hooks do at the prompt. `{profile}` appears only
 * in suggested commands, where renderFixText quotes it for the user's shell.
 */
export function fillStatePlaceholders(text: string, diagnosis: Pick<CredentialDiagnosis, 'minutes'>): string {
  return text.replaceAll('{minutes}', diagnosis.minutes === undefined ? '?' : String(diagnosis.minutes));
}
