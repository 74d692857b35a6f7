import { CREDENTIAL_STATES } from './credentialStates';
import type { Env } from '../runtime/Runtime';
import type { ExpirySource } from './CredentialDiagnosis';
import { diagnoseEnvironment, type EnvironmentDiagnosis } from './diagnoseEnvironment';
import { fillStatePlaceholders } from './fillStatePlaceholders';
import { parseCredentialExpiration } from './parseCredentialExpiration';
import { renderStateMessage } from './renderStateMessage';
import { renderFixText } from './renderFixText';
import { printable } from '../runtime/text';
import type { Shell } from '../shells/Shell';


// Shaped like an access key id: safe to show. Anything else in AWS_ACCESS_KEY_ID might be a
// secret pasted into the wrong variable, so only its length is shown.
const KEY_ID_SHAPE = /^[A-Za-z0-9_]{1,32}$/;

/** A held-back variable's row in `check`'s table. */
export const HELD_BACK_ROW = 'held back by the hook (strict mode)';

/**
 * `awscreds check`: the diagnosis as text (renderCheckReport) or one JSON object, and whether the
 * set is usable. A held-back set is in the parent shell only: nothing usable reaches this process.
 */
export function checkEnvironment(env: Env, nowEpochSeconds: number, format: 'text' | 'json', shell: Shell): { stdout: string; usable: boolean } {
  const diagnosis = diagnoseEnvironment(env, nowEpochSeconds);
  const state = CREDENTIAL_STATES[diagnosis.state];
  const usable = state.usable && diagnosis.heldBack.length === 0;
  if (format === 'text') return { stdout: renderCheckReport(env, diagnosis, shell), usable };
  const report = {
    state: state.id,
    usable: state.usable,
    level: state.level,
    minutes: diagnosis.minutes ?? null,
    expiresAt: diagnosis.expiresAt === undefined ? null : new Date(diagnosis.expiresAt * 1000).toISOString().replace(/\.000Z$/, 'Z'),
    expirySource: diagnosis.expirySource ?? null,
    profile: diagnosis.profile,
    heldBack: diagnosis.heldBack,
    message: fillStatePlaceholders(renderStateMessage(state, shell, diagnosis.profile), diagnosis),
  };
  return { stdout: `${JSON.stringify(report)}\n`, usable };
}

/**
 * The text `awscreds check` prints: what is set (the key id; secrets and tokens only as
 * "set" and a length), the state, why AWS would reject it, and the fix, its commands written
 * for SHELL with every word quoted (AWSCREDS_PROFILE is anyone's text). Every line goes
 * through printable(): the environment's values may hold terminal escapes.
 */
export function renderCheckReport(env: Env, diagnosis: EnvironmentDiagnosis, shell: Shell): string {
  const state = CREDENTIAL_STATES[diagnosis.state];
  const characters = (count: number): string => `set (${count} characters)`;
  const length = (value: string): string => characters(value.length);
  // A variable the strict hook holds back is set in the shell, unexported, so not here: its
  // row says so, with the length the hook recorded, rather than "not set".
  const described = (name: string, describe: (value: string) => string): [string, string] => {
    const value = env[name] ?? '';
    if (value === '' && diagnosis.heldBack.includes(name)) {
      const recorded = diagnosis.heldBackLengths[name];
      return [name, `${HELD_BACK_ROW}${recorded === undefined ? '' : `: ${characters(recorded)}`}`];
    }
    return [name, value === '' ? 'not set' : describe(value)];
  };
  // Which of the two expiries the state was judged by.
  const describeExpiry = (at: number | undefined, name: ExpirySource): string => {
    if (at === undefined) return name === 'AWS_CREDENTIAL_EXPIRATION' ? 'not read: not an ISO 8601 time with Z or an offset' : 'not read: not epoch seconds';
    const when = new Date(at * 1000).toISOString().replace(/\.000Z$/, 'Z');
    return diagnosis.expirySource === name ? `${when}, the expiry used` : `${when}, not used`;
  };
  const key = env.AWS_ACCESS_KEY_ID ?? '';
  const rows: Array<[string, string]> = [
    described('AWS_ACCESS_KEY_ID', (value) => (KEY_ID_SHAPE.test(value) ? `${value} (${key.startsWith('ASIA') ? 'temporary key' : key.startsWith('AKIA') ? 'long-term key' : 'not an AWS-issued key id'})` : `${length(value)}, not shaped like a key id`)),
    described('AWS_SECRET_ACCESS_KEY', length),
    described('AWS_SESSION_TOKEN', length),
    described('AWS_SECURITY_TOKEN', (value) => `${length(value)}, ${value === env.AWS_SESSION_TOKEN ? 'same as' : 'differs from'} AWS_SESSION_TOKEN`),
    described('AWS_CREDENTIAL_EXPIRATION', (value) => `${value} (${describeExpiry(parseCredentialExpiration(value), 'AWS_CREDENTIAL_EXPIRATION')})`),
    described('AWSCREDS_PROFILE', (value) => value),
    described('AWSCREDS_KEY_ID', (value) => (KEY_ID_SHAPE.test(value) ? `${value}${value === key ? '' : ' (not the exported key id)'}` : length(value))),
    described('AWSCREDS_EXPIRES_AT', (value) => `${value} (${describeExpiry(/^[0-9]{1,12}$/.test(value) ? Number(value) : undefined, 'AWSCREDS_EXPIRES_AT')})`),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`);
  lines.push('');
  if (diagnosis.heldBack.length > 0) {
    lines.push(`held back: your shell's awscreds hook (strict mode) un-exported ${diagnosis.heldBack.join(' ')}, so commands cannot see them; at the last prompt the set was:`);
  }
  const fill = (text: string): string => fillStatePlaceholders(text, diagnosis);
  lines.push(`state: ${state.id} (${fill(state.title)}): ${state.usable ? (state.level === 'warn' ? 'usable, with a warning' : 'usable') : 'not usable'}`);
  lines.push(`what is set: ${fill(state.problem)}`);
  if (state.why !== '') lines.push(`why: ${fill(state.why)}`);
  lines.push(`fix: ${renderFixText(state.fix, shell, { profile: diagnosis.profile, backticks: true })}`);
  return `${lines.map(printable).join('\n')}\n`;
}
