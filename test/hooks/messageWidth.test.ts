import { driver } from '../helpers/shellDriver';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellName } from '../../src/shells/Shell';
import { CREDENTIAL_STATE_IDS, CREDENTIAL_STATES, DEFAULT_GUARD_COMMANDS } from '../../src/states/credentialStates';
import { diagnoseEnvironment } from '../../src/states/diagnoseEnvironment';
import { fillStatePlaceholders } from '../../src/states/fillStatePlaceholders';
import { renderCheckReport } from '../../src/states/renderCheckReport';
import { renderStateMessage } from '../../src/states/renderStateMessage';
import { renderFixText } from '../../src/states/renderFixText';
import { shellByName } from '../../src/shells/registry';
import { runShellScript } from '../helpers/runShellScript';
import { SHELLS, writeHookScript } from './hookTestSetup';
import { stateRows } from './stateRows';

// Point 4 of the guards issue: every line a hook prints fits an 80-column terminal, in each
// shell, with its placeholders filled at realistic widths (a 20-character profile name, two-
// to four-digit minutes, the longest default guarded command, two unexported variables), and
// the long explanation each line leaves out is still `awscreds check`'s.
const PROFILE = 'platform-prod-admin1'; // 20 characters
const SAID = CREDENTIAL_STATE_IDS.filter((id) => CREDENTIAL_STATES[id].level === 'bad' || CREDENTIAL_STATES[id].level === 'warn');
const HELD_BACK = SAID.filter((id) => CREDENTIAL_STATES[id].level === 'bad' && id !== 'expired');

/** Runs the generated hook (definitions + file) non-interactively, then `body`; stdout and stderr together. */
function inHook(shell: ShellName, body: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'awscreds-width-'));
  try {
    const hook = writeHookScript(shell, join(dir, 'hook'));
    const run = runShellScript(shell, `source ${hook}\n${body}`, { AWSCREDS_HOOK_MODE: 'guard' }, dir, 30_000);
    return `${run.stdout}${run.stderr}`.split('\n').filter((line) => line !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function reportLines(shell: ShellName, minutes: string): string[] {
  const set = (name: string, value: string): string => driver(shell).setUnexported(name, value);
  const steps = SAID.flatMap((id) => {
    const prefixes = HELD_BACK.includes(id) ? ['', 'held back:'] : [''];
    return prefixes.map((prefix) => [set('_awscreds_state', id), set('_awscreds_level', CREDENTIAL_STATES[id].level), `_awscreds_report '${prefix}'`].join('\n'));
  });
  return inHook(shell, [set('_awscreds_profile', PROFILE), set('_awscreds_minutes', minutes), set('_awscreds_unexported', ''), ...steps].join('\n'));
}

const tooWide = (lines: readonly string[]): string[] => lines.filter((line) => [...line].length > 80);

describe.each(SHELLS)('%s', (shell) => {
  test.each(['99', '9999'])('every state\'s line, held back or not, fits 80 columns (minutes %s)', (minutes) => {
    const lines = reportLines(shell, minutes);
    expect(lines).toHaveLength(SAID.length + HELD_BACK.length);
    for (const line of lines) expect(line).toMatch(/^awscreds: /);
    expect(lines.filter((line) => line.includes(PROFILE))).toHaveLength(2); // expired and expiring_soon name it in full
    if (minutes === '99') expect(tooWide(lines)).toEqual([]);
    // Four-digit minutes (a warning threshold over 99) only reach expiring_soon's line.
    else expect(tooWide(lines).every((line) => line.includes('expires in 9999m'))).toBe(true);
  });

  test('a refusal (state line, then the way through) fits 80 columns for every default guarded command', () => {
    const partial = driver(shell).setExported('AWS_ACCESS_KEY_ID', 'ASIAWIDTH00000000001');
    const lines = inHook(shell, [partial, ...DEFAULT_GUARD_COMMANDS.map((command) => `${command} deploy`)].join('\n'));
    expect(lines).toHaveLength(2 * DEFAULT_GUARD_COMMANDS.length);
    for (const command of DEFAULT_GUARD_COMMANDS) expect(lines).toContain(`awscreds: ${command} not started; to run it anyway: command ${command} ...`);
    expect(tooWide(lines)).toEqual([]);
  });

  test('the not-exported line names two variables within 80 columns', () => {
    const sh = driver(shell);
    const assign = [sh.setExported('AWS_ACCESS_KEY_ID', 'ASIAWIDTH00000000001'), sh.setUnexported('AWS_SECRET_ACCESS_KEY', 's'), sh.setUnexported('AWS_SESSION_TOKEN', 't')].join('; ');
    const lines = inHook(shell, `${assign}\naws s3 ls`);
    expect(lines).toContain('awscreds: not exported; run: export AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN');
    expect(tooWide(lines)).toEqual([]);
  });
});

test('positive control: the long text (what `check` prints) does not fit, so the measure can fail', () => {
  const long = SAID.map((id) => `awscreds: ${fillStatePlaceholders(renderStateMessage(CREDENTIAL_STATES[id], shellByName('bash'), PROFILE), { minutes: 5 })}`);
  expect(tooWide(long)).toHaveLength(SAID.length);
});

test('`awscreds check` still explains every said state in full: what is set, why, and the fix', () => {
  const now = 1_800_000_000;
  const covered = new Set<string>();
  for (const row of stateRows(now)) {
    const diagnosis = diagnoseEnvironment(row.env, now);
    if (!SAID.includes(diagnosis.state)) continue;
    covered.add(diagnosis.state);
    const state = CREDENTIAL_STATES[diagnosis.state];
    const report = renderCheckReport(row.env, diagnosis, shellByName('bash'));
    const fix = renderFixText(state.fix, shellByName('bash'), { profile: diagnosis.profile, backticks: true });
    for (const part of [state.problem, state.why, fix]) expect([row.label, report.includes(fillStatePlaceholders(part, diagnosis))]).toEqual([row.label, true]);
  }
  expect([...covered].sort()).toEqual([...SAID].sort());
});
