import { driver, type HookSuiteShell } from '../helpers/shellDriver';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import { renderHookDefinitions } from '../../src/hooks/hookScript';
import { shellByName } from '../../src/shells/registry';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, parseProbe, prepareHome, probeLine, setVariablesLine } from './hookTestSetup';
import { startInteractiveShell, type InteractiveShell } from './interactiveShell';

// The security review's findings, in real interactive shells with the hook installed:
// internals injected through the environment, a user's IFS, and a guard list with a glob.
let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));

const PARTIAL = { AWS_ACCESS_KEY_ID: 'ASIAHARDEN0000000001', AWS_SECRET_ACCESS_KEY: 'hardenSecret0123' };
const TOKEN = 'hardenToken0123456789';

async function withShell(shell: HookSuiteShell, options: { userRc?: string; env?: Record<string, string> }, body: (sh: InteractiveShell, home: string) => Promise<void>): Promise<void> {
  const { home, env } = prepareHome(shell, built, options.userRc ?? '');
  const sh = await startInteractiveShell({ shell, home, env: { ...env, ...options.env } });
  try {
    await body(sh, home);
  } finally {
    await sh.close();
  }
}

// A payload that runs `touch` wherever bash evaluates it as arithmetic (an array subscript).
const payload = (file: string): string => `1+a[$(touch ${file})]`;
const exists = (shell: HookSuiteShell, file: string): string => driver(shell).ifElse(`test -e ${file}`, `echo "${file}=yes"`, `echo "${file}=no"`);
// Prints fn:NAME for a function, in a form the terminal's echo of the typed line cannot match.
const isFunction = (shell: HookSuiteShell, name: string): string => driver(shell).ifElse(driver(shell).isFunction(name), `printf 'fn:%s\\n' ${name}`, driver(shell).noop);

describe.each(SHELLS)('%s', (shell) => {
  test('internals in the environment are ignored: defaults, levels, messages, guard list', () => {
    const injected = {
      _awscreds_default_warn_minutes: payload('pwned-warn'),
      _awscreds_default_guard_commands: 'envinjected',
      _awscreds_level_temporary_without_token: 'ok',
      _awscreds_level_expiring_soon: 'ok',
      _awscreds_msg_temporary_without_token: 'INJECTED message',
      _awscreds_held: 'AWS_ACCESS_KEY_ID',
      AWSCREDS_CANARY_FROM_ENV: 'arrived',
    };
    // bash and zsh read the rc file's own lines before the hook block: proof the values arrived
    // (fish reads config.fish after conf.d, the hook, which has dropped them by then).
    const d = driver(shell);
    const userRc = d.userRcRunsBeforeHook ? `cd ~\n${d.assignFromVariable('seen_from_env', '_awscreds_default_warn_minutes')}\n` : '';
    return withShell(shell, { userRc, env: injected }, async (sh) => {
      await sh.run('cd ~');
      expect((await sh.run('echo "canary=$AWSCREDS_CANARY_FROM_ENV"')).stdout).toContain('canary=arrived');
      if (userRc !== '') expect((await sh.run(driver(shell).echoVariable('seen_from_env'))).stdout).toContain(`seen_from_env=${payload('pwned-warn')}`);

      // Expiring in 4.5 minutes with an unusable AWSCREDS_WARN_MINUTES: the default (10) decides.
      const now = Math.floor(Date.now() / 1000);
      const soon = await sh.run(setVariablesLine(shell, {
        ...PARTIAL, AWS_SESSION_TOKEN: TOKEN, AWSCREDS_KEY_ID: PARTIAL.AWS_ACCESS_KEY_ID, AWSCREDS_TOKEN_FP: tokenFingerprint(TOKEN), AWSCREDS_EXPIRES_AT: String(now + 270), AWSCREDS_WARN_MINUTES: 'x',
      }));
      expect(parseProbe((await sh.run(probeLine('soon'))).stdout, 'soon').state).toBe('expiring_soon');
      expect(sh.messages(soon)).toEqual([expect.stringContaining('expires in 5m;')]);
      expect((await sh.run(exists(shell, 'pwned-warn'))).stdout).toContain('pwned-warn=no');

      const partial = await sh.run(setVariablesLine(shell, PARTIAL));
      expect(sh.messages(partial)).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN; run: ')]);
      expect(partial.stderr).not.toContain('INJECTED');
      const refused = await sh.run('aws s3 ls');
      expect(refused.stdout).not.toContain('aws saw:');
      expect(sh.messages(refused)).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN'), expect.stringContaining('aws not started;')]);
      expect((await sh.run(isFunction(shell, 'envinjected'))).stdout).not.toContain('fn:envinjected');
      // Nothing of the hook's own reaches a child process.
      expect((await sh.run('env | grep -c "^_awscreds_" || true')).stdout).toMatch(/^0$/m);

      const evaluate = driver(shell).evaluateArithmetic;
      if (userRc !== '' && evaluate !== null) {
        // Positive control: the payload is live in this shell when bash evaluates it.
        await sh.run(evaluate('seen_from_env'));
        expect((await sh.run(exists(shell, 'pwned-warn'))).stdout).toContain('pwned-warn=yes');
      }
    });
  });

  test('AWSCREDS_GUARD_COMMANDS is split on blanks and never globbed', () =>
    withShell(shell, { env: { AWSCREDS_GUARD_COMMANDS: 'aws *\tterraform' } }, async (sh, home) => {
      // Loaded again where `*` would match files named git and globbed (fish has an ls function of its own).
      await sh.run('mkdir -p ~/globdir; cd ~/globdir; touch git globbed');
      await sh.run(driver(shell).sourceFile(shellByName(shell).rcFile(home, { HOME: home })));
      const out = (await sh.run([isFunction(shell, 'aws'), isFunction(shell, 'terraform'), isFunction(shell, 'git'), isFunction(shell, 'globbed'), driver(shell).noop].join('; '))).stdout;
      expect(out).toContain('fn:aws');
      expect(out).toContain('fn:terraform');
      expect(out).not.toContain('fn:git');
      expect(out).not.toContain('fn:globbed');
    }));
});

