// Per-prompt cost of the awscreds hook, as ratios measured in one run: N prompts of an
// interactive bash / zsh / fish with the awscreds hook, with an empty hook (the floor: a
// function that only keeps $?), and with direnv's hook when direnv is installed (it starts a
// process at every prompt, the usual cost of prompt hooks). The set does not change between
// prompts: the hook's usual case, where it returns after one comparison. fish fires its
// prompt event only on a terminal: it runs under bench/startOnTerminal.py, which counts fish's
// own CPU (not the relay's); its bare prompt costs far more than bash's, so fish is compared
// with its own bare prompt. Prints a table and one JSON line.
//
//   node bench/hook.mjs [--prompts N] [--fish-prompts N] [--no-soak] [--shells fish,bash]
//   (npm run build first: it uses dist/awscreds.cjs)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const promptsArg = process.argv.indexOf('--prompts');
const prompts = promptsArg > 0 ? Number(process.argv[promptsArg + 1]) : 2000;
const fishPromptsArg = process.argv.indexOf('--fish-prompts');
const fishPrompts = fishPromptsArg > 0 ? Number(process.argv[fishPromptsArg + 1]) : 2000;
const soak = !process.argv.includes('--no-soak');
const shellsArg = process.argv.indexOf('--shells');
const only = shellsArg > 0 ? process.argv[shellsArg + 1].split(',') : ['bash', 'zsh', 'fish'];
const hasDirenv = spawnSync('direnv', ['version']).status === 0;
const hasFish = only.includes('fish') && spawnSync('fish', ['--version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'awscreds-bench-'));

// A complete, bookkept temporary set: the hook's usual path at each prompt (classify and
// read the clock).
const token = 'IQoJb3JpZ2luX2VjEBENCHMARKTOKEN0123456789abcdefghijklmnop';
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: work,
  TERM: 'dumb',
  LANG: 'C.UTF-8',
  AWS_ACCESS_KEY_ID: 'ASIABENCHMARK0000001',
  AWS_SECRET_ACCESS_KEY: 'benchSecret0123456789',
  AWS_SESSION_TOKEN: token,
  AWSCREDS_PROFILE: 'bench',
  AWSCREDS_KEY_ID: 'ASIABENCHMARK0000001',
  AWSCREDS_TOKEN_FP: `${token.length}:${token.slice(-8)}`,
  AWSCREDS_EXPIRES_AT: String(Math.floor(Date.now() / 1000) + 3600),
};

function hookScript(shell, kind) {
  if (kind === 'empty') {
    if (shell === 'fish') return 'function _empty_hook --on-event fish_prompt; end\n';
    return shell === 'bash'
      ? '_empty_hook() { local s=$?; return $s; }\nPROMPT_COMMAND=_empty_hook\n'
      : 'autoload -Uz add-zsh-hook\n_empty_hook() { emulate -L zsh; return 0; }\nadd-zsh-hook precmd _empty_hook\n';
  }
  if (kind === 'awscreds') return execFileSync(process.execPath, [join(root, 'dist', 'awscreds.cjs'), 'hook', shell], { encoding: 'utf8' });
  return execFileSync('direnv', ['hook', shell], { encoding: 'utf8' });
}

// Runs argv with `input`, and returns the CPU milliseconds (user + system) it and the
// processes it waited for used: bash's `time` in a wrapper. On a machine shared with other
// work, CPU time is what the hook costs; wall time also counts waiting for a core.
function cpuMs(label, argv, input, spawnEnv) {
  const script = 'TIMEFORMAT="%3U %3S"; { time "$@" >/dev/null 2>/tmp/awscreds-bench-stderr.$$; } 2>&1; status=$?; rm -f /tmp/awscreds-bench-stderr.$$; exit $status';
  const result = spawnSync('bash', ['-c', script, 'bench', ...argv], { input, env: spawnEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const times = /^([0-9.]+) ([0-9.]+)$/m.exec(result.stdout);
  if (result.status !== 0 || !times) throw new Error(`${label}: exit ${result.status}: ${result.stdout}${result.stderr}`);
  return (Number(times[1]) + Number(times[2])) * 1000;
}

function timePrompts(shell, kind, count = prompts) {
  const rc = join(work, `${shell}-${kind}.rc`);
  if (shell === 'fish') {
    const home = join(work, `fish-${kind}`);
    execFileSync('mkdir', ['-p', join(home, '.config', 'fish')]);
    writeFileSync(join(home, '.config', 'fish', 'config.fish'), `set -g fish_greeting ''\nfunction fish_prompt; printf '> '; end\n${hookScript(shell, kind)}\n`);
    // fish's own CPU (wait4 in startOnTerminal.py), not also the relay's.
    const run = spawnSync('python3', [join(root, 'bench', 'startOnTerminal.py'), '--input', '--', 'fish', '-i'], { input: `${':\n'.repeat(count)}exit\n`, env: { ...env, HOME: home }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const result = run.status === 0 ? JSON.parse(run.stdout) : undefined;
    if (result?.status !== 0) throw new Error(`fish ${kind}: exit ${run.status}: ${run.stderr}${result?.terminal ?? ''}`);
    return result.cpu;
  }
  writeFileSync(rc, `${hookScript(shell, kind)}\nPS1=''\nPROMPT=''\n`);
  const input = ':\n'.repeat(count);
  if (shell === 'zsh') {
    // zsh reads .zshrc from ZDOTDIR; -d skips the system-wide files.
    const zrc = join(work, `zdot-${kind}`);
    execFileSync('mkdir', ['-p', zrc]);
    writeFileSync(join(zrc, '.zshrc'), `source ${rc}\nunsetopt prompt_sp\n`);
    return cpuMs(`zsh ${kind}`, ['zsh', '-d', '-i'], input, { ...env, ZDOTDIR: zrc });
  }
  return cpuMs(`${shell} ${kind}`, [shell, '--rcfile', rc, '-i'], input, env);
}

// fish's own CPU per prompt varies by a tenth from run to run (about 25 µs, as much as the
// hook costs): seven rounds, not three, for a median that holds still.
const ROUNDS = 7;
const results = {};
for (const shell of [...['bash', 'zsh'].filter((name) => only.includes(name)), ...(hasFish ? ['fish'] : [])]) {
  const count = shell === 'fish' ? fishPrompts : prompts;
  const kinds = ['empty', 'awscreds', ...(hasDirenv ? ['direnv'] : [])];
  // Median of ROUNDS runs each, interleaved so machine noise hits all kinds alike. Each kind
  // runs `count` prompts and a quarter of that: the difference is the cost of the prompts
  // alone, without what a run pays once (the shell's and the hook's start, a relay's),
  // which shellStart.mjs measures and which, spread over the prompts, made fish's per-prompt
  // figure depend on the prompt count.
  const few = Math.round(count / 4);
  const runs = Object.fromEntries(kinds.map((k) => [k, { many: [], few: [] }]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const kind of kinds) {
      runs[kind].many.push(timePrompts(shell, kind, count));
      runs[kind].few.push(timePrompts(shell, kind, few));
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ms = Object.fromEntries(kinds.map((k) => [k, median(runs[k].many) - median(runs[k].few)]));
  const perPromptUs = Object.fromEntries(kinds.map((k) => [k, (ms[k] * 1000) / (count - few)]));
  results[shell] = {
    prompts: count,
    perPromptMicroseconds: Object.fromEntries(Object.entries(perPromptUs).map(([k, v]) => [k, Math.round(v)])),
    hookOverEmptyMicroseconds: Math.round(perPromptUs.awscreds - perPromptUs.empty),
    awscredsVsEmpty: Number((ms.awscreds / ms.empty).toFixed(2)),
    ...(hasDirenv
      ? {
          direnvVsAwscreds: Number((ms.direnv / ms.awscreds).toFixed(1)),
          direnvOverEmptyMicroseconds: Math.round(perPromptUs.direnv - perPromptUs.empty),
          // What each hook adds to a bare prompt, direnv's over awscreds': "how many times cheaper".
          direnvCostVsAwscredsCost: Number(((perPromptUs.direnv - perPromptUs.empty) / Math.max(1, perPromptUs.awscreds - perPromptUs.empty)).toFixed(1)),
        }
      : {}),
  };
}

console.log(`prompt hook cost, ${prompts} prompts per run (fish ${fishPrompts}) less a run of a quarter of that, median of ${ROUNDS} (CPU µs per prompt, whole shell loop included, start costs not)`);
console.log('shell  empty  awscreds  direnv   awscreds-empty  direnv-empty  awscreds/empty  direnv/awscreds  (direnv-empty)/(awscreds-empty)');
for (const [shell, r] of Object.entries(results)) {
  const p = r.perPromptMicroseconds;
  console.log(`${shell.padEnd(5)}  ${String(p.empty).padStart(5)}  ${String(p.awscreds).padStart(8)}  ${String(p.direnv ?? '-').padStart(6)}   ${String(r.hookOverEmptyMicroseconds).padStart(14)}  ${String(r.direnvOverEmptyMicroseconds ?? '-').padStart(12)}  ${String(r.awscredsVsEmpty).padStart(14)}  ${String(r.direnvVsAwscreds ?? '-').padStart(15)}  ${String(r.direnvCostVsAwscredsCost ?? '-').padStart(31)}`);
}

// Soak: the per-prompt cost stays flat over 10,000 prompts. The marginal cost of prompts 1,001
// to 10,000 against the mean of the first 1,000 (median of 3 runs of each, interleaved): a
// hook that grew state per prompt would make the later prompts dearer. The empty hook, run
// alike, shows what the shell itself does over so many prompts (its history, its memory).
const flat = {};
for (const shell of soak ? ['bash', 'zsh'].filter((name) => only.includes(name)) : []) {
  const times = { empty: { short: [], long: [] }, awscreds: { short: [], long: [] } };
  for (let round = 0; round < 3; round += 1) {
    for (const kind of ['empty', 'awscreds']) {
      times[kind].short.push(timePrompts(shell, kind, 1_000));
      times[kind].long.push(timePrompts(shell, kind, 10_000));
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[1];
  const growth = ({ short, long }) => {
    const early = (median(short) * 1000) / 1_000;
    const late = ((median(long) - median(short)) * 1000) / 9_000;
    return { firstThousandMicroseconds: Math.round(early), laterMicroseconds: Math.round(late), ratio: Number((late / early).toFixed(2)) };
  };
  flat[shell] = { awscreds: growth(times.awscreds), empty: growth(times.empty) };
  const { awscreds: a, empty: e } = flat[shell];
  const verdict = a.ratio <= Math.max(1.15, e.ratio * 1.1) ? 'flat' : 'NOT flat';
  console.log(`${shell.padEnd(5)}  soak: prompts 1-1,000 ${a.firstThousandMicroseconds} µs each, 1,001-10,000 ${a.laterMicroseconds} µs each: ${a.ratio}x (empty hook ${e.ratio}x): ${verdict}`);
}
console.log(JSON.stringify({ bench: 'hook soak', flat }));
if (!hasDirenv) console.log('(direnv not installed: `apt-get install -y direnv` to compare with a hook that starts a process)');
console.log(JSON.stringify({ bench: 'hook', results }));
