import { SHELL_NAMES } from '../../src/shells/Shell';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allCommands } from '../../src/cli/commands/allCommands';
import { runAwscreds } from '../helpers/runAwscreds';
import { awscredsBinDir } from './commandsTestSetup';

const CONFIG = [
  '[profile dev]',
  'sso_session = corp',
  'sso_account_id = 123456789012',
  'sso_role_name = Dev',
  '[profile "my prod"]',
  'region = eu-west-1',
  '[default]',
  'region = eu-west-1',
  '[sso-session corp]',
  'sso_start_url = https://d-1234567890.awsapps.com/start',
  'sso_region = us-east-1',
  '[sso-session other]',
  'sso_start_url = https://d-9999999999.awsapps.com/start',
  '',
].join('\n');

let work: string;
let bin: ReturnType<typeof awscredsBinDir>;
let env: Record<string, string>;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'awscreds-completion-'));
  writeFileSync(join(work, 'config'), CONFIG);
  bin = awscredsBinDir();
  env = { PATH: `${bin.dir}:${process.env.PATH ?? ''}`, HOME: work, AWS_CONFIG_FILE: join(work, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(work, 'none'), LANG: 'C.UTF-8' };
});
afterAll(() => {
  bin.cleanup();
  rmSync(work, { recursive: true, force: true });
});

