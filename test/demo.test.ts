import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onPty } from './helpers/ptyRun';
import { clean } from './helpers/ptyShell';

// `npm run demo` (README: "npm ci && npm run demo") read as a newcomer reads it: in order, no
// noise, plain when piped, nothing left behind, and a next step at the end. It needs the
// build (dist/awscreds.cjs and dist/emulator.cjs), as `npm run demo` makes it.
const repo = resolve(__dirname, '..');

function runDemo(onTerminal: boolean): { output: string; status: number | null; leftBehind: string[] } {
  const tmp = mkdtempSync(join(tmpdir(), 'awscreds-demo-test-'));
  const demo = [process.execPath, 'scripts/demo.mjs'];
  const command = onTerminal ? onPty(demo, { columns: 80, rows: 24, stderrToPty: true }) : demo;
  const result = spawnSync(command[0] as string, command.slice(1), {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TMPDIR: tmp, LANG: 'C.UTF-8', TERM: 'xterm' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 240_000,
  });
  const leftBehind = readdirSync(tmp);
  rmSync(tmp, { recursive: true, force: true });
  return { output: result.stdout + result.stderr, status: result.status, leftBehind };
}

describe('npm run demo', () => {
  const piped = runDemo(false);
  const terminal = runDemo(true);

  it('succeeds, leaves nothing in TMPDIR and ends with what to do next', () => {
    for (const run of [piped, terminal]) {
      expect(run.status).toBe(0);
      expect(run.leftBehind).toEqual([]);
      expect(run.output.trimEnd()).toMatch(/Next, with your own AWS config:[^]*awscreds export --profile YOUR_PROFILE \| source[^]*README[^\n]*$/);
    }
  });

  it('shows each message before the status line that reports it', () => {
    const refusal = piped.output.indexOf('awscreds: aws not started');
    const status = piped.output.indexOf('aws exit status: 1');
    expect(refusal).toBeGreaterThan(-1);
    expect(status).toBeGreaterThan(refusal);
    const notFound = piped.output.indexOf('awscreds: profile "nosuch" not found');
    expect(piped.output.lastIndexOf('eval failed; environment untouched')).toBeGreaterThan(notFound); // the echo, not the title
    expect(notFound).toBeGreaterThan(-1);
  });

  it('applies the whole set in nu too, with the line the README gives', () => {
    expect(piped.output).toMatch(/# nu\n  AWS_ACCESS_KEY_ID = ASIA\w+\n  AWS_SECRET_ACCESS_KEY = <40 characters>\n  AWS_SESSION_TOKEN = <\d+ characters>\n/);
  });

  it('does not end every step with "(exit status 0)"', () => {
    expect(piped.output).not.toMatch(/exit status 0\)/);
    expect(piped.output).toContain('check exit status: 8'); // a status that says something stays
  });

  it('is plain text when piped, bold only on a terminal', () => {
    expect(piped.output).not.toContain('\x1b');
    expect(terminal.output).toContain('\x1b[1m$ awscreds check');
    expect(clean(terminal.output)).toContain('demo: all steps behaved as expected.');
  });
});
