import type { CredentialDiagnosis } from './CredentialDiagnosis';

/** Fills a state text's `{minutes}` and `{profile}` the way the hooks do at the prompt. */
export function fillStatePlaceholders(text: string, diagnosis: CredentialDiagnosis): string {
  return text.replaceAll('{minutes}', diagnosis.minutes === undefined ? '?' : String(diagnosis.minutes)).replaceAll('{profile}', diagnosis.profile === '' ? 'default' : diagnosis.profile);
}
