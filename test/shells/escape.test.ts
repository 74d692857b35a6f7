import { driver } from '../helpers/shellDriver';
import { SHELL_NAMES, type ShellName } from '../../src/shells/Shell';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

import { shellByName } from '../../src/shells/registry';
import { runShellScript } from '../helpers/runShellScript';

// Pieces that break naive quoting: each either runs a command or changes the value if the
// escaper is wrong. `touch PWNED` leaves evidence if anything ran.
const hostile = fc.constantFrom(
  "'", '"', '\\', '\\\\', "\\'", '$HOME', '${HOME}', '$(touch PWNED)', '`touch PWNED`', "'; touch PWNED; '",
  '"; touch PWNED; "', '\n', '\r\n', '\t', ' ', '!', '!!', '*', '?', '[a]', '~', '#', ';', '&', '|', '>', '{', '}',
  '(', ')', 'é', 'space dir', '日本', '😀', '\u007f', '\u001b[31m', '%', '\\x41', '\\n', '$\'x\'', 'end\\',
);
const value = fc
  .array(fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 8 })
  .map((parts) => parts.join('').replace(/\0/g, '')); // environment values cannot hold NUL

// What each escaper writes for values whose quoting differs between the shells.
const SPELLED: Readonly<Record<ShellName, ReadonlyArray<readonly [string, string]>>> = {
  bash: [["it's\\", "'it'\\''s\\'"], ["''x'", "\\'\\''x'\\'"]], // no '' for zsh's RC_QUOTES
  zsh: [["it's\\", "'it'\\''s\\'"], ["''x'", "\\'\\''x'\\'"]],
  fish: [["it's\\", "'it\\'s\\\\'"]],
  nu: [["it's\\", '"it\'s\\\\"'], ['true', '"true"'], ['1.5', '"1.5"'], ['-x', '"-x"']],
};

describe.each(SHELL_NAMES)('%s escaper', (shellName) => {
  const shell = shellByName(shellName);

  it('reads back every value byte for byte and runs nothing', () => {
    const values = fc.sample(value, { numRuns: 300, seed: 42 }).concat(['', '-n', '-e', 'a=b', '--', 'end with backslash\\']);
    const dir = mkdtempSync(join(tmpdir(), 'awscreds-escape-'));
    try {
      const script = values
        .map((v, i) => {
          return `${driver(shellName).setUnexported('v', v)}\n${driver(shellName).writeVariable('v', `out${i}`)}`;
        })
        .join('\n');
      const result = runShellScript(shellName, script, {}, dir);
      expect(result.stderr).toBe('');
      values.forEach((v, i) => {
        expect(readFileSync(join(dir, `out${i}`))).toEqual(Buffer.from(v, 'utf8'));
      });
      expect(readdirSync(dir)).not.toContain('PWNED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes one line of printable ASCII', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(shell.escape(v)).toMatch(/^[\x20-\x7e]*$/);
      }),
      { numRuns: 500 },
    );
  });

  it('passes safe values through bare and quotes the rest', () => {
    expect(shell.escape('dev-profile_1.0/x@y')).toBe('dev-profile_1.0/x@y');
    expect(shell.escape('')).toMatch(/^(''|"")$/);
    expect(shell.escape('a+b=')).not.toBe('a+b=');
    for (const [raw, spelled] of SPELLED[shellName]) expect(shell.escape(raw)).toBe(spelled);
  });
});

describe('the bash and zsh quoting', () => {
  const values = fc.sample(value, { numRuns: 300, seed: 7 }).concat(["''", "'", "a''b", "'x'", "\\'"]);
  const readBack = (shellName: 'zsh' | 'sh', prelude: string, expectExact: (v: string) => boolean): void => {
    const escape = shellByName('bash').escape;
    const dir = mkdtempSync(join(tmpdir(), 'awscreds-escape-'));
    try {
      const script = `${prelude}\n${values.map((v, i) => `v=${escape(v)}\nprintf '%s' "$v" > out${i}`).join('\n')}`;
      const result = runShellScript(shellName, script, {}, dir);
      expect(result.stderr).toBe('');
      values.forEach((v, i) => {
        if (expectExact(v)) expect(readFileSync(join(dir, `out${i}`))).toEqual(Buffer.from(v, 'utf8'));
      });
      expect(readdirSync(dir)).not.toContain('PWNED');
      expect(readdirSync(dir)).toContain(`out${values.length - 1}`); // the script ran to its end
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads back byte for byte in zsh with RC_QUOTES on', () => readBack('zsh', 'setopt rcquotes', () => true));

  it('is inert in POSIX sh (dash), which has no $\'…\': no code runs, and printable values read back exactly', () =>
    readBack('sh', ':', (v) => /^[\x20-\x7e]*$/.test(v)));
});
