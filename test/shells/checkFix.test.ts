import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand } from '../../src/cli/commands/checkCommand';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import { runShellScript } from '../helpers/runShellScript';
import { driver } from '../helpers/shellDriver';
import { SHELL_NAMES } from '../../src/shells/Shell';
import { testContext } from '../helpers/testContext';

// `awscreds check` on an expired set exported for AWSCREDS_PROFILE: its fix is
// `awscreds export --profile NAME`, loaded as the user's shell loads code. NAME is anyone's
// text (the environment); pasted into that real shell, the fix must run awscreds with exactly
// that name and nothing else.
const NOW = 1_800_000_000;
const HOSTILE = [
  'dev)"; touch PWNED; : "$(true', // the report's example: it broke out of eval "$(…)"
  '$(touch PWNED)',
  '`touch PWNED`',
  "'; touch PWNED; '",
  'dev; touch PWNED',
  'dev\ntouch PWNED',
  '(touch PWNED)', // fish's command substitution
  '-x; touch PWNED', // a leading dash: --profile=NAME
  "x\\'; touch PWNED; #",
  '\u001b]0;title\u0007$(touch PWNED)',
];

function expiredSet(profile: string): Record<string, string> {
  const key = 'ASIACHECKFIX00000001';
  return { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWSCREDS_KEY_ID: key, AWSCREDS_TOKEN_FP: tokenFingerprint('t'), AWSCREDS_EXPIRES_AT: String(NOW - 600), AWSCREDS_PROFILE: profile };
}

async function printedFix(shell: string, profile: string): Promise<{ report: string; command: string }> {
  const result = await checkCommand.run({ _: [], json: false, shell }, testContext({ env: expiredSet(profile), now: () => new Date(NOW * 1000) }));
  const command = /^fix: run `(.*)` for a fresh set/m.exec(result.stdout)?.[1];
  if (command === undefined) throw new Error(`no fix in:\n${result.stdout}`);
  return { report: result.stdout, command };
}

describe.each(SHELL_NAMES)('the fix `check` prints, pasted into %s', (shell) => {
  const sh = driver(shell);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awscreds-checkfix-'));
    // A stand-in awscreds that records its arguments and prints code that exports LOADED.
    writeFileSync(join(dir, 'awscreds'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done > "$ARGS_FILE"\nprintf '%s' "$FAKE_OUTPUT"\n`);
    chmodSync(join(dir, 'awscreds'), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const paste = (command: string): { args: string[]; stdout: string } => {
    const run = runShellScript(shell, `${command}\n${sh.echoVariable('LOADED')}`, { PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`, ARGS_FILE: join(dir, 'args'), FAKE_OUTPUT: sh.exportCode('LOADED', 'yes') }, dir, 30_000);
    const args = existsSync(join(dir, 'args')) ? readFileSync(join(dir, 'args'), 'utf8').split('\0').slice(0, -1) : [];
    return { args, stdout: run.stdout };
  };

  test('positive control: a plain name runs awscreds export --profile NAME and loads what it prints', async () => {
    const { command } = await printedFix(shell, 'dev');
    const run = paste(command);
    expect(run.args).toEqual(['export', '--profile', 'dev']);
    expect(run.stdout).toContain('LOADED=yes');
  });

  test('positive control: put in the same fix unquoted, some of these names do run the injected command', async () => {
    const { command } = await printedFix(shell, 'dev');
    const injected = HOSTILE.filter((name) => {
      rmSync(join(dir, 'PWNED'), { force: true });
      paste(command.replace('dev', name));
      return existsSync(join(dir, 'PWNED'));
    });
    expect(injected.length).toBeGreaterThan(0);
  });

  test.each(HOSTILE)('%j: awscreds gets exactly that name, nothing else runs, the report stays printable', async (name) => {
    const { report, command } = await printedFix(shell, name);
    expect(report).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/); // eslint-disable-line no-control-regex
    const run = paste(command);
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    expect(run.args).toEqual(name.startsWith('-') ? ['export', `--profile=${name}`] : ['export', '--profile', name]);
    expect(run.stdout).toContain('LOADED=yes');
  });
});
