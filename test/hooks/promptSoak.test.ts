import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWSCREDS_BIN } from '../helpers/runAwscreds';

// Thousands of prompts with the hook leave the shell as they found it: no variable, function
// or hook registration added per prompt (the per-prompt cost stays flat; `npm run bench`
// times it). bash and zsh read their commands from a pipe, as interactive shells, so every
// line is a prompt.

const PROMPTS = 3000;
const token = 'IQoJb3JpZ2luX2VjEBSOAKTESTTOKEN0123456789abcdefghijklmnop';
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  TERM: 'dumb',
  LANG: 'C.UTF-8',
  AWS_ACCESS_KEY_ID: 'ASIASOAKTEST00000001',
  AWS_SECRET_ACCESS_KEY: 'soakSecret0123456789',
  AWS_SESSION_TOKEN: token,
  AWSCREDS_PROFILE: 'soak',
  AWSCREDS_KEY_ID: 'ASIASOAKTEST00000001',
  AWSCREDS_TOKEN_FP: `${token.length}:${token.slice(-8)}`,
  AWSCREDS_EXPIRES_AT: String(Math.floor(Date.now() / 1000) + 3600),
};

// What the shell itself changes between two prompts, whatever the hook does.
const VOLATILE = new Set(['_', 'BASH_COMMAND', 'BASH_LINENO', 'BASH_SOURCE', 'FUNCNAME', 'LINENO', 'RANDOM', 'SECONDS', 'SRANDOM', 'EPOCHREALTIME', 'EPOCHSECONDS', 'HISTCMD', 'PIPESTATUS', 'pipestatus', 'COLUMNS', 'LINES']);

/** Names of variables and functions, and the hook registrations, after a few prompts and after many. */
function stateAfterPrompts(shell: 'bash' | 'zsh', extraRc: string): { before: string[]; after: string[] } {
  const work = mkdtempSync(join(tmpdir(), 'awscreds-soak-'));
  try {
    const hook = execFileSync(process.execPath, [AWSCREDS_BIN, 'hook', shell], { encoding: 'utf8' });
    const rc = join(work, 'rc');
    writeFileSync(rc, `${hook}\n${extraRc}\nPS1=''\nPROMPT=''\n`);
    const dump =
      shell === 'bash'
        ? (file: string) => `{ compgen -v; compgen -A function; printf 'PROMPT_COMMAND %s %s\\n' "\${#PROMPT_COMMAND[@]}" "\${PROMPT_COMMAND[*]}"; } > ${file}`
        : (file: string) => `{ print -l \${(k)parameters} \${(k)functions}; print "precmd $#precmd_functions $precmd_functions"; } > ${file}`;
    const input = `:\n:\n${dump(join(work, 'before'))}\n${':\n'.repeat(PROMPTS)}${dump(join(work, 'after'))}\nexit\n`;
    const spawnEnv = { ...env, HOME: work };
    let result;
    if (shell === 'zsh') {
      const zdot = join(work, 'zdot');
      mkdirSync(zdot);
      writeFileSync(join(zdot, '.zshrc'), `source ${rc}\nunsetopt prompt_sp\n`);
      result = spawnSync('zsh', ['-d', '-i'], { input, env: { ...spawnEnv, ZDOTDIR: zdot }, encoding: 'utf8', timeout: 120_000 });
    } else {
      result = spawnSync('bash', ['--rcfile', rc, '-i'], { input, env: spawnEnv, encoding: 'utf8', timeout: 120_000 });
    }
    expect(result.error).toBeUndefined(); // a real timeout: a hung shell fails here
    const read = (file: string): string[] => [...new Set(readFileSync(join(work, file), 'utf8').split('\n').filter((name) => name !== '' && !VOLATILE.has(name)))].sort();
    return { before: read('before'), after: read('after') };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe.each(['bash', 'zsh'] as const)('%s after thousands of prompts with the hook', (shell) => {
  it('has exactly the variables, functions and hook registrations it had after the first prompts', () => {
    const { before, after } = stateAfterPrompts(shell, '');
    expect(before.some((name) => name.startsWith('_awscreds'))).toBe(true); // the hook is loaded
    expect(after).toEqual(before);
  }, 240_000);

  it('(positive control) the same comparison catches a hook that leaves one variable per prompt', () => {
    const leak = shell === 'bash' ? '_leak() { eval "leak_$RANDOM$RANDOM=1"; }\nPROMPT_COMMAND="_leak;$PROMPT_COMMAND"' : '_leak() { typeset -g "leak_$RANDOM$RANDOM=1"; }\nprecmd_functions+=(_leak)';
    const { before, after } = stateAfterPrompts(shell, leak);
    expect(after.filter((name) => name.startsWith('leak_')).length).toBeGreaterThan(before.filter((name) => name.startsWith('leak_')).length + 100);
  }, 240_000);
});
