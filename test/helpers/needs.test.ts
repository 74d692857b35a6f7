import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inCi, missingOf, NEEDS } from './needs';

// The one helper every conditional test goes through (test/helpers/needs.ts): a group whose
// tool is missing fails under CI and is skipped, with one line naming the tool, elsewhere.
// Shown on a made-up missing tool in a jest run of its own, beside a tool that is there
// (the positive control: the same group runs).

const ROOT = join(__dirname, '..', '..');

function runFixture(ci: string | undefined): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'awscreds-needs-'));
  try {
    writeFileSync(
      join(dir, 'fixture.test.ts'),
      `import { needing } from ${JSON.stringify(join(__dirname, 'needs'))};
const gone = needing('made-up group', { what: 'a made-up tool (apt-get install nothing)', present: () => false });
const there = needing('present group', { what: 'node', present: () => true });
gone.describe('uses the made-up tool', () => { test('runs', () => undefined); });
gone.test('uses it again', () => undefined);
there.describe('uses node', () => { test('runs', () => { process.stderr.write('PRESENT-RAN\\n'); }); });
`,
    );
    const config = { rootDir: dir, testMatch: ['**/fixture.test.ts'], testEnvironment: 'node', transform: { '^.+\\.ts$': [require.resolve('ts-jest'), { tsconfig: join(ROOT, 'tsconfig.json'), diagnostics: false }] } };
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.CI;
    if (ci !== undefined) env.CI = ci;
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', JSON.stringify(config), '--no-cache'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    return { status: run.status, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('locally, a group whose tool is missing is skipped with one line naming the tool; the other group runs', () => {
  const run = runFixture(undefined);
  expect(run.status).toBe(0);
  expect(run.stderr.match(/^skipped: .*$/gm)).toEqual(['skipped: made-up group: needs a made-up tool (apt-get install nothing)']);
  expect(run.stderr).toContain('PRESENT-RAN');
  expect(run.stderr).toMatch(/Tests: +2 skipped, 1 passed, 3 total/);
}, 150_000);

test('under CI=true, the same group fails, naming the tool', () => {
  const run = runFixture('true');
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain('made-up group needs a made-up tool (apt-get install nothing), which is missing');
  expect(run.stderr).toMatch(/Tests: +2 failed, 1 passed, 3 total/);
  expect(run.stderr).not.toMatch(/^skipped:/m);
}, 150_000);

test('CI is read as CI services set it; a need is judged on this machine', () => {
  expect([undefined, '', '0', 'false', 'FALSE', 'true', '1', 'yes'].map((value) => inCi(value === undefined ? {} : { CI: value }))).toEqual([false, false, false, false, false, true, true, true]);
  expect(missingOf([NEEDS.root, { what: 'x', present: () => false }])).toEqual(process.getuid?.() === 0 ? ['x'] : [NEEDS.root.what, 'x']);
  expect([NEEDS.shell('sh').present(), NEEDS.shell('no-such-shell-awscreds').present()]).toEqual([true, false]);
});
