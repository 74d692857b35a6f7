import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellByName } from '../../src/shells/registry';
import type { EnvChanges } from '../../src/shells/Shell';
import { runShellScript } from '../helpers/runShellScript';
import { NU, driver } from '../helpers/shellDriver';

// nu's export: what `awscreds export --shell nu` prints, applied by its documented load line
// (`… | lines | last | from json | load-env`) in the real nu of the devDependency `nushell`.
const nu = shellByName('nu');
const LOAD = 'lines | last | from json | load-env';
const HOSTILE = ['$(touch PWNED)', '`touch PWNED`', '"; touch PWNED; "', "'", '\\', 'a\nb\r\tc', 'é€😀', '\u001b]0;x\u0007', '{a,b}', '(touch PWNED)', 'null', '', ' lead'];
const NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWSCREDS_PROFILE'];

function runNu(script: string, env: Record<string, string>, cwd?: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(NU, ['--no-config-file', '-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd ?? '/nonexistent', ...env }, cwd, timeout: 60_000, killSignal: 'SIGKILL' });
  return { stdout: result.stdout ?? '', stderr: result.stderr ?? '', status: result.status };
}

// Each variable as a command sees it: set (its value) or absent.
const DUMP = `$env | transpose name value | where name in [${NAMES.join(' ')}] | where value != null | sort-by name | to json -r`;

describe('nu export block', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'awscreds-nu-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test.each(HOSTILE)('value %j is read back byte for byte, running nothing', (value) => {
    const block = nu.renderChanges({ unset: ['AWS_SECURITY_TOKEN'], set: [['AWS_SESSION_TOKEN', value], ['AWS_ACCESS_KEY_ID', 'ASIAX']] });
    const run = runNu(`$env.AWS_SECURITY_TOKEN = "stale"; $env.BLOCK | ${LOAD}; $env.AWS_SESSION_TOKEN | to json -r; print ($env.AWS_SESSION_TOKEN | to json -r); print (^env | lines | where {|l| $l starts-with AWS_SECURITY_TOKEN=} | length)`, { BLOCK: block }, dir);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([JSON.stringify(value), '0']);
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    expect(block).toMatch(/^[\x20-\x7e\n]*$/); // one ASCII line after the guard
  });

  test('cut short at any byte, the block applies nothing; whole, it applies the set and clears the stale', () => {
    const changes: EnvChanges = { unset: ['AWS_SECURITY_TOKEN', 'AWSCREDS_PROFILE'], set: [['AWS_ACCESS_KEY_ID', 'ASIANEW'], ['AWS_SECRET_ACCESS_KEY', 'new secret $(x)'], ['AWS_SESSION_TOKEN', 'tok"en']] };
    const block = nu.renderChanges(changes);
    const stale = `$env.AWS_ACCESS_KEY_ID = "ASIAOLD"; $env.AWS_SECRET_ACCESS_KEY = "old"; $env.AWS_SECURITY_TOKEN = "old"; $env.AWSCREDS_PROFILE = "old"`;
    const script = `${stale}; let block = $env.BLOCK; 0..($block | str length) | each {|i| do { try { $block | str substring 0..<$i | ${LOAD} } catch { null }; ${DUMP} } } | str join "\\n" | print`;
    const run = runNu(script, { BLOCK: block }, dir);
    const results = run.stdout.split('\n').filter((line) => line !== '');
    expect(results).toHaveLength(block.length + 1);
    const before = results[0];
    const after = results[results.length - 1];
    expect(JSON.parse(after ?? '[]')).toEqual([
      { name: 'AWS_ACCESS_KEY_ID', value: 'ASIANEW' },
      { name: 'AWS_SECRET_ACCESS_KEY', value: 'new secret $(x)' },
      { name: 'AWS_SESSION_TOKEN', value: 'tok"en' },
    ]);
    expect(before).not.toBe(after); // positive control: the whole block does change something
    // Only a cut that keeps the whole record (the final newline may be missing) applies it.
    results.forEach((result, cut) => expect([cut, result]).toEqual([cut, cut >= block.length - 1 ? after : before]));
  });

  test.each(['bash', 'zsh', 'fish', 'sh'] as const)('a nu block loaded by %s runs nothing, sets nothing and shows no value', (shell) => {
    const block = nu.renderChanges({ unset: ['AWS_SECURITY_TOKEN'], set: [['AWS_ACCESS_KEY_ID', 'ASIAX'], ['AWS_SECRET_ACCESS_KEY', 'SECRETVALUE$(touch PWNED)']] });
    const load = driver(shell === 'sh' ? 'bash' : shell).loadVariable('BLOCK'); // sh reads bash's line
    const run = runShellScript(shell, `AWS_SECURITY_TOKEN=kept\n${load}\necho "key=[$AWS_ACCESS_KEY_ID] security=[$AWS_SECURITY_TOKEN]"`, { BLOCK: block }, dir);
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    expect(`${run.stdout}${run.stderr}`).not.toContain('SECRETVALUE');
    if (run.stdout !== '') expect(run.stdout).toContain('key=[] security=[kept]');
  });

  test.each(['bash', 'zsh', 'fish'] as const)('a %s block read by nu\'s load line applies nothing', (other) => {
    const block = shellByName(other).renderChanges({ unset: [], set: [['AWS_ACCESS_KEY_ID', 'ASIAX']] });
    const run = runNu(`try { $env.BLOCK | ${LOAD} } catch { print caught }; print ($env | get -o AWS_ACCESS_KEY_ID | default unset)`, { BLOCK: block });
    expect(run.stdout).toBe('caught\nunset\n');
  });

  test('what a failed export prints applies nothing in nu and fails in the other shells', () => {
    const nuRun = runNu(`try { $env.OUT | ${LOAD} } catch { print caught }; print ($env | get -o AWS_ACCESS_KEY_ID | default unset)`, { OUT: nu.failureOutput });
    expect(nuRun.stdout).toBe('caught\nunset\n');
    expect(runShellScript('bash', 'eval "$OUT" && echo applied', { OUT: nu.failureOutput }).stdout).toBe('');
  });
});
