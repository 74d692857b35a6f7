import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCredentialExpiration } from '../../src/states/parseCredentialExpiration';
import { driver } from '../helpers/shellDriver';
import { SHELLS, writeHookScript } from './hookTestSetup';
import { isoExpiration } from './stateRows';

// AWS_CREDENTIAL_EXPIRATION read four times: parseCredentialExpiration.ts and each hook's
// builtin parser must give the same epoch seconds, or refuse the same values.
const work = mkdtempSync(join(tmpdir(), 'awscreds-iso-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each value through the hook's own parser (its files sourced alone), one result line per value. */
function parseInShell(shell: (typeof SHELLS)[number], values: readonly string[]): string[] {
  const file = writeHookScript(shell, join(work, `hook.${shell}`), false);
  const sh = driver(shell);
  const script = `${sh.sourceFile(file)}; ${sh.forEachArgument('v', sh.hookParseIso('"$v"'))}`;
  const [command, ...args] = sh.scriptWithArgumentsArgv(script, values);
  const result = spawnSync(command as string, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').slice(0, -1);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
// Well-formed and nearly well-formed times: every field from in range to just out of it.
const nearlyIso = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.constantFrom('', '.5', '.123', '.123456', '.999999999', '.1234567890', '.'),
    separator: fc.constantFrom('T', 'T', 'T', 'T', 'T', 'T', ' ', 't'),
    zone: fc.constantFrom('Z', 'Z', '+00:00', '+00:00', '-00:00', '+05:30', '-05:00', '+0530', '-1200', '+14:00', '+24:00', '+01:60', '', 'z', '+1', 'UTC'),
  })
  .map((p) => `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}${p.separator}${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.fraction}${p.zone}`);

describe.each(SHELLS)('%s hook', (shell) => {
  test('parses AWS_CREDENTIAL_EXPIRATION exactly as parseCredentialExpiration does', () => {
    const now = 1_800_000_000;
    const edges = [
      isoExpiration(now), isoExpiration(now, { zone: 'colon' }), isoExpiration(now, { zone: 'colon', fraction: '.123456' }),
      isoExpiration(now, { offsetMinutes: -300, zone: 'colon' }), isoExpiration(now, { offsetMinutes: 330, zone: 'compact' }),
      '0000-01-01T00:00:00Z', '0000-02-29T23:59:59Z', '0000-03-01T00:00:00Z', '1969-12-31T23:59:59Z', '1970-01-01T00:00:00Z',
      '2000-02-29T12:00:00Z', '2100-02-28T12:00:00Z', '2100-03-01T12:00:00Z', '9999-12-31T23:59:59Z', '2024-02-30T00:00:00Z',
      '2026-08-09T08:09:08Z', '2026-09-08T09:08:09.08-09:08',
      'soon', '', ' 2026-11-28T16:00:00Z', '2026-11-28T16:00:00Z ', '2026-11-28T16:00:00Z\n', '2026-11-28T16:00:00Z\nx',
      '2026-11-28T16:00:00+00:00\n', '１２３４-11-28T16:00:00Z', '2026-11-28T16:00:00.Z', '2026-11-28T16:00Z', '+2026-11-28T16:00:00Z',
    ];
    const values = [...edges, ...fc.sample(nearlyIso, { numRuns: 600, seed: 20261202 })];
    const expected = values.map((value) => String(parseCredentialExpiration(value) ?? 'X'));
    const actual = parseInShell(shell, values);
    expect(values.map((value, i) => [value, actual[i]])).toEqual(values.map((value, i) => [value, expected[i]]));
    // Not trivially all refused: most generated values are read, and the edges as intended.
    expect(expected.filter((e) => e !== 'X').length).toBeGreaterThan(100);
    expect(expected.slice(0, 5)).toEqual(Array(5).fill(String(now)));
  });
});

test('parseCredentialExpiration agrees with Date.parse on every form it reads', () => {
  let compared = 0;
  fc.assert(
    fc.property(nearlyIso, (value) => {
      const parsed = parseCredentialExpiration(value);
      if (parsed === undefined) return;
      // Date.parse wants ±HH:MM and rolls no day over; compare only the dates it reads as written.
      const normalized = value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
      const reference = Date.parse(normalized);
      if (Number.isNaN(reference) || new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10)))).getUTCDate() !== Number(value.slice(8, 10))) return;
      expect(parsed).toBe(Math.floor(reference / 1000));
      compared += 1;
    }),
    { numRuns: 2000, seed: 7 },
  );
  expect(compared).toBeGreaterThan(400);
});
