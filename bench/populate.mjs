// `awscreds populate` at scale: an emulator (a process of its own) with 1,000 accounts of 3
// roles each; wall time and peak RSS of a first populate (3,000 profiles written), of a rerun
// (nothing new: the file is left as it is), and of `awscreds list --json` (the same listing
// calls, nothing written) as the baseline, interleaved.
//   BENCH_POPULATE_ACCOUNTS=N (default 1000)   BENCH_POPULATE_RUNS=N (default 5)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const awscreds = join(root, 'dist', 'awscreds.cjs');
const accounts = Number(process.env.BENCH_POPULATE_ACCOUNTS ?? 1000);
const runs = Number(process.env.BENCH_POPULATE_RUNS ?? 5);

const server = spawn(process.execPath, [join(root, 'dist', 'emulator.cjs'), '--accounts', String(accounts)], { stdio: ['pipe', 'pipe', 'inherit'] });
const first = await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve));
const { home, env: seededEnv } = JSON.parse(first);
const env = { PATH: process.env.PATH, ...seededEnv };
const timed = existsSync('/usr/bin/time');

/** Wall ms and peak RSS (MiB, GNU time's %M) of one run. */
function once(args, before) {
  before?.();
  const argv = timed ? ['/usr/bin/time', '-f', 'maxrss=%M', process.execPath, awscreds, ...args] : [process.execPath, awscreds, ...args];
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`awscreds ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, rss: timed ? Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]) / 1024 : NaN, stdout: r.stdout };
}

const config = join(home, '.aws', 'config');
const fresh = () => rmSync(config, { force: true }); // a HOME with no config: --start-url writes it
const fromNothing = ['populate', '--start-url', 'https://d-1234567890.awsapps.com/start', '--sso-region', 'us-east-1', '--sso-session', 'corp'];
const commands = [
  { name: 'awscreds list --json (baseline: same calls)', args: ['list', '--json', '--sso-session', 'corp'] },
  { name: 'awscreds populate (from no config)', args: fromNothing, before: fresh },
  { name: 'awscreds populate (rerun: nothing new)', args: ['populate'] },
];
const samples = commands.map(() => []);
let written = '';
for (let i = 0; i < runs; i++) {
  commands.forEach((c, k) => {
    const s = once(c.args, c.before);
    samples[k].push(s);
    if (k > 0) written = s.stdout.trim();
  });
}
server.stdin.end();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\npopulate: ${accounts} accounts x 3 roles (${runs} runs each, interleaved; medians)`);
const rows = commands.map((c, k) => ({ name: c.name, ms: +median(samples[k].map((s) => s.ms)).toFixed(0), rssMiB: +median(samples[k].map((s) => s.rss)).toFixed(1) }));
for (const r of rows) console.log(`  ${r.name.padEnd(48)} ${String(r.ms).padStart(7)} ms ${String(r.rssMiB).padStart(7)} MiB  ${(r.ms / rows[0].ms).toFixed(2)}x`);
console.log(`  last report: ${written}`);
console.log(JSON.stringify({ bench: 'populate', accounts, roles: 3, runs, rows }));

// The picker's first frame with a 10,000-profile config: `export --pick` on a pseudo-terminal
// (test/helpers/ptyRun.py), AWSCREDS_PICK_REPORT=1 logs when the frame was drawn (ms since the
// process began, Node's start included); Esc then closes it.
const { seedWarmHome } = await import('./seedWarmHome.mjs');
const picker = seedWarmHome({ profiles: 10_000 });
await new Promise((resolve) => setTimeout(resolve, 2_100)); // settled: the picker's list is remembered (the first run stores it)
const frames = [];
const floors = []; // the same clock at the first statement of `node -e`: Node's own start
for (let i = 0; i < Math.max(runs, 10) + 1; i++) {
  const floor = spawnSync(process.execPath, ['-e', 'console.log(performance.now())'], { encoding: 'utf8' });
  if (i > 0) floors.push(Number(floor.stdout));
  const r = spawnSync('python3', [join(root, 'test', 'helpers', 'ptyRun.py'), '--stderr-to-pty', '--json', '--type', 'profile>', '\u001b', '--', process.execPath, awscreds, 'export', '--pick'], {
    env: { ...picker.env, AWSCREDS_PICK_REPORT: '1' },
    encoding: 'utf8',
  });
  const { terminal, status } = JSON.parse(r.stdout);
  const at = /first frame at ([\d.]+) ms \((\d+) profiles\)/.exec(terminal);
  if (status !== 11 || !at) throw new Error(`the picker bench run failed (${status}): ${terminal}`);
  if (i > 0) frames.push(Number(at[1])); // the first run writes the code cache and remembers the list
}
rmSync(picker.home, { recursive: true, force: true });
const frame = median(frames);
const floor = median(floors);
console.log(`\npicker: first frame with 10,000 profiles (${frames.length} runs; ms since the process began)`);
console.log(`  min ${Math.min(...frames).toFixed(1)}  median ${frame.toFixed(1)}  max ${Math.max(...frames).toFixed(1)}`);
console.log(`  node -e's first statement (floor), median ${floor.toFixed(1)}; the picker's own part ${(frame - floor).toFixed(1)} ms`);
console.log(`  target: first frame within 100 ms: ${frame <= 100 ? 'met' : 'NOT met'} (${frame.toFixed(1)} ms)`);
console.log(JSON.stringify({ bench: 'picker first frame', profiles: 10_000, runs: frames.length, medianMs: +frame.toFixed(1), nodeFloorMs: +floor.toFixed(1) }));
