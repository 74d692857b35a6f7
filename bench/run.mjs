// `npm run bench`: speed targets as ratios, measured in one run against baselines, so a
// noisy machine slows both sides alike. Prints a table and one JSON line per benchmark.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedWarmHome } from './seedWarmHome.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 40);

/** Runs the commands interleaved, `runs` times each, and returns the median wall time of each. */
function measure(commands) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs + 3; i++) {
    commands.forEach((c, k) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(c.argv[0], c.argv.slice(1), { env: c.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) throw new Error(`${c.name} failed (${result.status}): ${result.stderr}`);
      if (i >= 3) samples[k].push(ms); // the first runs warm the page cache
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b)[Math.floor(s.length / 2)]);
}

function report(title, commands, baselineIndex = 0) {
  const medians = measure(commands);
  console.log(`\n${title} (median of ${runs} runs each, interleaved)`);
  const rows = commands.map((c, i) => ({ name: c.name, ms: +medians[i].toFixed(1), ratio: +(medians[i] / medians[baselineIndex]).toFixed(2) }));
  for (const r of rows) console.log(`  ${r.name.padEnd(48)} ${String(r.ms).padStart(7)} ms  ${String(r.ratio).padStart(5)}x`);
  console.log(JSON.stringify({ bench: title, runs, rows }));
  return rows;
}

const { home, env } = seedWarmHome();
const awscreds = join(root, 'dist', 'awscreds.cjs');
const commands = [
  { name: 'node -e 0 (floor for any Node binary)', argv: [process.execPath, '-e', '0'], env },
  { name: 'awscreds export (warm role-credential cache)', argv: [process.execPath, awscreds, 'export', '--profile', 'dev', '--shell', 'bash'], env },
  // The same without the V8 code cache that the first run writes (src/bin.ts).
  { name: '  same, AWSCREDS_CODE_CACHE=0', argv: [process.execPath, awscreds, 'export', '--profile', 'dev', '--shell', 'bash'], env: { ...env, AWSCREDS_CODE_CACHE: '0' } },
  // What the rc file runs at every shell start.
  { name: 'awscreds hook bash (every shell start)', argv: [process.execPath, awscreds, 'hook', 'bash'], env },
];
if (existsSync('/usr/bin/aws')) {
  commands.push({ name: 'aws configure export-credentials (same cache)', argv: ['/usr/bin/aws', 'configure', 'export-credentials', '--profile', 'dev', '--format', 'env'], env });
}
const rows = report('warm export', commands);
const target = 1.5;
console.log(`  target: awscreds export within ${target}x of node -e 0: ${rows[1].ratio <= target ? 'met' : 'NOT met'} (${rows[1].ratio}x)`);
rmSync(home, { recursive: true, force: true });

const hookBench = join(root, 'bench', 'hook.mjs');
if (existsSync(hookBench)) await import(hookBench);

const serveBench = join(root, 'bench', 'serve.mjs');
if (existsSync(serveBench)) await import(serveBench);
if (existsSync(join(root, 'bench', 'shellStart.mjs'))) await import(join(root, 'bench', 'shellStart.mjs'));
