// The hook file is code the shell sources at every start: where it goes, who may write there,
// and what it records about the awscreds that wrote it.
import { driver } from '../helpers/shellDriver';
import { SHELL_NAMES } from '../../src/shells/Shell';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, hookFilePath, hookFileSources, hookShellSource, readHookAsset, removeHookFile, renderHookFile, withoutCommentLines, writeHookFile } from '../../src/hooks/hookFile';
import { renderHookScript } from '../../src/hooks/hookScript';
import { AwscredsError } from '../../src/runtime/AwscredsError';
import { exitCodeOf } from '../../src/runtime/exitCodes';
import { compactFishScript, FISH_LOADED_ON_FIRST_CALL } from '../../src/shells/fish';
import { shellByName } from '../../src/shells/registry';
import { errorOf as refusal } from '../helpers/errorOf';
import { runShellScript } from '../helpers/runShellScript';
import { NEEDS, needing } from '../helpers/needs';

const work = mkdtempSync(join(tmpdir(), 'awscreds-hookfile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const dir = (): string => {
  n += 1;
  const d = join(work, `d${n}`);
  mkdirSync(d, { mode: 0o700 });
  return d;
};

describe('hookFilePath', () => {
  test('${XDG_DATA_HOME:-$HOME/.local/share}/awscreds/hook.<shell>, as the rc block spells it', () => {
    expect(hookFilePath(shellByName('bash'), '/h', {})).toBe('/h/.local/share/awscreds/hook.bash');
    expect(hookFilePath(shellByName('fish'), '/h', { XDG_DATA_HOME: '/d' })).toBe('/d/awscreds/hook.fish');
    expect(hookFilePath(shellByName('zsh'), '/h', { XDG_DATA_HOME: '' })).toBe('/h/.local/share/awscreds/hook.zsh');
    expect(() => hookFilePath(shellByName('zsh'), '/h', { XDG_DATA_HOME: 'rel' })).toThrow(/\$XDG_DATA_HOME is "rel", not an absolute path/);
  });
});

describe('writeHookFile', () => {
  const asRoot = needing('hookFile: directories of other users', NEEDS.root).test;

  test('creates the directories 0700 and the file 0644 (no secret in it), atomically replacing an old one', () => {
    const home = dir();
    const file = join(home, 'share', 'awscreds', 'hook.bash');
    writeHookFile(file, 'one\n', home);
    writeHookFile(file, 'two\n', home);
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(join(file, '..', '..')).mode & 0o777).toBe(0o700);
  });

  test.each([
    ['its own directory', 'awscreds'],
    ['a directory above it', '.'],
  ])('refuses %s when group or others may write to it, sticky or not; 0755 is fine (control)', (_name, which) => {
    const home = dir();
    const file = join(home, 'awscreds', 'hook.zsh');
    mkdirSync(join(home, 'awscreds'), { mode: 0o700 });
    const target = join(home, which);
    for (const [mode, by] of [[0o775, 'group'], [0o777, 'others'], [0o1777, 'others']] as const) {
      chmodSync(target, mode);
      const error = refusal(() => writeHookFile(file, 'x\n', home));
      expect(error.exitCode).toBe(exitCodeOf('FILESYSTEM'));
      expect(error.message).toContain(`${join(target)} is writable by ${by}`);
      expect(error.message).toContain(file);
      expect(existsSync(file)).toBe(false);
    }
    chmodSync(target, 0o755);
    writeHookFile(file, 'x\n', home);
    expect(existsSync(file)).toBe(true);
  });

  test('outside HOME every directory up to / is checked: under a sticky /tmp-like directory is refused', () => {
    const sticky = dir();
    chmodSync(sticky, 0o1777);
    const file = join(sticky, 'xdg', 'awscreds', 'hook.bash');
    expect(refusal(() => writeHookFile(file, 'x\n', '/nonexistent-home')).message).toContain(`${sticky} is writable by others`);
    expect(existsSync(join(sticky, 'xdg'))).toBe(false); // nothing created before the checks
    chmodSync(sticky, 0o700);
    writeHookFile(file, 'x\n', sticky); // control: inside HOME the walk stops there
    expect(existsSync(file)).toBe(true);
  });

  asRoot('refuses a directory on the way that belongs to another user (neither you nor root); root\'s is fine (control)', () => {
    const outer = dir();
    const theirs = join(outer, 'theirs');
    mkdirSync(theirs, { mode: 0o755 });
    chownSync(theirs, 1234, 1234);
    const file = join(theirs, 'awscreds', 'hook.fish');
    expect(refusal(() => writeHookFile(file, 'x\n', outer)).message).toContain(`${theirs} belongs to user id 1234`);
    expect(existsSync(join(theirs, 'awscreds'))).toBe(false);
    chownSync(theirs, 0, 0);
    writeHookFile(file, 'x\n', outer);
    expect(existsSync(file)).toBe(true);
  });

  asRoot('checks the path as the shell traverses it: a symbolic link another user planted is refused, though its target is root\'s', () => {
    const home = dir();
    const real = join(home, 'real');
    mkdirSync(real, { mode: 0o700 });
    const link = join(home, 'share');
    spawnSync('ln', ['-s', real, link]);
    spawnSync('chown', ['-h', '1234:1234', link]);
    const file = join(link, 'awscreds', 'hook.bash');
    expect(refusal(() => writeHookFile(file, 'x\n', home)).message).toContain(`${link} belongs to user id 1234`);
    expect(existsSync(join(real, 'awscreds'))).toBe(false);
    spawnSync('chown', ['-h', '0:0', link]); // control: root's own link
    writeHookFile(file, 'x\n', home);
    expect(existsSync(join(real, 'awscreds', 'hook.bash'))).toBe(true);
  });

  asRoot('as root with another user\'s HOME (sudo -E), refuses before creating anything in it', () => {
    const home = dir();
    chownSync(home, 1234, 1234);
    const file = join(home, '.local', 'share', 'awscreds', 'hook.bash');
    const error = refusal(() => writeHookFile(file, 'x\n', home));
    expect(error.message).toContain(`${home} belongs to user id 1234, and you are root`);
    expect(error.fix).toContain('without sudo');
    expect(existsSync(join(home, '.local'))).toBe(false);
    chownSync(home, 0, 0); // control: root's own home
    writeHookFile(file, 'x\n', home);
    expect(existsSync(file)).toBe(true);
  });

  test('refuses a relative path', () => {
    expect(refusal(() => writeHookFile('hook.bash', 'x\n', '/h')).exitCode).toBe(exitCodeOf('USAGE'));
  });

  test('removeHookFile deletes the file, and the directory once it is empty', () => {
    const home = dir();
    const awscredsDir = join(home, 'awscreds');
    writeHookFile(join(awscredsDir, 'hook.bash'), 'x\n', home);
    writeHookFile(join(awscredsDir, 'hook.zsh'), 'x\n', home);
    expect(removeHookFile(join(awscredsDir, 'hook.bash'))).toBe(true);
    expect(existsSync(awscredsDir)).toBe(true);
    expect(removeHookFile(join(awscredsDir, 'hook.zsh'))).toBe(true);
    expect(existsSync(awscredsDir)).toBe(false);
    expect(removeHookFile(join(awscredsDir, 'hook.zsh'))).toBe(false);
  });
});

