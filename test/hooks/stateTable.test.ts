import { driver } from '../helpers/shellDriver';
import { rmSync } from 'node:fs';
import { classifyCredentials } from '../../src/states/classifyCredentials';
import type { CredentialDiagnosis } from '../../src/states/CredentialDiagnosis';
import { CREDENTIAL_STATE_IDS, CREDENTIAL_STATES } from '../../src/states/credentialStates';
import type { ShellName } from '../../src/shells/Shell';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, parseProbe, prepareHome, probeLine, setVariablesLine } from './hookTestSetup';
import { startInteractiveShell } from './interactiveShell';
import { shellsUnderTest } from './shellsUnderTest';
import { stateRows, type StateRow } from './stateRows';

// The proof that the one table is followed everywhere: for every row, the state the shell
// hook computes at a real prompt == classifyCredentials == what `awscreds check` reports in
// that shell, in bash, zsh and fish; and the guard refuses exactly the `bad` rows.
let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));

const now = Math.floor(Date.now() / 1000);
const rows = stateRows(now);
// Each row's times are made when the row runs, so they stay half a minute from a minute
// boundary however long the rows before it took.
const freshRow = (label: string): StateRow => {
  const row = stateRows(Math.floor(Date.now() / 1000)).find((candidate) => candidate.label === label);
  if (row === undefined) throw new Error(`no row ${label}`);
  return row;
};

test('the rows cover every state of the table', () => {
  expect(new Set(rows.map((row) => row.expected))).toEqual(new Set(CREDENTIAL_STATE_IDS));
  for (const row of rows) expect([row.label, classifyCredentials(row.env, now).state]).toEqual([row.label, row.expected]);
});

function expectedPrompt(diagnosis: CredentialDiagnosis): string {
  const state = CREDENTIAL_STATES[diagnosis.state];
  const profile = diagnosis.profile || 'env';
  if (state.level === 'none') return '';
  if (state.level === 'bad') return diagnosis.state === 'expired' ? `aws:${profile} EXPIRED` : `!AWS:${diagnosis.state}!`;
  if (diagnosis.state === 'expiry_unknown' || diagnosis.state === 'expiration_unreadable') return `aws:${profile} ?m`;
  return `aws:${profile}${diagnosis.minutes === undefined ? '' : ` ${diagnosis.minutes}m`}`;
}

const commandStatus = (shell: ShellName): string => driver(shell).status;

// In parts of a dozen rows, one shell each, so that a part stays well inside the test timeout.
const PART_SIZE = 12;
const parts = Array.from({ length: Math.ceil(rows.length / PART_SIZE) }, (_, index) => {
  const part = rows.slice(index * PART_SIZE, (index + 1) * PART_SIZE);
  return [`${part[0]?.label ?? ''} … ${part.at(-1)?.label ?? ''}`, part] as const;
});

describe.each(shellsUnderTest(SHELLS))('%s', (_label, shell, binary) => {
  test.each(parts)('warn mode: hook == classifyCredentials == awscreds check, row by row: %s', async (_name, part) => {
    const { home, env } = prepareHome(shell, built);
    const sh = await startInteractiveShell({ shell, binary, home, env: { ...env, AWSCREDS_HOOK_MODE: 'warn' } });
    try {
      let previous = 'none';
      for (const { label } of part) {
        const row = freshRow(label);
        const expected = classifyCredentials(row.env, Math.floor(Date.now() / 1000));
        const set = await sh.run(setVariablesLine(shell, row.env));
        const probe = parseProbe((await sh.run(probeLine(row.label))).stdout, row.label);
        expect({ row: row.label, state: probe.state, minutes: probe.minutes, prompt: probe.prompt }).toEqual({
          row: row.label,
          state: expected.state,
          minutes: expected.minutes === undefined ? '' : String(expected.minutes),
          prompt: expectedPrompt(expected),
        });
        const level = CREDENTIAL_STATES[expected.state].level;
        // One line when the state changes to a bad or warn one, none while it stays.
        const changed = expected.state !== previous;
        previous = expected.state;
        expect({ row: row.label, messages: sh.messages(set).length }).toEqual({ row: row.label, messages: changed && (level === 'bad' || level === 'warn') ? 1 : 0 });
        const check = await sh.run(`awscreds check --json; echo "check-status=${commandStatus(shell)}"`);
        const report = JSON.parse(/^\{.*\}$/m.exec(check.stdout)?.[0] ?? 'null') as { state: string; minutes: number | null; expirySource: string | null } | null;
        expect({ row: row.label, check: report?.state, minutes: report?.minutes, source: report?.expirySource }).toEqual({
          row: row.label,
          check: expected.state,
          minutes: expected.minutes ?? null,
          source: expected.expirySource ?? null,
        });
        expect(check.stdout).toContain(`check-status=${CREDENTIAL_STATES[expected.state].usable ? 0 : 8}`);
      }
    } finally {
      await sh.close();
    }
  });

  test.each(parts)('strict mode: same states, and the guard refuses exactly the bad rows: %s', async (_name, part) => {
    const { home, env } = prepareHome(shell, built);
    const sh = await startInteractiveShell({ shell, binary, home, env });
    try {
      for (const { label } of part) {
        const row = freshRow(label);
        const expected = classifyCredentials(row.env, Math.floor(Date.now() / 1000));
        await sh.run(setVariablesLine(shell, row.env));
        const probe = parseProbe((await sh.run(probeLine(row.label))).stdout, row.label);
        expect({ row: row.label, state: probe.state }).toEqual({ row: row.label, state: expected.state });
        const guarded = await sh.run('aws sts get-caller-identity');
        const refused = CREDENTIAL_STATES[expected.state].level === 'bad';
        expect({ row: row.label, ran: guarded.stdout.includes('aws saw:') }).toEqual({ row: row.label, ran: !refused });
        if (refused) expect(sh.messages(guarded)).toEqual([expect.any(String), 'awscreds: aws not started; to run it anyway: command aws ...']);
      }
    } finally {
      await sh.close();
    }
  });
});
