import fc from 'fast-check';
import { indexIni } from '../../src/config/iniIndex';
import { parseIni } from '../../src/config/parseIni';

// indexIni (sections built on demand) must accept, refuse and read every file exactly as
// parseIni does: random files made of the lines that matter, compared section by section.

const outcome = (f: () => Record<string, unknown>): unknown => {
  try {
    return { ok: f() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const viaIndex = (text: string): Record<string, unknown> => {
  const index = indexIni(text, '/c');
  return Object.fromEntries(index.names.map((name) => [name, { ...index.section(name) }]));
};
const viaParse = (text: string): Record<string, unknown> => Object.fromEntries(Object.entries(parseIni(text, '/c')).map(([k, v]) => [k, { ...v }]));

const line = fc.oneof(
  fc.constantFrom('[default]', '[profile a]', '[profile b]', '[sso-session s]', '[]', '[x] # c', '[x] y', '[profile a', ''),
  fc.constantFrom('region = us-east-1', 'Region=eu', 'output: json', 'a = b = c', 'x/y = 1', '= v', 'novalue', 's3 =', '  max = 1', '\tk = v', '# c', '; c', '   ', 'k = v # not a comment', 'key=', ' region = x'),
  fc.string({ unit: fc.constantFrom('a', 'B', ' ', '=', ':', '[', ']', '#', '\t', '/', '+', '\r', 'é'), maxLength: 8 }),
);

it('agrees with parseIni on random files', () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      const text = lines.join(eol);
      expect(outcome(() => viaIndex(text))).toEqual(outcome(() => viaParse(text)));
    }),
    { numRuns: 3000 },
  );
});

it('builds only the sections asked for, and the same ones parseIni builds', () => {
  const text = Array.from({ length: 1000 }, (_, i) => `[profile p${i}]\nsso_account_id = ${String(i).padStart(12, '0')}\nRegion = us-east-1\n`).join('\n');
  const index = indexIni(text, '/c');
  expect(index.names).toHaveLength(1000);
  expect(index.section('profile p500')).toEqual(parseIni(text, '/c')['profile p500']);
  expect(index.section('profile nope')).toBeUndefined();
});

it.each([
  ['a repeated key in a long section, spelt in another case', [...Array.from({ length: 20 }, (_, i) => `key${i} = v`), 'KEY3 = w']],
  ['a repeated key past the 16th', [...Array.from({ length: 20 }, (_, i) => `key${i} = v`), 'key19 = w']],
  ['keys that differ only where case folding does not apply (@ and `)', ['a@ = 1', 'a` = 2']],
  ['no repeat in a long section', Array.from({ length: 40 }, (_, i) => `Key${i} = v`)],
])('agrees with parseIni on %s', (_label, lines) => {
  const text = ['[profile a]', ...lines, '[profile b]', 'x = 1'].join('\n');
  expect(outcome(() => viaIndex(text))).toEqual(outcome(() => viaParse(text)));
});
