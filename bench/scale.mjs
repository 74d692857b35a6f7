// `node bench/scale.mjs`: what a large ~/.aws/config costs. Warm `export`, `completion --list
// profiles` and `check` with a 10,000-profile config against the same with a 10-profile one
// (ratios, interleaved medians), and loadSharedConfig on configs of 10k to 1M keys in-process
// (time and peak RSS in a fresh process each, so memory is that parse's alone).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedWarmHome } from './seedWarmHome.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 30);
const awscreds = join(root, 'dist', 'awscreds.cjs');

/** A config with `profiles` generated SSO profiles (5 keys each) after the seeded dev profile. */
export function bigConfig(profiles) {
  const parts = [
    '[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n\n',
    '[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n',
  ];
  for (let i = 0; i < profiles; i++) {
    const account = String(100000000000 + i);
    parts.push(`[profile org-${account}-ReadOnly]\nsso_session = corp\nsso_account_id = ${account}\nsso_role_name = ReadOnly\nregion = us-east-1\noutput = json\n\n`);
  }
  return parts.join('');
}

function median(command, env) {
  const samples = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, command, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0 && !(command.includes('check') && r.status === 8)) throw new Error(`${command.join(' ')}: ${r.status} ${r.stderr}`);
    if (i >= 2) samples.push(ms);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const small = seedWarmHome();
const large = seedWarmHome();
writeFileSync(join(small.home, '.aws', 'config'), bigConfig(9));
writeFileSync(join(large.home, '.aws', 'config'), bigConfig(9999));
const checkEnv = (env) => ({ ...env, AWS_PROFILE: 'dev' });
await new Promise((resolve) => setTimeout(resolve, 2_100)); // settled files, as between a generator's updates (src/config/rememberedConfig.ts)
console.log(`\n10 vs 10,000 profiles (${(statSync(join(large.home, '.aws', 'config')).size / 1e6).toFixed(2)} MB), median of ${runs} runs each`);
const rows = [];
for (const [name, args, envOf] of [
  ['export --profile dev', [awscreds, 'export', '--profile', 'dev', '--shell', 'bash'], (e) => e],
  ['completion --list profiles', [awscreds, 'completion', '--list', 'profiles'], (e) => e],
  ['check', [awscreds, 'check'], checkEnv],
]) {
  // interleave the two sides so a noisy machine slows both alike
  const a = [];
  const b = [];
  for (let k = 0; k < 3; k++) {
    a.push(median(args, envOf(small.env)));
    b.push(median(args, envOf(large.env)));
  }
  const ms10 = a.sort((x, y) => x - y)[1];
  const ms10k = b.sort((x, y) => x - y)[1];
  const row = { command: name, ms10: +ms10.toFixed(1), ms10k: +ms10k.toFixed(1), ratio: +(ms10k / ms10).toFixed(2) };
  rows.push(row);
  console.log(`  ${name.padEnd(30)} ${String(row.ms10).padStart(7)} ms  ${String(row.ms10k).padStart(7)} ms  ${String(row.ratio).padStart(5)}x  (target 1.2x: ${row.ratio <= 1.2 ? 'met' : 'NOT met'})`);
}
console.log(JSON.stringify({ bench: 'scale: 10 vs 10,000 profiles', runs, rows }));
rmSync(small.home, { recursive: true, force: true });
rmSync(large.home, { recursive: true, force: true });

// Parse cost: loadSharedConfig on configs of growing size, each in a fresh process.
const probeDir = mkdtempSync(join(tmpdir(), 'awscreds-scale-'));
const probe = join(probeDir, 'scaleProbe.cjs');
await build({ entryPoints: [join(root, 'src', 'config', 'sharedConfig.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: probe, logLevel: 'warning' });
console.log('\nloadSharedConfig (in a fresh process each): keys, file size, parse time, peak RSS');
const parseRows = [];
for (const keys of [10_000, 100_000, 1_000_000]) {
  const home = seedWarmHome().home;
  const file = join(home, '.aws', 'config');
  writeFileSync(file, bigConfig(Math.ceil(keys / 5)));
  const script = `
    const { loadSharedConfig } = require(${JSON.stringify(probe)});
    const start = process.hrtime.bigint();
    const shared = loadSharedConfig({ env: { AWS_CONFIG_FILE: ${JSON.stringify(file)} }, home: ${JSON.stringify(home)} });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(JSON.stringify({ ms, profiles: shared.configProfiles.size, rss: process.resourceUsage().maxRSS * 1024 }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const out = JSON.parse(r.stdout);
  const size = statSync(file).size;
  const row = { keys, mb: +(size / 1e6).toFixed(1), ms: Math.round(out.ms), peakRssMb: Math.round(out.rss / 1e6), rssOverFile: +(out.rss / size).toFixed(1) };
  parseRows.push(row);
  console.log(`  ${String(keys).padStart(9)} keys  ${String(row.mb).padStart(6)} MB  ${String(row.ms).padStart(6)} ms  peak RSS ${row.peakRssMb} MB (${row.rssOverFile}x the file)`);
  rmSync(home, { recursive: true, force: true });
}
console.log(JSON.stringify({ bench: 'scale: loadSharedConfig', rows: parseRows }));
rmSync(probeDir, { recursive: true, force: true });
