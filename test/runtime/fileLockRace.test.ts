import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { deadPid } from '../resilience/resilienceSetup';

// Breaking a dead lock is atomic: waiters that all find the same dead lock at once must not
// break it twice (the second removing the lock the first has just taken). Real processes race
// on src/runtime/fileLock.ts (lockRaceWorker.ts), each holder leaving a dead lock behind, and the
// log of the critical section must show one holder at a time.

const WORKERS = 6;
const ROUNDS = 40;

let dir: string;
let worker: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'awscreds-lockrace-'));
  worker = join(dir, 'worker.cjs');
  await build({ entryPoints: [join(__dirname, 'lockRaceWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: worker, logLevel: 'silent' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the workers together (they start on one signal) and returns the critical section's log. */
async function race(name: string, mode: 'locked' | 'bypass'): Promise<string[]> {
  const lock = join(dir, `${name}.json.lock`);
  const log = join(dir, `${name}.log`);
  const go = join(dir, `${name}.go`);
  const dead = await deadPid();
  writeFileSync(lock, JSON.stringify({ pid: dead, started: Date.now(), nonce: 'planted' }), { mode: 0o600 });
  writeFileSync(log, '');
  const exits = Array.from({ length: WORKERS }, () => {
    const child = spawn(process.execPath, [worker, lock, log, go, String(ROUNDS), String(dead), mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    // A real timeout: a worker stuck waiting is killed, and fails the test below.
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const exit = new Promise<{ status: number | null; stderr: string }>((resolve) =>
      child.on('close', (status) => {
        clearTimeout(guard);
        resolve({ status, stderr });
      }),
    );
    return { ready, exit };
  });
  await Promise.all(exits.map((e) => e.ready));
  writeFileSync(go, '');
  for (const { status, stderr } of await Promise.all(exits.map((e) => e.exit))) expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

/** Where the log shows two processes inside at once: each "enter" must be followed by its own "leave". */
function overlaps(lines: string[]): string[] {
  const found: string[] = [];
  let inside: string | undefined;
  lines.forEach((line, i) => {
    const [event, pid] = line.split(' ');
    if (event === 'enter') {
      if (inside !== undefined) found.push(`line ${i + 1}: ${pid} entered while ${inside} was inside`);
      inside = pid;
    } else {
      if (inside !== pid) found.push(`line ${i + 1}: ${pid} left while ${inside ?? 'nobody'} was inside`);
      inside = undefined;
    }
  });
  return found;
}

it(`${WORKERS} processes breaking the same dead lock ${ROUNDS} times each: one holder at a time`, async () => {
  const lines = await race('locked', 'locked');
  expect(lines).toHaveLength(2 * WORKERS * ROUNDS);
  expect(overlaps(lines)).toEqual([]);
  // Every break lock was let go.
  expect(readdirSync(dir).filter((n) => n.endsWith('.break'))).toEqual([]);
}, 120_000);

it('positive control: without the lock, the same check finds processes inside together', async () => {
  const lines = await race('bypass', 'bypass');
  expect(lines).toHaveLength(2 * WORKERS * ROUNDS);
  expect(overlaps(lines).length).toBeGreaterThan(0);
}, 120_000);
