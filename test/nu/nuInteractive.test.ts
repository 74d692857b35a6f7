import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awscredsOnPath, type AwscredsOnPath } from '../hooks/awscredsOnPath';
import { NU, driver } from '../helpers/shellDriver';
import { NEEDS, needing } from '../helpers/needs';
import { startTmuxShell, type TmuxShell } from '../helpers/tmuxShell';

// nu as a user has it: interactive, in a terminal (tmux, which answers reedline's cursor
// queries), with the block `awscreds hook install --shell nu` wrote in autoload, and the built
// awscreds on PATH. A profile of static keys exports without a network.
jest.setTimeout(90_000);
const maybe = needing('nu interactive', NEEDS.tmux).describe;

let built: AwscredsOnPath;
beforeAll(() => (built = awscredsOnPath()));
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));

const KEY = 'AKIANUINTERACTIVE001';

async function withNu(body: (sh: TmuxShell) => Promise<void>, options: { wrapper?: readonly string[]; userRc?: string; env?: Record<string, string>; inHome?: (home: string) => void; firstLine?: string; completion?: boolean; pasteGrace?: boolean } = {}): Promise<void> {
  const home = mkdtempSync(join(built.workDir, 'home-nu-'));
  const fakeBin = join(home, 'fakebin');
  mkdirSync(fakeBin);
  for (const name of ['aws', 'serverless', 'terraform']) {
    writeFileSync(join(fakeBin, name), `#!/bin/sh\nprintf "${name} saw: key=%s token=%s\\n" "\${AWS_ACCESS_KEY_ID:-unset}" "\${AWS_SESSION_TOKEN:-unset}"\n`, { mode: 0o755 });
  }
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'credentials'), `[dev]\naws_access_key_id = ${KEY}\naws_secret_access_key = nuSecret/0123456789\n`);
  writeFileSync(join(home, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n');
  mkdirSync(join(home, '.config', 'nushell'), { recursive: true });
  writeFileSync(join(home, driver('nu').userRcFile), `${driver('nu').promptRc('NU> ')}${options.userRc ?? ''}`);
  // The paste grace off, as in the other shells' hook tests (hookTestSetup): a test types faster than a person.
  const grace: Record<string, string> = options.pasteGrace === true ? {} : { AWSCREDS_PASTE_GRACE: '0' };
  const env = { HOME: home, PATH: `${fakeBin}:${built.binDir}:/usr/local/bin:/usr/bin:/bin`, XDG_CONFIG_HOME: join(home, '.config'), ...grace, ...options.env };
  execFileSync(join(built.binDir, 'awscreds'), ['hook', 'install', '--shell', 'nu'], { env, stdio: 'pipe' });
  if (options.completion === true) {
    mkdirSync(join(home, '.config', 'nushell', 'autoload'), { recursive: true });
    writeFileSync(join(home, '.config', 'nushell', 'autoload', 'awscreds-completion.nu'), execFileSync(join(built.binDir, 'awscreds'), ['completion', 'nu'], { env }));
  }
  const sh = await startTmuxShell([...(options.wrapper ?? []), NU], env, (marker) => `print ("@@" + "${marker}" + "@@")`, 'NU> ', 20_000, options.firstLine);
  try {
    await body(sh);
  } finally {
    sh.close();
  }
  options.inHome?.(home);
}

maybe('nu with the hook installed', () => {
  test('`awscreds export --profile dev` typed in nu exports the set and clears a stale token', () =>
    withNu(async (sh) => {
      await sh.run('$env.AWS_SESSION_TOKEN = "stale"; $env.AWS_SECRET_ACCESS_KEY = "old"; $env.AWS_ACCESS_KEY_ID = "ASIAOLD0000000000001"');
      const exported = await sh.run('awscreds export --profile dev');
      expect(exported).not.toContain('awscreds:');
      expect(await sh.run('^aws s3 ls')).toContain(`aws saw: key=${KEY} token=unset`);
      expect(await sh.run('print $env.AWSCREDS_PROMPT')).toContain('aws:dev');
    }));

  test('the documented load line, without --shell: awscreds detects nu from the hook and prints for it', () =>
    withNu(async (sh) => {
      await sh.run('^awscreds export --profile dev | lines | last | from json | load-env');
      expect(await sh.run('^aws s3 ls')).toContain(`aws saw: key=${KEY}`);
    }));

  test('a partial set is said at the prompt and held back; the guard refuses aws; completed, it is exported again', () =>
    withNu(async (sh) => {
      const partial = await sh.run('$env.AWS_ACCESS_KEY_ID = "ASIAPARTIAL000000001"');
      expect(partial).toContain('awscreds: held back: no AWS_SECRET_ACCESS_KEY; run: awscreds export');
      expect(await sh.run('^aws s3 ls')).toContain('aws saw: key=unset');
      expect(await sh.run('aws s3 ls')).toContain('awscreds: aws not started; to run it anyway: ^aws ...');
      const completed = await sh.run('$env.AWS_SECRET_ACCESS_KEY = "s"; $env.AWS_SESSION_TOKEN = "t"');
      expect(completed).toContain('awscreds: the set is complete: exported to commands again.');
      expect(await sh.run('aws s3 ls')).toContain('aws saw: key=ASIAPARTIAL000000001 token=t');
    }));

  // The classifier is parsed only when first needed (shell/hook.nu, `_awscreds_later`): these
  // fail when either loader is missing (without it the prompt says nothing and `aws` is the
  // external command).
  test('a partial set inherited at start is judged at the first prompt, before any command line', () =>
    withNu(
      async (sh) => {
        expect(await sh.run('print $"prompt=($env.AWSCREDS_PROMPT)"')).toContain('prompt=!AWS:secret_missing!');
        const screen = sh.screen();
        const said = screen.indexOf('awscreds: held back: no AWS_SECRET_ACCESS_KEY');
        expect([said >= 0, said < screen.indexOf('NU> print')]).toEqual([true, true]); // said before the first line typed
      },
      { env: { AWS_ACCESS_KEY_ID: 'ASIAINHERITED0000001' } },
    ));

  test('a partial set made in config.nu (before the hook is sourced) is judged at the first prompt too', () =>
    withNu(
      async (sh) => {
        expect(await sh.run('print $"prompt=($env.AWSCREDS_PROMPT)"')).toContain('prompt=!AWS:key_missing!');
        const screen = sh.screen();
        const said = screen.indexOf('awscreds: held back: no AWS_ACCESS_KEY_ID');
        expect([said >= 0, said < screen.indexOf('NU> print')]).toEqual([true, true]);
      },
      { userRc: '$env.AWS_SECRET_ACCESS_KEY = "fromConfig"\n' },
    ));

  test('the first command line is guarded: a partial set made in it stops aws', () =>
    withNu(
      async (sh) => {
        expect(sh.first).toContain('awscreds: aws not started; to run it anyway: ^aws ...');
        expect(sh.first).not.toContain('aws saw:');
      },
      { firstLine: '$env.AWS_ACCESS_KEY_ID = "ASIAFIRSTLINE0000001"; aws s3 ls' },
    ));
});

maybe('nu: AWSCREDS_GUARD_COMMANDS', () => {
  test('a custom list guards its commands from the first command line on, and not the defaults; a command of the user\'s is kept; other entries are said once, inert', () =>
    withNu(
      async (sh) => {
        const first = sh.first; // the first command line nu runs
        expect(first).toContain('awscreds: serverless not started; to run it anyway: ^serverless ...');
        expect(first).not.toContain('serverless saw:');
        // aws is not in the list: it runs (without the held-back key), unjudged.
        const aws = await sh.run('aws s3 ls');
        expect([aws.includes('aws saw: key=unset'), aws.includes('not started')]).toEqual([true, false]);
        expect(await sh.run('terraform plan')).toContain('users-own-terraform');
        expect(await sh.run('$env.AWS_SECRET_ACCESS_KEY = "s"; $env.AWS_SESSION_TOKEN = "t"; serverless deploy')).toContain('serverless saw: key=ASIACUSTOMLIST000001 token=t');
        const said = sh.screen().split('\n').filter((line) => line.includes('not a command name'));
        expect(said).toEqual(['awscreds: not a command name, not guarded: ??touch PWNED? inf']);
        await sh.run('^touch control');
      },
      { firstLine: 'cd ~; $env.AWS_ACCESS_KEY_ID = "ASIACUSTOMLIST000001"; serverless deploy', env: { AWSCREDS_GUARD_COMMANDS: 'serverless terraform $(touch PWNED) inf' }, userRc: 'def terraform [...args] { print users-own-terraform }\n', inHome: (home) => expect([existsSync(join(home, 'control')), existsSync(join(home, 'PWNED')), existsSync('PWNED')]).toEqual([true, false, false]) },
    ));
});

maybe('nu: completion with the hook loaded', () => {
  // What a line shows after Tab: `ZZ` typed after it marks where the line editor left the cursor.
  // (nu adds no blank after what a custom completer gave, as for the profile of an extern.)
  async function afterTab(sh: TmuxShell, text: string): Promise<string> {
    sh.type(text, 'Tab');
    sh.type('ZZ');
    // (`| ` after the prompt: a completion menu is open.)
    const line = (await sh.until(/NU> (\| )?awscreds .*ZZ/)).split('\n').filter((l) => /NU> (\| )?awscreds .*ZZ/.test(l)).pop() ?? '';
    sh.type('', 'C-c');
    await sh.run('');
    return line.replace(/^NU> (\| )?/, '').trimEnd();
  }
  // The hook is loaded by the first command line: `awscreds export` is then its command, not the extern.
  const loaded = async (sh: TmuxShell): Promise<void> => expect(await sh.run('print (scope commands | where name == "awscreds export" | get 0.type)')).toContain('custom');

  test('`awscreds export --pro<Tab>` gives --profile, and `--profile <Tab>` the config\'s profile; `awscreds unset --sh<Tab>` gives --shell', () =>
    withNu(async (sh) => {
      await loaded(sh);
      expect(await afterTab(sh, 'awscreds export --pro')).toBe('awscreds export --profileZZ');
      expect(await afterTab(sh, 'awscreds export --profile ')).toBe('awscreds export --profile devZZ');
      expect(await afterTab(sh, 'awscreds export --shell f')).toBe('awscreds export --shell fishZZ');
      expect(await afterTab(sh, 'awscreds unset --sh')).toBe('awscreds unset --shellZZ');
      // What was completed runs as typed: the hook applies the export.
      await sh.run('awscreds export --profile dev');
      expect(await sh.run('^aws s3 ls')).toContain(`aws saw: key=${KEY}`);
    }, { completion: true }));

  test('positive control: without the completion script nothing completes there', () =>
    withNu(async (sh) => {
      await loaded(sh);
      expect(await afterTab(sh, 'awscreds export --pro')).toBe('awscreds export --proZZ');
    }));
});

maybe('nu: the paste grace', () => {
  // The access portal's three lines, in nu. Without bracketed paste each is a command line with
  // a prompt after it; with it (nu turns it on where the terminal has it) a paste is one line.
  const PORTAL = [
    '$env.AWS_ACCESS_KEY_ID = "ASIAPASTE00000000001"',
    '$env.AWS_SECRET_ACCESS_KEY = "pasteSecret0123456789abcdefghijklmnopqrs"',
    '$env.AWS_SESSION_TOKEN = "IQoJb3JpZ2luX2VjEPasteToken0123456789+/=="',
  ];
  const SAID = {
    secret: 'awscreds: held back: no AWS_SECRET_ACCESS_KEY; run: awscreds export',
    token: 'awscreds: held back: no AWS_SESSION_TOKEN; run: awscreds export',
    complete: 'awscreds: the set is complete: exported to commands again.',
  };
  const messages = (text: string): string[] => text.split('\n').map((line) => line.trimEnd()).filter((line) => line.startsWith('awscreds:'));
  // More than a second after the last prompt: only the paste itself is quick.
  const pause = (ms = 1_100): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const exported = async (sh: TmuxShell): Promise<string[]> => (await sh.run('^env | lines | where $it =~ "^AWS_" | sort | each {|l| $"E:($l)" } | str join "\\n" | print')).split('\n').filter((l) => l.startsWith('E:AWS_')).map((l) => l.slice(2).split('=')[0] ?? '');

  test('typed one by one, a second or more apart, each partial set is said in one line of at most 80 columns (the control)', () =>
    withNu(async (sh) => {
      const said: string[][] = [];
      for (const line of PORTAL) {
        await pause();
        said.push(messages(await sh.run(line)));
      }
      expect(said).toEqual([[SAID.secret], [SAID.token], [SAID.complete]]);
      for (const line of said.flat()) expect([line, line.length <= 80]).toEqual([line, true]);
    }, { pasteGrace: true }));

  test('pasted without bracketed paste, only the first line is said (it follows an old prompt), and the release; with bracketed paste nothing', () =>
    withNu(async (sh) => {
      await pause();
      expect(messages(await sh.paste(`${PORTAL.join('\n')}\n`, false))).toEqual([SAID.secret, SAID.complete]);
      expect(await exported(sh)).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
      await sh.run('hide-env AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN');
      await pause();
      expect(messages(await sh.paste(PORTAL.join('\n'), true))).toEqual([]);
      expect(await exported(sh)).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
    }, { pasteGrace: true }));

  test('positive control: AWSCREDS_PASTE_GRACE=0 (the other tests\' setting) says each line of the paste', () =>
    withNu(async (sh) => {
      await pause();
      expect(messages(await sh.paste(`${PORTAL.join('\n')}\n`, false))).toEqual([SAID.secret, SAID.token, SAID.complete]);
    }));

  test('a paste that leaves the set partial is held back, refused by a guard meanwhile, and said at the next prompt that is not quick', () =>
    withNu(async (sh) => {
      await pause();
      expect(messages(await sh.paste(`${PORTAL.slice(0, 2).join('\n')}\n`, false))).toEqual([SAID.secret]);
      const refused = await sh.run('aws s3 ls');
      expect(refused).toContain('awscreds: aws not started');
      expect(refused).not.toContain('aws saw:');
      expect(await exported(sh)).toEqual([]);
      await pause();
      // Said once: at the prompt after aws if that came a second or more after the paste, else here.
      expect([...messages(refused), ...messages(await sh.run('null'))].filter((line) => line === SAID.token)).toHaveLength(1);
    }, { pasteGrace: true }));
});

needing('nu: no process per prompt', NEEDS.tmux, NEEDS.strace).describe('nu prompts start no process', () => {
  // The processes nu starts while `prompts` empty lines are typed, with a complete set exported.
  async function processes(prompts: number, userRc = ''): Promise<number> {
    const trace = join(mkdtempSync(join(built.workDir, 'strace-')), 'trace');
    await withNu(async (sh) => {
      await sh.run('awscreds export --profile dev');
      for (let i = 0; i < prompts; i += 1) await sh.run('null');
    }, { wrapper: ['strace', '-f', '-qq', '-e', 'trace=fork,vfork,clone,clone3', '-o', trace], userRc });
    return readFileSync(trace, 'utf8').split('\n').filter((line) => /\b(fork|vfork|clone3?)\(/.test(line) && !line.includes('CLONE_THREAD') && !line.includes('resumed>')).length;
  }

  test('20 prompts start as many processes as 3', async () => {
    const few = await processes(3);
    const many = await processes(20);
    expect(many).toBe(few);
  });

  test('positive control: a pre_prompt hook that runs a command is seen at every prompt', async () => {
    const rc = '$env.config.hooks.pre_prompt = [{|| ^true }]\n';
    const few = await processes(3, rc);
    const many = await processes(20, rc);
    expect(many - few).toBeGreaterThanOrEqual(17);
  });
});
