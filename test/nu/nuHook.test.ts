import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyCredentials } from '../../src/states/classifyCredentials';
import { CREDENTIAL_STATES, CREDENTIAL_STATE_IDS, DEFAULT_GUARD_COMMANDS } from '../../src/states/credentialStates';
import { awscredsOnPath, type AwscredsOnPath } from '../hooks/awscredsOnPath';
import { writeHookScript } from '../hooks/hookTestSetup';
import { NU_HOOK_COMMANDS } from '../../src/shells/nu';
import { stateRows } from '../hooks/stateRows';
import { NU, driver } from '../helpers/shellDriver';
import { NEEDS, needing } from '../helpers/needs';
import { startTmuxShell } from '../helpers/tmuxShell';

// nu's prompt hook (shell/hook.nu after the generated definitions), in the real nu.
const root = join(__dirname, '..', '..');
let built: AwscredsOnPath;
let work: string;
beforeAll(() => {
  built = awscredsOnPath();
  work = mkdtempSync(join(tmpdir(), 'awscreds-nuhook-'));
});
afterAll(() => {
  rmSync(built.workDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function runNu(script: string, env: Record<string, string> = {}): { stdout: string; stderr: string } {
  const result = spawnSync(NU, ['--no-config-file', '-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, ...env }, timeout: 60_000, killSignal: 'SIGKILL' });
  return { stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

test('the classifier agrees with classifyCredentials.ts on every row of the state table', () => {
  const hook = writeHookScript('nu', join(work, 'hook.nu'));
  const now = 1_800_000_000;
  const rows = stateRows(now);
  const run = runNu(`source ${JSON.stringify(hook)}; $env.ROWS | from json | each {|row| _awscreds_classify $row.env ${now} } | to json -r | print`, { ROWS: JSON.stringify(rows) });
  expect(run.stderr).toBe('');
  const fromNu = JSON.parse(run.stdout) as Array<{ state: string; minutes: number | null; profile: string }>;
  const fromTs = rows.map((row) => classifyCredentials(row.env, now)).map((d) => ({ state: d.state, minutes: d.minutes ?? null, profile: d.profile }));
  expect(fromNu.map((v, i) => [rows[i]?.label, v])).toEqual(fromTs.map((v, i) => [rows[i]?.label, v]));
  expect(new Set(fromTs.map((v) => v.state)).size).toBeGreaterThan(10); // the rows cover the table
});

test('its levels and guarded commands are the state table\'s', () => {
  const text = readFileSync(join(root, 'shell', 'hook.nu'), 'utf8');
  const levels = /const _awscreds_levels = \{([^}]*)\}/.exec(text)?.[1] ?? '';
  expect(Object.fromEntries([...levels.matchAll(/(\w+): (\w+)/g)].map((m) => [m[1], m[2]]))).toEqual(Object.fromEntries(CREDENTIAL_STATE_IDS.map((id) => [id, CREDENTIAL_STATES[id].level])));
  expect(/^const _awscreds_default_guard_commands = \[(.*)\]$/m.exec(text)?.[1]?.split(' ')).toEqual([...DEFAULT_GUARD_COMMANDS]);
  // The pre_prompt loader names each credential variable the hook holds back (read one by one, for speed).
  const names = /^const _awscreds_credential_names = \[([^\]]*)\]$/m.exec(text)?.[1]?.split(' ') ?? [];
  const loaderCondition = /^ *\{condition: \{\|\| not \(_awscreds_loaded\) and \(\$guards_made_later or (.*)\) \}, code: \$code\}$/m.exec(text)?.[1] ?? '';
  expect(names).toHaveLength(4);
  expect([...loaderCondition.matchAll(/\$env\.(\w+)\? != null/g)].map((m) => m[1])).toEqual(names);
});

// The guards are code made from AWSCREDS_GUARD_COMMANDS (shell/hook.nu, _awscreds_guards_code).
describe('the guards nu defines', () => {
  const guardsCode = (env: Record<string, string>, before = ''): { stdout: string; stderr: string } =>
    runNu(`${before}; source ${JSON.stringify(writeHookScript('nu', join(work, 'hook-guards.nu'), true, false))}; print --no-newline (_awscreds_guards_code)`, env);
  const guard = (name: string): string => `def --env --wrapped "${name}" [...args: string] { _awscreds_guard "${name}" $args }\n`;

  test('the default list\'s code, written out in the hook, is what the general case makes of that list', () => {
    const text = readFileSync(join(root, 'shell', 'hook.nu'), 'utf8');
    const written = /^const _awscreds_default_guards = r#'\n([\s\S]*?)\n'#$/m.exec(text)?.[1];
    const made = guardsCode({});
    expect(made.stderr).toBe('');
    expect(made.stdout).toBe(DEFAULT_GUARD_COMMANDS.map(guard).join(''));
    expect(`${written}\n`).toBe(made.stdout);
  });

  test('a custom list: each command word, in quotes; the user\'s own command, alias or built-in kept; anything else said once and left out', () => {
    const hostile = 'serverless\taws  x.y NaN $(touch PWNED) a;b `id` ls def 9x "q" mine myalias';
    const made = guardsCode({ AWSCREDS_GUARD_COMMANDS: hostile }, 'def mine [] {}; alias myalias = print x; extern serverless []');
    expect(made.stdout).toBe([guard('serverless'), guard('aws'), guard('x.y')].join(''));
    // Once, in inert characters only.
    expect(made.stderr).toBe('awscreds: not a command name, not guarded: NaN ??touch PWNED? a?b ?id? 9x ?q?\n');
    expect(existsSync(join(work, 'PWNED'))).toBe(false);
  });

  test('every name the pattern lets through can be defined and called in nu (a float-like name would stop the whole loader)', () => {
    const names = ['e', 'E', '_', 'a..b', 'x.1', 'e2e', 'a-b', 'true', 'null', 'infinite', 'nano', 'ls', 'do', 'def'];
    const made = guardsCode({ AWSCREDS_GUARD_COMMANDS: names.join(' ') });
    expect(made.stdout).toBe(names.filter((name) => !['ls', 'do', 'def'].includes(name)).map(guard).join('')); // built-ins and keywords kept
    const file = join(work, 'guards-made.nu');
    writeFileSync(file, `def _awscreds_guard [name: string, args: list<string>] { print $"guarded ($name)" }\n${made.stdout}`);
    const called = runNu(`source ${JSON.stringify(file)}; e x; x.1; a..b y; e2e`);
    expect([called.stderr, called.stdout]).toEqual(['', 'guarded e\nguarded x.1\nguarded a..b\nguarded e2e\n']);
    // Positive control: a float-like name is refused by nu's parser, which is why the pattern leaves it out.
    writeFileSync(file, `def --env --wrapped "inf" [...args: string] { }\n`);
    expect(runNu(`source ${JSON.stringify(file)}`).stderr).toContain('Command name not supported');
  });

  test('the loader ends with the default guards, in any mode, unless a list is set; in modes warn and off a guard runs its command unjudged', () => {
    const hook = writeHookScript('nu', join(work, 'hook-guards-mode.nu'), true, false);
    const loaderEnds = (env: Record<string, string>): string => runNu(`source ${JSON.stringify(hook)}; print ($env.config.hooks.pre_execution | last | get code | str substring (-60)..)`, env).stdout;
    expect(loaderEnds({})).toContain('_awscreds_guard "copilot" $args }');
    expect(loaderEnds({ AWSCREDS_HOOK_MODE: 'off' })).toContain('_awscreds_guard "copilot" $args }');
    expect(loaderEnds({ AWSCREDS_GUARD_COMMANDS: 'aws' })).toContain('\n_awscreds_define_guards_next\n');
    const bin = join(work, 'fakebin-modes');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'aws'), '#!/bin/sh\necho "aws ran: $*"\n', { mode: 0o755 });
    const partial = (mode: string): string => runNu(`source ${JSON.stringify(writeHookScript('nu', join(work, 'hook-modes.nu')))}; $env.AWSCREDS_HOOK_MODE = "${mode}"; $env.AWS_ACCESS_KEY_ID = "AKIAMODES00000000001"; aws s3 ls`, { PATH: `${bin}:${process.env.PATH ?? ''}` }).stdout;
    expect([partial('warn'), partial('off'), partial('guard')]).toEqual(['aws ran: s3 ls\n', 'aws ran: s3 ls\n', '']);
  });
});

test('at a prompt: a partial set is held back from commands and said once; completed, it is exported again', () => {
  const hook = writeHookScript('nu', join(work, 'hook-prompt.nu'));
  const run = runNu(
    [
      `source ${JSON.stringify(hook)}`,
      '$env.AWS_ACCESS_KEY_ID = "ASIAPROMPT0000000001"',
      '_awscreds_at_prompt',
      'print $"env=(^env | lines | where {|l| $l starts-with AWS_ACCESS_KEY_ID=} | length) held=($env.AWSCREDS_HELD_BACK) prompt=($env.AWSCREDS_PROMPT)"',
      '_awscreds_at_prompt',
      '$env.AWS_SECRET_ACCESS_KEY = "s"; $env.AWS_SESSION_TOKEN = "t"',
      '_awscreds_at_prompt',
      'print $"env=(^env | lines | where {|l| $l starts-with AWS_ACCESS_KEY_ID=} | length) prompt=($env.AWSCREDS_PROMPT)"',
    ].join('\n'),
  );
  expect(run.stdout).toBe('env=0 held=secret_missing AWS_ACCESS_KEY_ID:20 prompt=!AWS:secret_missing!\nenv=1 prompt=aws:env ?m\n');
  expect(run.stderr.split('\n').filter((l) => l !== '')).toEqual(['awscreds: held back: no AWS_SECRET_ACCESS_KEY; run: awscreds export', 'awscreds: the set is complete: exported to commands again.']);
});

test('a guard refuses aws on a bad set, naming the way through, and lets `aws --version` and a good set pass', () => {
  const hook = writeHookScript('nu', join(work, 'hook-guard.nu'));
  const bin = join(work, 'fakebin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'aws'), '#!/bin/sh\necho "aws ran: $*"\n', { mode: 0o755 });
  const run = runNu(`source ${JSON.stringify(hook)}; $env.AWSCREDS_HOOK_MODE = "guard"; $env.AWS_ACCESS_KEY_ID = "AKIAGUARD00000000001"; aws s3 ls; aws --version; $env.AWS_SECRET_ACCESS_KEY = "s"; aws s3 ls`, { PATH: `${bin}:${process.env.PATH ?? ''}` });
  expect(run.stdout).toBe('aws ran: --version\naws ran: s3 ls\n');
  expect(run.stderr).toContain('awscreds: aws not started; to run it anyway: ^aws ...');
});

test('AWSCREDS_AUTO_REFRESH=1 re-exports a profile whose name starts with a dash, with the real awscreds', () => {
  const hook = writeHookScript('nu', join(work, 'hook-refresh.nu'));
  const dir = mkdtempSync(join(built.workDir, 'dash-profile-'));
  writeFileSync(join(dir, 'config'), '[profile -dev]\naws_access_key_id = AKIADASHPROFILE00001\naws_secret_access_key = dashSecret0123456789\n');
  const bin = join(dir, 'fakebin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'aws'), '#!/bin/sh\necho "aws saw: key=${AWS_ACCESS_KEY_ID:-unset} token=${AWS_SESSION_TOKEN:-unset}"\n', { mode: 0o755 });
  const key = 'ASIASTALE00000000001';
  const env = {
    PATH: `${bin}:${built.binDir}:/usr/local/bin:/usr/bin:/bin`, HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWSCREDS_AUTO_REFRESH: '1',
    AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'staleToken0123456789', AWSCREDS_KEY_ID: key, AWSCREDS_TOKEN_FP: '20:23456789', AWSCREDS_EXPIRES_AT: String(Math.floor(Date.now() / 1000) - 60), AWSCREDS_PROFILE: '-dev',
  };
  const run = runNu(`source ${JSON.stringify(hook)}; aws s3 ls`, env);
  expect(run.stdout).toBe('aws saw: key=AKIADASHPROFILE00001 token=unset\n');
  // Positive control: without the variable the expired set is refused.
  const refused = runNu(`source ${JSON.stringify(hook)}; aws s3 ls`, { ...env, AWSCREDS_AUTO_REFRESH: '0' });
  expect([refused.stdout, refused.stderr]).toEqual(['', expect.stringContaining('aws not started')]);
});

test('hook install --shell nu writes its own autoload file and the hook file; uninstall gives back the bytes before', () => {
  const home = mkdtempSync(join(built.workDir, 'home-nu-'));
  const env = { PATH: `${built.binDir}:/usr/local/bin:/usr/bin:/bin`, HOME: home };
  const autoload = join(home, '.config', 'nushell', 'autoload');
  mkdirSync(autoload, { recursive: true });
  const mine = join(autoload, 'mine.nu');
  writeFileSync(mine, '$env.MINE = 1\n');
  const awscreds = (...args: string[]): string => execFileSync(join(built.binDir, 'awscreds'), args, { env, encoding: 'utf8' });
  expect(awscreds('hook', 'install', '--shell', 'nu')).toContain('exec nu');
  const rc = join(autoload, 'awscreds.nu');
  expect(existsSync(join(home, '.local', 'share', 'awscreds', 'hook.nu'))).toBe(true);
  // The block, as nu's autoload sources it: the hook's two pre_prompt steps (the loader, the prompt step) and its pre_execution loader are registered and nothing is printed.
  const start = spawnSync(NU, ['--no-config-file', '-c', `source ${JSON.stringify(rc)}; print $"($env.config.hooks.pre_prompt | length) ($env.config.hooks.pre_execution | length)"`], { env, encoding: 'utf8' });
  expect([start.stderr, start.stdout.trim().split('\n').pop()]).toEqual(['', '2 1']);
  expect(awscreds('hook', 'install', '--shell', 'nu')).toContain('already');
  awscreds('hook', 'uninstall', '--shell', 'nu');
  expect(existsSync(rc)).toBe(false);
  expect(existsSync(join(home, '.local', 'share', 'awscreds', 'hook.nu'))).toBe(false);
  expect(readFileSync(mine, 'utf8')).toBe('$env.MINE = 1\n');
});

test('`awscreds completion nu` gives nu every command\'s options and the config\'s profile names', () => {
  const home = mkdtempSync(join(built.workDir, 'home-nucomp-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n[profile "my prod"]\nregion = eu-west-1\n');
  const env = { PATH: `${built.binDir}:/usr/local/bin:/usr/bin:/bin`, HOME: home };
  const file = join(home, 'completion.nu');
  writeFileSync(file, execFileSync(join(built.binDir, 'awscreds'), ['completion', 'nu'], { env, encoding: 'utf8' }));
  const run = runNu(`source ${JSON.stringify(file)}; print (scope commands | where name == "awscreds export" | get 0.signatures | values | first | where parameter_type in [named switch] | get parameter_name | str join ' '); print (nu-complete awscreds profiles | str join ',')`, env);
  expect(run.stderr).toBe('');
  // (nu lists --help on its own.)
  expect(run.stdout).toBe('profile shell format cache no-cache min-ttl login no-login pick debug\ndev,my prod\n');
});

test('the hook registers once per nu: a second source adds nothing, and an inherited _AWSCREDS_HOOKED (a string) is not trusted', () => {
  const hook = writeHookScript('nu', join(work, 'hook-twice.nu'));
  const count = 'print $"($env.config.hooks.pre_prompt | length) ($env.config.hooks.pre_execution | length)"';
  const src = `source ${JSON.stringify(hook)}`;
  expect(runNu(`${src}; ${src}; ${count}`)).toEqual({ stdout: '2 1\n', stderr: '' });
  // Positive control: without its marker, a second source registers again.
  expect(runNu(`${src}; hide-env _AWSCREDS_HOOKED; ${src}; ${count}`)).toEqual({ stdout: '4 2\n', stderr: '' });
  expect(runNu(`${src}; ${count}`, { _AWSCREDS_HOOKED: 'x' })).toEqual({ stdout: '2 1\n', stderr: '' });
});

test('the commands the hook defines in place of the executable\'s are NU_HOOK_COMMANDS, each with the completer', () => {
  const text = readFileSync(join(root, 'shell', 'hook.nu'), 'utf8');
  expect([...text.matchAll(/^@complete '_awscreds_complete'\ndef --env --wrapped "awscreds (\w+)" /gm)].map((m) => m[1])).toEqual([...NU_HOOK_COMMANDS]);
  expect([...text.matchAll(/^def --env --wrapped "awscreds (\w+)" /gm)].map((m) => m[1])).toEqual([...NU_HOOK_COMMANDS]);
});

test('the completion script completes the hook\'s `awscreds export` and `unset`: options, their values, the config\'s profiles', () => {
  const home = mkdtempSync(join(built.workDir, 'home-nucomplete-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n[profile "my prod"]\nregion = eu-west-1\n');
  const env = { PATH: `${built.binDir}:/usr/local/bin:/usr/bin:/bin`, HOME: home };
  const file = join(home, 'completion.nu');
  writeFileSync(file, execFileSync(join(built.binDir, 'awscreds'), ['completion', 'nu'], { env, encoding: 'utf8' }));
  const cases = [
    ['awscreds export', '--p'],
    ['awscreds export', '--profile', ''],
    ['awscreds export', '-p', 'my'],
    ['awscreds export', '--format', ''],
    ['awscreds export', '--min-ttl', ''],
    ['awscreds export', 'x'],
    ['awscreds  unset', ''],
    ['awscreds login', '--'],
  ];
  const run = runNu(`source ${JSON.stringify(file)}; $env.CASES | from json | each {|spans| do $env._AWSCREDS_COMPLETE $spans | if ($in | describe) =~ '^table' { get value } else { $in } | to json -r } | str join "\n" | print`, { ...env, CASES: JSON.stringify(cases) });
  expect(run.stderr).toBe('');
  expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
    ['--profile', '--pick'],
    ['dev', 'my prod'],
    ['my prod'],
    ['shell', 'json', 'dotenv'],
    [],
    [],
    ['--shell', '--help', '-h', '--debug'],
    null, // not a command the hook defines: its extern completes it
  ]);
});

// The check that the hook file is current runs in the loader (src/shells/nu.ts), at the first
// command line of an interactive nu (tmux answers reedline's terminal queries), not at start.
needing('nu interactive', NEEDS.tmux).test('the hook file stays current: another awscreds on PATH makes the first command line rewrite it once, for the next shell', async () => {
  const home = mkdtempSync(join(built.workDir, 'home-nustale-'));
  const env = { PATH: `${built.binDir}:/usr/local/bin:/usr/bin:/bin`, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
  execFileSync(join(built.binDir, 'awscreds'), ['hook', 'install', '--shell', 'nu'], { env, stdio: 'pipe' });
  writeFileSync(join(home, driver('nu').userRcFile), driver('nu').promptRc('NU> '));
  const rc = join(home, '.config', 'nushell', 'autoload', 'awscreds.nu');
  const hookFile = join(home, '.local', 'share', 'awscreds', 'hook.nu');
  /** What an interactive nu said by its first command line (the first line the driver types), the hook file after it, and whether the classifier loaded. */
  const session = async (path: string): Promise<{ said: string[]; text: string; loaded: boolean }> => {
    const sh = await startTmuxShell([NU], { ...env, PATH: path }, (marker) => `print ("@@" + "${marker}" + "@@")`, 'NU> ');
    try {
      const loaded = (await sh.run('print $"loaded=(_awscreds_loaded)"')).includes('loaded=true');
      return { said: sh.screen().split('\n').filter((line) => line.startsWith('awscreds:')), text: readFileSync(hookFile, 'utf8'), loaded };
    } finally {
      sh.close();
    }
  };
  const written = readFileSync(hookFile, 'utf8');
  // Current: nothing said, nothing rewritten.
  expect(await session(env.PATH)).toEqual({ said: [], text: written, loaded: true });
  // An awscreds first on PATH that fails: said so, nothing rewritten, and the loader goes on.
  const failing = join(home, 'failingbin');
  mkdirSync(failing);
  writeFileSync(join(failing, 'awscreds'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });
  expect(await session(`${failing}:${env.PATH}`)).toEqual({ said: ['awscreds: could not rewrite the stale nushell hook; run: awscreds hook install'], text: written, loaded: true });
  // Another awscreds first on PATH: rewritten for it, once, at the first command line.
  const other = join(home, 'otherbin');
  mkdirSync(other);
  writeFileSync(join(other, 'awscreds'), readFileSync(join(built.binDir, 'awscreds')), { mode: 0o755 });
  const path = `${other}:${env.PATH}`;
  // Not at start: a start that runs no command line (the block sourced, as nu's autoload does) says nothing and rewrites nothing.
  const started = spawnSync(NU, ['--no-config-file', '-c', `source ${JSON.stringify(rc)}`], { env: { ...env, PATH: path }, encoding: 'utf8' });
  expect({ stderr: started.stderr, text: readFileSync(hookFile, 'utf8') }).toEqual({ stderr: '', text: written });
  const stale = await session(path);
  expect([stale.said, stale.loaded]).toEqual([['awscreds: rewrote the nushell hook for the awscreds on PATH; run: exec nu'], true]);
  expect(stale.text).toContain(JSON.stringify(join(other, 'awscreds')).slice(1, -1));
  expect(await session(path)).toEqual({ said: [], text: stale.text, loaded: true });
}, 90_000);

test('a hostile profile name (the config, AWSCREDS_PROFILE) reaches the message and the prompt segment only as inert characters', () => {
  const hook = writeHookScript('nu', join(work, 'hook-hostile.nu'));
  const key = 'ASIAHOSTILE000000001';
  const profile = '$(touch PWNED)`x`\u001b]0;t\u0007\\"\'';
  const env = { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'hostileToken0123456789', AWSCREDS_KEY_ID: key, AWSCREDS_TOKEN_FP: '22:23456789', AWSCREDS_EXPIRES_AT: '100', AWSCREDS_PROFILE: profile };
  const run = runNu(`source ${JSON.stringify(hook)}; $env.AWSCREDS_HOOK_MODE = "warn"; _awscreds_at_prompt; print $env.AWSCREDS_PROMPT`, env);
  // What the bash, zsh and fish hooks show too: only characters no prompt or terminal interprets.
  const shown = profile.replace(/[^A-Za-z0-9 _.@+=,/:-]/g, '?');
  expect(shown).toBe('??touch PWNED??x???0?t????');
  expect(run.stdout).toBe(`aws:${shown} EXPIRED\n`);
  expect(run.stderr).toBe(`awscreds: set expired; run: awscreds export -p ${shown}\n`);
  expect(existsSync(join(work, 'PWNED'))).toBe(false);
});
