// Per-prompt cost of the awscreds hook, as ratios measured in one run: N prompts of an
// interactive bash / zsh with the awscreds hook, with an empty hook (the floor: a function
// that only keeps $?), and with direnv's hook when direnv is installed (it starts a process
// at every prompt, the usual cost of prompt hooks). Prints a table and one JSON line.
//
//   node bench/hook.mjs [--prompts N]        (npm run build first: it uses dist/awscreds.cjs)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const promptsArg = process.argv.indexOf('--prompts');
const prompts = promptsArg > 0 ? Number(process.argv[promptsArg + 1]) : 2000;
const hasDirenv = spawnSync('direnv', ['version']).status === 0;
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
    return shell === 'bash'
      ? '_empty_hook() { local s=$?; return $s; }\nPROMPT_COMMAND=_empty_hook\n'
      : 'autoload -Uz add-zsh-hook\n_empty_hook() { emulate -L zsh; return 0; }\nadd-zsh-hook precmd _empty_hook\n';
  }
  if (kind === 'awscreds') return execFileSync(process.execPath, [join(root, 'dist', 'awscreds.cjs'), 'hook', shell], { encoding: 'utf8' });
  return execFileSync('direnv', ['hook', shell], { encoding: 'utf8' });
}

function timePrompts(shell, kind, count = prompts) {
  const rc = join(work, `${shell}-${kind}.rc`);
  writeFileSync(rc, `${hookScript(shell, kind)}\nPS1=''\nPROMPT=''\n`);
  const input = ':\n'.repeat(count);
  if (shell === 'zsh') {
    // zsh reads .zshrc from ZDOTDIR; -d skips the system-wide files.
    const zrc = join(work, `zdot-${kind}`);
    execFileSync('mkdir', ['-p', zrc]);
    writeFileSync(join(zrc, '.zshrc'), `source ${rc}\nunsetopt prompt_sp\n`);
    const started = process.hrtime.bigint();
    const result = spawnSync('zsh', ['-d', '-i'], { input, env: { ...env, ZDOTDIR: zrc }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`zsh ${kind}: ${result.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  }
  const started = process.hrtime.bigint();
  const result = spawnSync(shell, ['--rcfile', rc, '-i'], { input, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${shell} ${kind}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const results = {};
for (const shell of ['bash', 'zsh']) {
  const kinds = ['empty', 'awscreds', ...(hasDirenv ? ['direnv'] : [])];
  // Median of three runs each, interleaved so machine noise hits all kinds alike.
  const runs = Object.fromEntries(kinds.map((k) => [k, []]));
  for (let round = 0; round < 3; round += 1) for (const kind of kinds) runs[kind].push(timePrompts(shell, kind));
  const median = (values) => [...values].sort((a, b) => a - b)[1];
  const ms = Object.fromEntries(kinds.map((k) => [k, median(runs[k])]));
  const perPromptUs = Object.fromEntries(kinds.map((k) => [k, (ms[k] * 1000) / prompts]));
  results[shell] = {
    prompts,
    perPromptMicroseconds: Object.fromEntries(Object.entries(perPromptUs).map(([k, v]) => [k, Math.round(v)])),
    hookOverEmptyMicroseconds: Math.round(perPromptUs.awscreds - perPromptUs.empty),
    awscredsVsEmpty: Number((ms.awscreds / ms.empty).toFixed(2)),
    ...(hasDirenv ? { direnvVsAwscreds: Number((ms.direnv / ms.awscreds).toFixed(1)), direnvOverEmptyMicroseconds: Math.round(perPromptUs.direnv - perPromptUs.empty) } : {}),
  };
}

console.log(`prompt hook cost, ${prompts} prompts per run, median of 3 (µs per prompt, whole shell loop included)`);
console.log('shell  empty  awscreds  direnv   awscreds-empty  direnv-empty  awscreds/empty  direnv/awscreds');
for (const [shell, r] of Object.entries(results)) {
  const p = r.perPromptMicroseconds;
  console.log(`${shell.padEnd(5)}  ${String(p.empty).padStart(5)}  ${String(p.awscreds).padStart(8)}  ${String(p.direnv ?? '-').padStart(6)}   ${String(r.hookOverEmptyMicroseconds).padStart(14)}  ${String(r.direnvOverEmptyMicroseconds ?? '-').padStart(12)}  ${String(r.awscredsVsEmpty).padStart(14)}  ${String(r.direnvVsAwscreds ?? '-').padStart(15)}`);
}

// Soak: the per-prompt cost stays flat over 10,000 prompts. The marginal cost of prompts 1,001
// to 10,000 against the mean of the first 1,000 (median of 3 runs of each, interleaved): a
// hook that grew state per prompt would make the later prompts dearer. The empty hook, run
// alike, shows what the shell itself does over so many prompts (its history, its memory).
const flat = {};
for (const shell of ['bash', 'zsh']) {
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
