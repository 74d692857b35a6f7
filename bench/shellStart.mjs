// Shell start cost of the awscreds hook, side by side in one run: `bash -i -c exit`,
// `zsh -i -c exit`, `fish -i -c exit` and `nu -e exit` (nu reads its config and autoload only
// for a REPL; -e runs `exit` in it) with a temporary HOME holding no hook, the block
// `awscreds hook install` writes (it sources a file: no process), the block awscreds wrote
// before (it ran `eval "$(awscreds hook bash)"`, a node process, at every start), and
// direnv's hook (`eval "$(direnv hook bash)"`, a process at start) when direnv is installed
// (nu has neither an old block nor a direnv hook: it is compared with no hook only).
// Interleaved, so machine noise hits all kinds alike; median, min and max of N runs each.
// nu starts on a terminal of its own (bench/startOnTerminal.py, python3), as at a user's: without
// one it runs `tput` twice for each config and autoload file it evaluates (12 processes with no
// hook, 4 more for any autoload file, about +3 ms wall and +5 ms CPU for an empty one), which
// no user at a terminal pays; BENCH_NU_TERMINAL=0 measures it without, as before.
//
//   node bench/shellStart.mjs [--runs N]      (default BENCH_RUNS or 40; npm run build first: it uses dist/awscreds.cjs)
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : Number(process.env.BENCH_RUNS ?? 40);
// nu: the binary of the devDependency nushell (not its node launcher).
const nuBinary = (() => {
  try {
    return createRequire(import.meta.url).resolve(`@nushell/${process.platform}-${process.arch}/bin/nu`);
  } catch {
    return undefined;
  }
})();
const executable = { bash: 'bash', zsh: 'zsh', fish: 'fish', nu: nuBinary };
const onTerminal = join(root, 'bench', 'startOnTerminal.py');
const nuOnTerminal = process.env.BENCH_NU_TERMINAL !== '0' && spawnSync('python3', [onTerminal, '--', 'true']).status === 0;
const startArgs = { bash: ['-i', '-c', 'exit'], zsh: ['-i', '-c', 'exit'], fish: ['-i', '-c', 'exit'], nu: ['-e', 'exit'] };
const shells = ['bash', 'zsh', 'fish', 'nu'].filter((s) => executable[s] !== undefined && spawnSync(executable[s], ['-c', 'exit']).status === 0);
const hasDirenv = spawnSync('direnv', ['version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'awscreds-bench-start-'));

// awscreds on PATH as a user has it: a command named awscreds that runs the build.
const binDir = join(work, 'bin');
mkdirSync(binDir);
writeFileSync(join(binDir, 'awscreds'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'dist', 'awscreds.cjs'))} "$@"\n`);
chmodSync(join(binDir, 'awscreds'), 0o755);
const PATH = `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`;

const rcFile = { bash: '.bashrc', zsh: '.zshrc', fish: '.config/fish/config.fish', nu: '.config/nushell/config.nu' };
const quietRc = { bash: '', zsh: '', fish: "set -g fish_greeting ''\n", nu: '$env.config.show_banner = false\n' };
const oldBlock = {
  bash: 'if command -v awscreds >/dev/null 2>&1; then eval "$(awscreds hook bash)"; fi\n',
  zsh: 'if command -v awscreds >/dev/null 2>&1; then eval "$(awscreds hook zsh)"; fi\n',
  fish: 'if type -q awscreds\n    awscreds hook fish | source\nend\n',
};
const direnvBlock = { bash: 'eval "$(direnv hook bash)"\n', zsh: 'eval "$(direnv hook zsh)"\n', fish: 'direnv hook fish | source\n' };

/** A HOME for one shell and kind; returns it with the file to watch (the hook file), if any. */
function prepareHome(shell, kind) {
  const home = join(work, `${shell}-${kind}`);
  mkdirSync(join(home, '.config', 'fish'), { recursive: true });
  mkdirSync(join(home, '.config', 'nushell'), { recursive: true });
  const quiet = quietRc[shell];
  const rc = join(home, rcFile[shell]);
  writeFileSync(rc, `${quiet}${kind === 'old block' ? oldBlock[shell] : kind === 'direnv' ? direnvBlock[shell] : ''}`);
  if (kind === 'awscreds') {
    execFileSync(join(binDir, 'awscreds'), ['hook', 'install', '--shell', shell], { env: { HOME: home, PATH }, stdio: 'pipe' });
    return { home, hookFile: join(home, '.local', 'share', 'awscreds', `hook.${shell}`) };
  }
  return { home };
}

// CPU time of waited-for children (the shell and whatever it ran), from /proc/self/stat, in
// clock ticks: too coarse for one start, exact enough as a mean over many. It moves far less
// than wall time when other processes share the machine.
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond; // cutime + cstime
  } catch {
    return NaN;
  }
}

function startOnce(shell, home) {
  if (shell === 'nu' && nuOnTerminal) return startOnTerminal(home);
  const cpu = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(executable[shell], startArgs[shell], { env: { HOME: home, PATH, TERM: 'dumb', LANG: 'C.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${shell} -i -c exit in ${home} failed (${result.status}): ${result.stderr}`);
  return { ms, cpu: childrenCpuMs() - cpu };
}