describe('fish: internals in the environment, without listing the environment at start', () => {
  const hookText = readFileSync(join(__dirname, '..', '..', 'shell', 'hook.fish'), 'utf8');

  test('every internal variable the hook reads is assigned unexported at load, generated, or erased when exported', () => {
    // What the hook reads or assigns: `$name`, `$$name` aside (names built at run time come from the lists below).
    const used = new Set([...hookText.matchAll(/\$(_awscreds_[a-z_]*[a-z])\b/g), ...hookText.matchAll(/\bset (?:-[a-z]+ )*(_awscreds_[a-z_]*[a-z])\b/g)].map((m) => m[1] as string));
    const unexported = new Set([...hookText.matchAll(/^set -gu (_awscreds_[a-z_]+) /gm), ...renderHookDefinitions(shellByName('fish')).matchAll(/^set -gu (_awscreds_[a-z_]+) /gm)].map((m) => m[1] as string));
    const erased = new Set((/^for __awscreds_name in (_awscreds_[a-z_ ]+)$/m.exec(hookText)?.[1] ?? '').split(' '));
    // Controls: the lists are found, and a variable only the prompt sets is among the names read.
    expect(used).toContain('_awscreds_held');
    expect(erased).toContain('_awscreds_held');
    expect(unexported).toContain('_awscreds_level_expired');
    expect(unexported).toContain('_awscreds_msg_refused');
    expect([...used].filter((name) => !unexported.has(name) && !erased.has(name))).toEqual([]);
  });

  test('sourced on its own (no generated definitions), injected messages and pass-through lists are dropped too', () => {
    const file = join(__dirname, '..', '..', 'shell', 'hook.fish');
    const script = `source ${file}; set -gx AWS_ACCESS_KEY_ID ASIAX; set -gx AWS_SECRET_ACCESS_KEY s; _awscreds_hook; _awscreds_passes aws s3 ls; and echo passed; env | string match -q '_awscreds_*'; and echo leaked; true`;
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', _awscreds_msg_temporary_without_token: 'INJECTED message', _awscreds_pass_aws_first: 's3' };
    const run = (): { stdout: string; stderr: string } => spawnSync('fish', ['--no-config', '-c', script], { encoding: 'utf8', env });
    const plain = run();
    expect(plain.stderr).toContain('awscreds: AWS credentials in state temporary_without_token; run: awscreds check\n');
    expect(plain.stderr).not.toContain('INJECTED');
    expect(plain.stdout).not.toMatch(/passed|leaked/);
    // Positive control: the same list, set in the shell after the hook loaded, does reach it.
    const later = spawnSync('fish', ['--no-config', '-c', `source ${file}; set -g _awscreds_pass_aws_first s3; _awscreds_passes aws s3 ls; and echo passed`], { encoding: 'utf8', env: { PATH: env.PATH } });
    expect(later.stdout).toContain('passed');
  });
});

describe.each(['bash', 'zsh'] as const)('%s with IFS=0123456789 in the rc file', (shell) => {
  test('the guards are defined from the list, and $? reaches the prompt hooks after the hook', () =>
    withShell(shell, { userRc: 'IFS=0123456789\n', env: { AWSCREDS_GUARD_COMMANDS: 'aws terraform' } }, async (sh) => {
      const out = (await sh.run(`${isFunction(shell, 'aws')}; ${isFunction(shell, 'terraform')}; echo "ifs=[$IFS]"`)).stdout;
      expect(out).toContain('ifs=[0123456789]');
      expect(out).toContain('fn:aws');
      expect(out).toContain('fn:terraform');
      await sh.run(setVariablesLine(shell, PARTIAL));
      expect(parseProbe((await sh.run(probeLine('ifs'))).stdout, 'ifs').state).toBe('temporary_without_token');
      expect(sh.messages(await sh.run('terraform plan'))).toEqual([expect.stringContaining('no AWS_SESSION_TOKEN'), expect.stringContaining('terraform not started;')]);
      // (zsh gives each precmd function the status itself; bash's hook hands it on.)
      await sh.run(driver(shell).addPromptHook('later', `echo "later-sees=${driver(shell).status}"`));
      expect((await sh.run('(exit 3)')).stdout).toContain('later-sees=3');
      expect((await sh.run('(exit 130)')).stdout).toContain('later-sees=130');
    }));
});
