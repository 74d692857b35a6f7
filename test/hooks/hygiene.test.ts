import { shellByName } from '../../src/shells/registry';
import { driver } from '../helpers/shellDriver';
import { rmSync } from 'node:fs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import type { ShellName } from '../../src/shells/Shell';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, prepareHome, probeLine, parseProbe, setVariablesLine } from './hookTestSetup';
import { startInteractiveShell, type InteractiveShell } from './interactiveShell';

let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));

const PARTIAL = { AWS_ACCESS_KEY_ID: 'ASIAHYGIENE000000001', AWS_SECRET_ACCESS_KEY: 'hygieneSecret0123' };

async function withShell(shell: ShellName, userRc: string, body: (sh: InteractiveShell) => Promise<void>, options: { stderrToPty?: boolean; env?: Record<string, string> } = {}): Promise<void> {
  const { home, env } = prepareHome(shell, built, userRc);
  const sh = await startInteractiveShell({ shell, home, env: { ...env, ...options.env }, stderrToPty: options.stderrToPty });
  try {
    await body(sh);
  } finally {
    await sh.close();
  }
}

const rcPath = (shell: ShellName): string => shellByName(shell).rcFile('/HOME', {}).replace(/^\/HOME/, '~');

describe.each(SHELLS)('%s', (shell) => {
  test('$? survives the hook, and sourcing the rc file again changes nothing', () =>
    withShell(shell, '', async (sh) => {
      // Two lines in one step: the prompt (and the hook) runs between them.
      expect((await sh.run(`false\necho "st=${driver(shell).status}"`)).stdout).toMatch(/^st=1$/m);
      await sh.run(setVariablesLine(shell, PARTIAL));
      const again = await sh.run(`source ${rcPath(shell)}`);
      expect(sh.messages(again)).toEqual([]); // same state: not said twice
      // Every registration, one per line, counted here (not by the shell).
      // What each shell runs at a prompt, and the hook's entry there.
      const { list, ours } = {
        bash: { list: 'printf "pc[%s]\\n" "$PROMPT_COMMAND"', ours: /^_awscreds_hook$/ },
        zsh: { list: 'print -rl -- "pc["${^precmd_functions}"]"', ours: /^_awscreds_hook$/ },
        fish: { list: 'functions --handlers-type generic | string replace -r "^" "pc[" | string replace -r "\\$" "]"', ours: /\bfish_prompt\s+_awscreds_hook$/ },
      }[shell];
      const registered = [...(await sh.run(list)).stdout.matchAll(/^pc\[(.*)\]$/gm)].map((m) => m[1] ?? '');
      expect(registered.filter((h) => ours.test(h))).toHaveLength(1);
      expect(registered.filter((h) => /_awscreds/.test(h))).toHaveLength(1);
      expect(sh.messages(await sh.run('aws s3 ls'))).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN'), expect.stringContaining('aws not started')]);
    }));

  test('a user function of a guarded name is never replaced', () =>
    withShell(shell, `${driver(shell).defineFunction('aws', 'echo users-own-aws')}\n`, async (sh) => {
      await sh.run(setVariablesLine(shell, PARTIAL));
      expect((await sh.run('aws s3 ls')).stdout).toContain('users-own-aws');
    }));

  test('a user alias of a guarded name is never replaced; other guarded names are still wrapped', () =>
    withShell(shell, `${driver(shell).defineAlias('aws', 'echo users-alias-aws')}\n`, async (sh) => {
      await sh.run(setVariablesLine(shell, PARTIAL));
      const ran = await sh.run('aws s3 ls');
      expect(ran.stdout).toContain('users-alias-aws s3 ls');
      expect(sh.messages(ran)).toEqual([]);
      // The hook defined no function over it (fish's alias is itself the user's function).
      const kind = { bash: 'echo "kind=$(type -t aws) function=$(declare -F aws)"', zsh: 'echo "kind=${+functions[aws]}${+aliases[aws]}"', fish: 'echo "kind="(functions aws | string match -q "*users-alias-aws*"; and echo users; or echo other)' }[shell];
      expect((await sh.run(kind)).stdout).toMatch({ bash: /^kind=alias function=$/m, zsh: /^kind=01$/m, fish: /^kind=users$/m }[shell]);
      // Positive control: terraform has no alias and is guarded.
      expect(sh.messages(await sh.run('terraform plan'))).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN'), expect.stringContaining('terraform not started;')]);
    }));

  test('colour only on a terminal, never with NO_COLOR: red for a bad set, yellow for an expiring one', async () => {
    const key = 'ASIACOLOUR0000000001';
    const token = 'colourToken0123456789';
    const expiring = (): Record<string, string> => ({
      AWS_ACCESS_KEY_ID: key,
      AWS_SECRET_ACCESS_KEY: 'colourSecret0123',
      AWS_SESSION_TOKEN: token,
      AWSCREDS_KEY_ID: key,
      AWSCREDS_TOKEN_FP: tokenFingerprint(token),
      AWSCREDS_PROFILE: 'dev',
      AWSCREDS_EXPIRES_AT: String(Math.floor(Date.now() / 1000) + 5 * 60),
    });
    const red = '\x1b[31mawscreds: held back';
    const yellow = /\x1b\[33mawscreds: [^\x1b]*expire[^\x1b]*\x1b\[0m/;
    // stderr on a terminal: the shell's stderr is the pty, so messages arrive on stdout.
    await withShell(shell, '', async (sh) => {
      expect((await sh.run(setVariablesLine(shell, PARTIAL))).rawStdout).toContain(red);
      expect((await sh.run(setVariablesLine(shell, expiring()))).rawStdout).toMatch(yellow);
    }, { stderrToPty: true });
    await withShell(shell, '', async (sh) => {
      const bad = (await sh.run(setVariablesLine(shell, PARTIAL))).rawStdout;
      expect(bad).toContain('awscreds: held back');
      expect(bad).not.toMatch(/\x1b\[3[13]m/);
      const warn = (await sh.run(setVariablesLine(shell, expiring()))).rawStdout;
      expect(warn).toMatch(/awscreds: .*expire/);
      expect(warn).not.toMatch(/\x1b\[3[13]m/);
    }, { stderrToPty: true, env: { NO_COLOR: '1' } });
    // stderr on a pipe: plain text, though the messages are there.
    await withShell(shell, '', async (sh) => {
      const step = await sh.run(setVariablesLine(shell, PARTIAL));
      expect(sh.messages(step)).toEqual([expect.stringContaining('held back')]);
      expect(step.stderr).not.toContain('\x1b[');
    });
  });
});

describe('bash', () => {
  test('PROMPT_COMMAND as a string keeps its commands and their order; set -eu and a DEBUG trap keep working', () =>
    withShell('bash', 'PROMPT_COMMAND="echo pc-first; "\ntrap \'debug_hits=$(( ${debug_hits:-0} + 1 ))\' DEBUG\nset -eu\n', async (sh) => {
      expect((await sh.run('echo "pc=$PROMPT_COMMAND"')).stdout).toMatch(/^pc=echo pc-first;_awscreds_hook$/m);
      const set = await sh.run(setVariablesLine('bash', PARTIAL));
      expect(set.stdout).toContain('pc-first');
      expect(sh.messages(set)).toEqual([expect.stringContaining('held back')]);
      expect(parseProbe((await sh.run(probeLine('eu'))).stdout, 'eu').state).toBe('temporary_without_token');
      expect((await sh.run('trap -p DEBUG')).stdout).toContain('debug_hits');
      expect((await sh.run('echo "hits=$debug_hits"')).stdout).toMatch(/^hits=[1-9]\d*$/m);
      // Under set -e a non-zero status at the prompt must not end the shell via the hook.
      expect((await sh.run('false && true\necho "st=$?"\necho still-alive')).stdout).toMatch(/^st=1$[^]*^still-alive$/m);
    }));

  test('without set -e, a PROMPT_COMMAND entry after the hook still sees the user\'s status', () =>
    withShell('bash', '', async (sh) => {
      await sh.run('PROMPT_COMMAND+=\'; echo "later-sees=$?"\'');
      expect((await sh.run('! true')).stdout).toContain('later-sees=1');
    }));

  test('PROMPT_COMMAND as an array (bash 5.1+): appended once, even when sourced twice', () =>
    withShell('bash', "PROMPT_COMMAND=('echo one' 'echo two')\n", async (sh) => {
      await sh.run('source ~/.bashrc');
      await sh.run('source ~/.bashrc');
      expect((await sh.run('printf "pc[%s]\\n" "${PROMPT_COMMAND[@]}"')).stdout).toMatch(/^pc\[echo one\]\npc\[echo two\]\npc\[_awscreds_hook\]$/m);
    }));
});

describe('zsh', () => {
  test('user options (ksh_arrays, no_unset, err_exit) and precmd functions keep working', () =>
    withShell('zsh', 'precmd() { print users-precmd }\nmine() { print users-hook }\nautoload -Uz add-zsh-hook; add-zsh-hook precmd mine\nsetopt ksh_arrays no_unset err_exit warn_create_global\n', async (sh) => {
      const set = await sh.run(setVariablesLine('zsh', PARTIAL));
      expect(set.stdout).toContain('users-precmd');
      expect(set.stdout).toContain('users-hook');
      expect(sh.messages(set)).toEqual([expect.stringContaining('held back')]);
      expect(set.stderr).not.toMatch(/parameter|not found|unbound/);
      expect(parseProbe((await sh.run(probeLine('opts'))).stdout, 'opts').state).toBe('temporary_without_token');
      expect((await sh.run('false && true\necho "st=$?"\necho still-alive')).stdout).toMatch(/^st=1$[^]*^still-alive$/m);
    }));
});

describe('fish', () => {
  test('the fish block lives in conf.d, a file of its own', () => {
    const { home } = prepareHome('fish', built);
    const file = join(home, '.config', 'fish', 'conf.d', 'awscreds.fish');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('set -l __awscreds_file $__awscreds_data/awscreds/hook.fish');
    expect(readFileSync(file, 'utf8')).toContain('    source $__awscreds_file');
  });
});