/** nu on a terminal: the helper times nu alone (wall and CPU), not its own python start. */
function startOnTerminal(home) {
  const result = spawnSync('python3', [onTerminal, '--', executable.nu, ...startArgs.nu], { env: { HOME: home, PATH, TERM: 'dumb', LANG: 'C.UTF-8' }, encoding: 'utf8' });
  const run = result.status === 0 ? JSON.parse(result.stdout) : { status: result.status, terminal: result.stderr };
  // nu exits 0 when its config or autoload fails: what it wrote to the terminal says so.
  if (run.status !== 0 || /error/i.test(run.terminal)) throw new Error(`nu ${startArgs.nu.join(' ')} in ${home} failed (${run.status}): ${run.terminal}`);
  return { ms: run.ms, cpu: run.cpu };
}

/** The kinds in a random order each round, so none always runs right after another. */
function shuffled(items) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const allKinds = ['no hook', 'awscreds', ...(hasDirenv ? ['direnv'] : []), 'old block'];
const results = {};
for (const shell of shells) {
  const kinds = allKinds.filter((k) => (k === 'old block' ? oldBlock[shell] : k === 'direnv' ? direnvBlock[shell] : true) !== undefined);
  const homes = Object.fromEntries(kinds.map((k) => [k, prepareHome(shell, k)]));
  const hookFile = homes.awscreds.hookFile;
  const written = statSync(hookFile).mtimeMs;
  const samples = Object.fromEntries(kinds.map((k) => [k, []]));
  const cpu = Object.fromEntries(kinds.map((k) => [k, 0]));
  for (let i = 0; i < runs + 2; i++) {
    for (const kind of shuffled(kinds)) {
      const one = startOnce(shell, homes[kind].home);
      if (i < 2) continue; // the first runs warm the page cache and V8's code cache
      samples[kind].push(one.ms);
      cpu[kind] += one.cpu;
    }
  }
  const stats = Object.fromEntries(kinds.map((k) => {
    const sorted = [...samples[k]].sort((a, b) => a - b);
    return [k, { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], cpu: cpu[k] / runs }];
  }));
  results[shell] = { stats, kinds, rewritten: statSync(hookFile).mtimeMs !== written };
}

const f = (ms) => ms.toFixed(1).padStart(6);
console.log(`\nshell start: \`SHELL -i -c exit\` (nu: \`nu -e exit\`, ${nuOnTerminal ? 'on a terminal' : 'without a terminal'}), ${runs} runs each, interleaved: wall ms median (min - max), its difference and ratio against no hook; CPU ms per start (mean, shell and children)`);
const goals = [];
for (const [shell, { stats, kinds, rewritten }] of Object.entries(results)) {
  const none = stats['no hook'].median;
  for (const kind of kinds) {
    const s = stats[kind];
    const label = kind === 'old block' ? 'awscreds, old block (node at start)' : kind === 'direnv' ? 'direnv hook' : kind === 'awscreds' ? 'awscreds hook (sourced file)' : 'no hook';
    const vsNone = kind === 'no hook' ? '' : `${(s.median - none >= 0 ? '+' : '') + (s.median - none).toFixed(1)} ms ${(s.median / none).toFixed(2)}x`;
    console.log(`  ${shell.padEnd(5)} ${label.padEnd(36)} ${f(s.median)} (${f(s.min)} -${f(s.max)})  ${vsNone.padEnd(18)} cpu ${f(s.cpu)}`);
  }
  const over = stats.awscreds.median - none;
  const cheaper = stats.direnv ? stats.awscreds.median < stats.direnv.median : undefined;
  const met = over <= 5 && cheaper !== false && !rewritten;
  goals.push(met);
  const cpuOver = stats.awscreds.cpu - stats['no hook'].cpu;
  console.log(`  ${shell.padEnd(5)} goal: within 5 ms of no hook${hasDirenv ? ', cheaper than direnv' : ''}: ${met ? 'met' : 'NOT met'} (wall ${over >= 0 ? '+' : ''}${over.toFixed(1)} ms, cpu ${cpuOver >= 0 ? '+' : ''}${cpuOver.toFixed(1)} ms${stats.direnv ? `; direnv wall +${(stats.direnv.median - none).toFixed(1)} ms, cpu +${(stats.direnv.cpu - stats['no hook'].cpu).toFixed(1)} ms` : ''})${rewritten ? ' (the hook file was rewritten during the run: it should have been current)' : ''}`);
}
if (!hasDirenv) console.log('  (direnv not installed: `apt-get install -y direnv` to compare with a hook that starts a process)');
console.log(`  target: shell start with the awscreds hook within 5 ms of no hook and cheaper than direnv, in ${shells.join(', ')}: ${goals.every(Boolean) ? 'met' : 'NOT met'}`);
console.log(JSON.stringify({
  bench: 'shell start',
  runs,
  nuOnTerminal,
  results: Object.fromEntries(Object.entries(results).map(([shell, { stats, rewritten }]) => [shell, {
    ...Object.fromEntries(Object.entries(stats).map(([k, s]) => [k, { median: +s.median.toFixed(1), min: +s.min.toFixed(1), max: +s.max.toFixed(1), cpu: +s.cpu.toFixed(1) }])),
    awscredsOverNoHookMs: +(stats.awscreds.median - stats['no hook'].median).toFixed(1),
    ...(stats.direnv ? { direnvOverNoHookMs: +(stats.direnv.median - stats['no hook'].median).toFixed(1) } : {}),
    hookFileRewritten: rewritten,
  }])),
}));
rmSync(work, { recursive: true, force: true });