describe('findOnPath', () => {
  test('the first executable file, spelled DIR/name', () => {
    const a = dir();
    const b = dir();
    writeFileSync(join(a, 'awscreds'), '#!/bin/sh\n'); // not executable: skipped
    writeFileSync(join(b, 'awscreds'), '#!/bin/sh\n');
    chmodSync(join(b, 'awscreds'), 0o755);
    expect(findOnPath('awscreds', `${a}:${b}/:/nonexistent`)).toBe(`${b}/awscreds`);
    expect(findOnPath('awscreds', `${a}:/nonexistent`)).toBeUndefined();
  });
});

describe('renderHookFile', () => {
  test.each(SHELL_NAMES)('%s: records version, file, awscreds and sources quoted for the shell, then the hook', (name) => {
    const shell = shellByName(name);
    const hostile = "/home/o'brien $HOME `x`/.local/share/awscreds/hook";
    // nu's check runs in its loader string (below): its body has one, and `'` is \u{27} in it.
    const body = name === 'nu' ? "const _awscreds_later = r#'\nHOOK BODY\n'#\n" : 'HOOK BODY\n';
    const text = renderHookFile(shell, { version: '9.8.7', file: hostile, bin: '/opt/a b/awscreds', sources: hookFileSources(shell, '/pkg') }, body);
    expect(text).toMatch(/^# awscreds 9\.8\.7: the /);
    expect(text.endsWith(name === 'nu' ? "HOOK BODY\n'#\n" : 'HOOK BODY\n')).toBe(true);
    expect(text).toContain(name === 'nu' ? shell.escape(hostile).replace(/'/g, '\\u{27}') : shell.escape(hostile));
    expect(text).toContain(shell.escape('/opt/a b/awscreds'));
    expect(text).toContain('/pkg/dist/main.cjs');
    expect(text).toContain(`/pkg/shell/hook.${name}`);
    if (shell.hookSharedFile !== undefined) expect(text).toContain(`/pkg/shell/${shell.hookSharedFile}`);
    // The shell parses it: a syntax check of the whole file.
    const file = join(dir(), `hook.${name}`);
    writeFileSync(file, text);
    const [command, ...args] = driver(name).syntaxCheckArgv(file);
    const { status, stderr } = spawnSync(command as string, args, { encoding: 'utf8' });
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });

  test.each(['bash', 'zsh'] as const)('%s: the hook file leaves out the comment lines, which changes no function and no variable of the hook', (name) => {
    const shell = shellByName(name);
    const script = renderHookScript(shell, readHookAsset(shell, join(__dirname, '..', '..')));
    const written = renderHookFile(shell, { version: '9.8.7', file: '/h/hook', bin: '/b/awscreds', sources: [] }, script);
    expect(written).toContain(withoutCommentLines(script));
    expect(withoutCommentLines(script)).not.toMatch(/^[ \t]*#/m);
    // What the shell holds once it sourced the hook: the functions (printed without comments) and the hook's variables.
    const dump = { bash: 'declare -f; declare -p | grep "^declare -[^ ]* _awscreds_"', zsh: 'functions; typeset -m "_awscreds_*"' }[name];
    const loaded = (text: string): string => {
      const file = join(dir(), 'hook');
      writeFileSync(file, text);
      return runShellScript(name, `source ${file} >/dev/null 2>&1; ${dump}`).stdout;
    };
    const full = loaded(script);
    expect(full).toContain('_awscreds_classify');
    expect(loaded(withoutCommentLines(script))).toBe(full);
    // Positive control: a code line fewer is seen.
    expect(loaded(withoutCommentLines(script).replace(/^.*_awscreds_state=key_missing.*\n/m, ''))).not.toBe(full);
  });

  test('the fish hook file holds the hook compacted (compactFishScript, below), not as written', () => {
    const shell = shellByName('fish');
    const written = renderHookFile(shell, { version: '9.8.7', file: '/h/hook', bin: '/b/awscreds', sources: [] }, '# a comment\n    HOOK BODY\n');
    expect(written).toContain('\nHOOK BODY\n');
    expect(written).not.toContain('# a comment');
  });
});

describe('the nu hook file (its stale-file check in the loader string, not at start)', () => {
  const nu = shellByName('nu');
  const script = renderHookScript(nu, readHookAsset(nu, join(__dirname, '..', '..')));
  const hostile = "/home/o'brien #'# $HOME `x` \u00e9/.local/share/awscreds/hook.nu";
  const text = renderHookFile(nu, { version: '9.8.7', file: hostile, bin: "/opt/a b'#/awscreds", sources: hookFileSources(nu, "/p'#kg") }, script);
  const later = (hookText: string): string => /^const _awscreds_later = r#'\n([\s\S]*?)\n'#$/m.exec(hookText)?.[1] ?? '';

  test('runs nothing before the loader: the check is the top of `_awscreds_later`, the rest of the file is the hook without comments', () => {
    const check = later(text).slice(0, later(text).indexOf(later(withoutCommentLines(script))));
    expect(check).toMatch(/^do \{\n[\s\S]*which -a awscreds[\s\S]*\n\}\n$/);
    expect(text.replace(check, '')).toBe(`${nu.hookFileGuard({ version: '9.8.7', file: hostile, bin: '', sources: [] })}${withoutCommentLines(script)}`);
    expect(text.slice(0, text.indexOf("r#'"))).not.toMatch(/which|\bls\b|\^awscreds/);
  });

  test('paths with `\'#` neither end the loader string nor change: nu reads each back byte for byte', () => {
    const file = join(dir(), 'hook.nu');
    writeFileSync(file, text);
    const nuRun = (script: string): { stdout: string; stderr: string } => {
      const [command, ...args] = driver('nu').scriptArgv(script);
      const run = spawnSync(command as string, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir() } });
      return { stdout: run.stdout, stderr: run.stderr };
    };
    const shown = nuRun(`source ${JSON.stringify(file)}; $_awscreds_later | to json -r | print`);
    expect({ stderr: shown.stderr, later: JSON.parse(shown.stdout) as unknown }).toEqual({ stderr: '', later: `\n${later(text)}\n` });
    const literals = [...later(text).matchAll(/^ {4}let file = (.*)$|\$bin != ("[^"]*") or|^ {4}let sources = \[(.*)\]$/gm)].map((m) => m[1] ?? m[2] ?? `[${m[3]}]`);
    expect(literals).toHaveLength(3);
    expect(JSON.parse(nuRun(`[${literals.join(' ')}] | to json -r | print`).stdout)).toEqual([hostile, [...hookFileSources(nu, "/p'#kg")], "/opt/a b'#/awscreds"]);
  });
});

describe('compactFishScript (the fish hook file holds the hook without what fish parses for nothing)', () => {
  test('drops comment lines, blank lines and indentation; keeps a quoted string or a `\\` line that goes on, and code after a #', () => {
    const script = [
      '# a comment',
      'function f',
      '    # indented comment',
      "    set -l a 'it''s # not a comment",
      '    # inside the quote',
      "  kept'",
      '    echo "two',
      '    # lines"',
      '',
      '    echo one \\',
      '        # still the echo',
      '    echo x # trailing comment with a quote \'',
      '    echo a\\\'b',
      '    # dropped',
      'end',
    ].join('\n');
    expect(compactFishScript(script)).toBe([
      'function f',
      "set -l a 'it''s # not a comment",
      '    # inside the quote',
      "  kept'",
      'echo "two',
      '    # lines"',
      'echo one \\',
      '        # still the echo',
      "echo x # trailing comment with a quote '",
      "echo a\\'b",
      'end',
      '',
    ].join('\n'));
  });

  test('the real hook, compacted, parses in fish and defines the same functions as the commented one', () => {
    const hook = readFileSync(join(__dirname, '..', '..', 'shell', 'hook.fish'), 'utf8');
    const compact = compactFishScript(hook);
    expect(compact.length).toBeLessThan(hook.length * 0.8);
    expect(compact).not.toMatch(/^\s*#|^\s/m);
    const names = (text: string): string => {
      const file = join(dir(), 'hook.fish');
      writeFileSync(file, text);
      return spawnSync('fish', ['--no-config', '-c', `source ${file}; functions -an | string match -- '*awscreds*'`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }).stdout;
    };
    const defined = names(compact);
    expect(defined).toContain('_awscreds_guard');
    expect(defined).toBe(names(hook));
  });
});

describe('fish: the functions only events need are stubs in the hook file, loaded from the package on first call', () => {
  test('each is a function of shell/hook.fish; the hook file holds a stub for it instead, and parses', () => {
    const fish = shellByName('fish');
    const root = join(__dirname, '..', '..');
    const source = readFileSync(hookShellSource(fish, root), 'utf8');
    const check = { version: '1.0.0', file: '/h/hook.fish', bin: '/b/awscreds', sources: hookFileSources(fish, root), shellSource: hookShellSource(fish, root) };
    const text = renderHookFile(fish, check, renderHookScript(fish, source));
    const whole = renderHookFile(fish, { ...check, shellSource: undefined }, renderHookScript(fish, source));
    for (const name of FISH_LOADED_ON_FIRST_CALL) {
      expect(source).toMatch(new RegExp(`^function ${name}\\b`, 'm'));
      expect(text).toMatch(new RegExp(`^function ${name}\\n(_awscreds_load ${name}; and ${name} \\$argv|if _awscreds_load ${name})\\n`, 'm'));
      // Control: without the package's file to load from, the hook file holds the function itself.
      expect(whole).toMatch(new RegExp(`^function ${name}\\b.*\\n(?!_awscreds_load)`, 'm'));
    }
    expect(whole).not.toMatch(/^function _awscreds_load/m);
    expect(text).toMatch(/^function _awscreds_load/m);
    expect(text.length).toBeLessThan(whole.length * 0.8);
    const file = join(dir(), 'hook.fish');
    writeFileSync(file, text);
    expect(spawnSync('fish', ['--no-execute', file], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
  });
});