function run(command: string, args: string[], input?: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(command, args, { env, cwd: work, encoding: 'utf8', input, timeout: 20_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const commandNames = (): string[] => allCommands().map((c) => c.command.split(' ')[0] ?? '');

describe('awscreds completion --list', () => {
  it('prints the profile and sso-session names, one per line', async () => {
    expect((await runAwscreds(['completion', '--list', 'profiles'], env)).stdout).toBe('default\ndev\nmy prod\n');
    expect((await runAwscreds(['completion', '--list', 'sso-sessions'], env)).stdout).toBe('corp\nother\n');
  });
});

describe('bash completion', () => {
  /** Loads the script in a real bash, then calls the completion function as bash would for each line. */
  function complete(lines: string[]): string[][] {
    const calls = lines
      .map((line) => {
        const words = line.split(' ');
        return `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _awscreds_complete; (IFS='|'; printf '%s\\n' "\${COMPREPLY[*]}")`;
      })
      .join('\n');
    const result = run('bash', ['--norc', '--noprofile', '-c', `set -u\neval "$(awscreds completion bash)" || exit 9\ncomplete -p awscreds\n${calls}`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [registration, ...replies] = result.stdout.split('\n');
    expect(registration).toBe('complete -F _awscreds_complete awscreds');
    return replies.slice(0, lines.length).map((r) => (r === '' ? [] : r.split('|')));
  }

  it('completes a file name with a space after exec -- as one word, unglobbed', () => {
    writeFileSync(join(work, 'my file*.txt'), '');
    const [reply] = complete(['awscreds exec --profile dev -- cat my']);
    expect(reply).toEqual(['my file*.txt']);
  });

  it('completes commands, options, option values, profile names and the command after exec --', () => {
    const [top, ex, exportOptions, profiles, profilesM, formats, shells, hook, hookInstall, sessions, afterDashDash, minTtl, debugFirst, optionValueNotCommand, afterEquals] = complete([
      'awscreds ',
      'awscreds ex',
      'awscreds export --',
      'awscreds export --profile ',
      'awscreds export -p my',
      'awscreds export --format ',
      'awscreds unset --shell f',
      'awscreds hook ',
      'awscreds hook install --',
      'awscreds list --sso-session ',
      'awscreds exec --profile dev -- bas',
      'awscreds export --min-ttl ',
      'awscreds --debug li',
      'awscreds export --profile list --f',
      'awscreds export --profile = de',
    ]);
    expect(top).toEqual(commandNames());
    expect(ex).toEqual(['export', 'exec']);
    expect(exportOptions).toEqual(['--profile', '--shell', '--format', '--cache', '--no-cache', '--min-ttl', '--login', '--no-login', '--pick', '--help', '--debug']);
    expect(profiles).toEqual(['default', 'dev', 'my\\ prod']); // quoted for the command line
    expect(profilesM).toEqual(['my\\ prod']);
    expect(formats).toEqual(['shell', 'json', 'dotenv']);
    expect(shells).toEqual(['fish']);
    expect(hook).toEqual(['install', 'uninstall', ...SHELL_NAMES]);
    expect(hookInstall).toEqual(['--shell', '--help', '--debug']);
    expect(sessions).toEqual(['corp', 'other']);
    expect(afterDashDash).toContain('bash');
    expect(afterDashDash).not.toContain('--profile');
    expect(minTtl).toEqual([]);
    expect(debugFirst).toEqual(['list']);
    expect(optionValueNotCommand).toEqual(['--format']);
    expect(afterEquals).toEqual(['default', 'dev']); // `--profile=de`, as bash splits it
  });
});

describe('zsh completion', () => {
  it('loads without error under zsh -f with compinit and registers _awscreds', () => {
    const result = run('zsh', ['-f', '-c', `autoload -Uz compinit && compinit -u -d ${work}/zcompdump\neval "$(awscreds completion zsh)" || exit 9\nprint -r -- $_comps[awscreds] $+functions[_awscreds]`]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('_awscreds 1\n');
  });

  /**
   * Types LINE and a Tab into an interactive zsh on a pseudo-terminal (zsh/zpty), with compadd
   * wrapped to record every match offered; the shell exits after that one completion.
   */
  function complete(line: string): string[] {
    const out = join(work, 'zsh-matches');
    writeFileSync(out, '');
    const driver = [
      'zmodload zsh/zpty',
      'zpty z zsh -f -i',
      `zpty -w z "PS1=''; autoload -Uz compinit; compinit -u -d ${work}/zcompdump"`,
      `zpty -w z 'eval "$(awscreds completion zsh)"'`,
      `zpty -w z 'compadd() { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return; fi; local -a __m; builtin compadd -A __m "$@"; (( $#__m )) && print -rl -- $__m >> ${out}; builtin compadd "$@"; }'`,
      `zpty -w z 'zstyle ":completion:*" insert-tab false; bindkey "^I" complete-word; comppostfuncs=(exit)'`,
      `zpty -w -n z "$1"$'\\t'`,
      'integer i=0; local text',
      'while zpty -t z 2>/dev/null && (( i++ < 200 )); do zpty -r -t z text 2>/dev/null; sleep 0.05; done',
      'zpty -d z 2>/dev/null; true',
    ].join('\n');
    const result = run('zsh', ['-f', '-c', driver, 'driver', line]);
    expect(result.status).toBe(0);
    const matches = run('sort', ['-u', out]).stdout;
    return matches === '' ? [] : matches.trimEnd().split('\n');
  }

  it('completes commands, options, values and names in a real interactive zsh', () => {
    expect(complete('awscreds ')).toEqual([...commandNames()].sort());
    expect(complete('awscreds export --p')).toEqual(['--pick', '--profile']);
    expect(complete('awscreds export --pr')).toEqual(['--profile']);
    expect(complete('awscreds export --profile ')).toEqual(['default', 'dev', 'my\\ prod']);
    expect(complete('awscreds export --format ')).toEqual(['dotenv', 'json', 'shell']);
    expect(complete('awscreds hook install --shell ')).toEqual([...SHELL_NAMES].sort());
    expect(complete('awscreds exec -p dev -- zs')).toContain('zsh');
  });
});

describe('fish completion', () => {
  function complete(line: string): string[] {
    const result = run('fish', ['--no-config', '-c', 'awscreds completion fish | source; or exit 9; complete -C "$argv[1]"', line]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout === '' ? [] : result.stdout.trimEnd().split('\n');
  }

  it('completes commands with descriptions', () => {
    expect(complete('awscreds exp')).toEqual(['export\tPrint one atomic block that exports a complete credential set']);
    expect(complete('awscreds ').map((l) => l.split('\t')[0])).toEqual([...commandNames()].sort());
  });

  it('completes options, their values, profile and sso-session names, and the command after exec --', () => {
    expect(complete('awscreds export --pro')).toEqual(['--profile\tProfile in ~/.aws/config']);
    expect(complete('awscreds export --profile ')).toEqual(['default\tprofile', 'dev\tprofile', 'my prod\tprofile']);
    expect(complete('awscreds list --sso-session ')).toEqual(['corp\tsso-session', 'other\tsso-session']);
    expect(complete('awscreds export --format ')).toEqual(['dotenv\tformat', 'json\tformat', 'shell\tformat']);
    expect(complete('awscreds hook ').map((l) => l.split('\t')[0])).toEqual(['install', 'uninstall', ...SHELL_NAMES].sort());
    expect(complete('awscreds hook install --shell z')).toEqual(['zsh\tshell']);
    expect(complete('awscreds exec -p dev -- fis').map((l) => l.split('\t')[0])).toContain('fish');
    expect(complete('awscreds export --profile list --f').map((l) => l.split('\t')[0])).toEqual(['--format']);
  });
});
