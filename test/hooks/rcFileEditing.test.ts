import fc from 'fast-check';
import { chmodSync, chownSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwscredsError } from '../../src/runtime/AwscredsError';
import { exitCodeOf } from '../../src/runtime/exitCodes';
import { editRcFile, HOOK_BLOCK_END, HOOK_BLOCK_START, installHook, uninstallHook } from '../../src/hooks/rcFile';
import { shellByName } from '../../src/shells/registry';
import { SHELL_NAMES } from '../../src/shells/Shell';
import { errorOf as refusal } from '../helpers/errorOf';
import { NEEDS, needing } from '../helpers/needs';

const install = (text: string | undefined): string | undefined => installHook(text, shellByName('bash'), '~/.bashrc').text;
const uninstall = (text: string | undefined): string | undefined => uninstallHook(text, '~/.bashrc').text;

describe('installHook / uninstallHook (pure)', () => {
  test.each([
    ['an ordinary file', 'alias ll="ls -l"\nexport EDITOR=vi\n'],
    ['no trailing newline', 'alias ll="ls -l"'],
    ['CRLF lines', 'alias ll="ls -l"\r\nexport EDITOR=vi\r\n'],
    ['CRLF without a final line break', 'a\r\nb'],
    ['an empty file', ''],
    ['only blank lines', '\n\n\n'],
    ['a BOM and UTF-8', '\ufeff# café ☕\n'],
  ])('round trip is byte-identical: %s', (_name, original) => {
    const installed = install(original);
    expect(installed).toContain(HOOK_BLOCK_START);
    expect(installed?.startsWith(original)).toBe(true);
    expect(install(installed)).toBe(installed); // idempotent
    expect(installHook(installed, shellByName('bash'), 'f').changed).toBe(false);
    expect(uninstall(installed)).toBe(original);
  });

  test('a file install created is deleted by uninstall; if the user added lines, they stay', () => {
    const created = install(undefined);
    expect(uninstall(created)).toBeUndefined();
    expect(uninstall(`${created ?? ''}export MORE=1\n`)).toBe('export MORE=1\n');
  });

  test('round trip for any text without our markers (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '#', '>', 'é', '"', '$') }), (original) => {
        const installed = install(original);
        return install(installed) === installed && uninstall(installed) === original;
      }),
      { numRuns: 300 },
    );
  });

  test('the block is updated in place, keeping what surrounds it', () => {
    const installed = install('before\n') ?? '';
    // The block an older awscreds wrote, which ran awscreds at every shell start.
    const edited = `${installed.replace(/^_awscreds_hook_file=[^]*?^unset -f .*\n/m, 'if command -v awscreds >/dev/null 2>&1; then eval "$(awscreds hook bash)"; fi\n')}after\n`;
    expect(edited).not.toContain('hook.bash');
    const updated = install(edited);
    expect(updated).toBe(`${installed}after\n`);
    expect(uninstall(updated)).toBe('before\nafter\n');
  });

  test.each([
    ['two blocks', `${HOOK_BLOCK_START}\n${HOOK_BLOCK_END}\n${HOOK_BLOCK_START}\n${HOOK_BLOCK_END}\n`],
    ['a start without an end', `x\n${HOOK_BLOCK_START}\n`],
    ['an end before the start', `${HOOK_BLOCK_END}\n${HOOK_BLOCK_START}\n`],
  ])('refuses a file with %s, naming it', (_name, text) => {
    for (const run of [() => install(text), () => uninstall(text)]) {
      expect(run).toThrow(AwscredsError);
      expect(run).toThrow(/~\/\.bashrc/);
    }
  });

  test('each shell sources its own hook file, and asks awscreds for it only when the file is missing', () => {
    for (const shell of ['bash', 'zsh'] as const) {
      const text = installHook(undefined, shellByName(shell), 'f').text;
      expect(text).toContain(`_awscreds_hook_file="\${XDG_DATA_HOME:-$HOME/.local/share}/awscreds/hook.${shell}"`);
      expect(text).toContain('if _awscreds_trusted "$_awscreds_hook_file"; then');
      expect(text).toContain('  . "$_awscreds_hook_file"');
      expect(text).toContain('elif command -v awscreds >/dev/null 2>&1; then');
      expect(text).toContain(`awscreds hook ${shell} --file "$_awscreds_hook_file"`);
    }
    expect(installHook(undefined, shellByName('fish'), 'f').text).toContain('set -l __awscreds_file $__awscreds_data/awscreds/hook.fish');
    expect(installHook(undefined, shellByName('fish'), 'f').text).toContain('    source $__awscreds_file');
    expect(installHook(undefined, shellByName('fish'), 'f').text).toContain('awscreds hook fish --file $__awscreds_file | source');
  });
});

describe('rcFileForShell', () => {
  test('bash ~/.bashrc, zsh honours ZDOTDIR, fish conf.d under XDG_CONFIG_HOME', () => {
    expect(shellByName('bash').rcFile('/h', {})).toBe('/h/.bashrc');
    expect(shellByName('zsh').rcFile('/h', {})).toBe('/h/.zshrc');
    expect(shellByName('zsh').rcFile('/h', { ZDOTDIR: '/z' })).toBe('/z/.zshrc');
    expect(shellByName('fish').rcFile('/h', {})).toBe('/h/.config/fish/conf.d/awscreds.fish');
    expect(shellByName('fish').rcFile('/h', { XDG_CONFIG_HOME: '/x' })).toBe('/x/fish/conf.d/awscreds.fish');
    expect(shellByName('nu').rcFile('/h', {})).toBe('/h/.config/nushell/autoload/awscreds.nu');
    expect(shellByName('nu').rcFile('/h', { XDG_CONFIG_HOME: '/x' })).toBe('/x/nushell/autoload/awscreds.nu');
    expect(SHELL_NAMES.length).toBe(4);
  });
});

describe('editRcFile (the thin file layer)', () => {
  const dir = (): string => mkdtempSync(join(tmpdir(), 'awscreds-rc-'));
  const installInto = (path: string) => editRcFile(path, (text, label) => installHook(text, shellByName('bash'), label));
  const uninstallFrom = (path: string) => editRcFile(path, uninstallHook);

  test('keeps the mode, writes a backup, and round-trips the bytes', () => {
    const file = join(dir(), '.bashrc');
    writeFileSync(file, 'export A=1');
    chmodSync(file, 0o640);
    const result = installInto(file);
    expect(result).toMatchObject({ changed: true, backup: `${file}.awscreds-backup` });
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(`${file}.awscreds-backup`, 'utf8')).toBe('export A=1');
    expect(installInto(file).changed).toBe(false);
    uninstallFrom(file);
    expect(readFileSync(file, 'utf8')).toBe('export A=1');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  test('a file that was absent is created, then removed again', () => {
    const file = join(dir(), 'conf.d', 'awscreds.fish');
    expect(installInto(file).backup).toBeUndefined();
    expect(existsSync(file)).toBe(true);
    expect(uninstallFrom(file)).toMatchObject({ deleted: true });
    expect(existsSync(file)).toBe(false);
  });

  test('follows a symlink and edits its target, so the link survives', () => {
    const home = dir();
    mkdirSync(join(home, 'dotfiles'));
    const target = join(home, 'dotfiles', 'bashrc');
    writeFileSync(target, 'x\n');
    symlinkSync(target, join(home, '.bashrc'));
    expect(installInto(join(home, '.bashrc')).path).toBe(target);
    expect(statSync(join(home, '.bashrc')).isFile()).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain(HOOK_BLOCK_START);
  });

  test.each([
    ['a dangling symlink', (home: string) => symlinkSync(join(home, 'missing'), join(home, '.bashrc')), /symlink to a file that does not exist/],
    ['a symlink to somewhere unwritable', (home: string) => symlinkSync('/proc/version', join(home, '.bashrc')), /proc\/version/],
    ['invalid UTF-8', (home: string) => writeFileSync(join(home, '.bashrc'), Buffer.from([0x61, 0xff, 0x0a])), /not valid UTF-8/],
    ['a directory', (home: string) => mkdirSync(join(home, '.bashrc')), /not a regular file/],
  ])('refuses %s with exit code FILESYSTEM and leaves it alone', (_name, make, message) => {
    const home = dir();
    make(home);
    const error = refusal(() => installInto(join(home, '.bashrc')));
    expect(error.exitCode).toBe(exitCodeOf('FILESYSTEM'));
    expect(error.message).toMatch(message);
    expect(error.message).toContain(join(home, '.bashrc'));
    expect(existsSync(join(home, '.bashrc.awscreds-backup'))).toBe(false);
  });

  const asRoot = needing('rcFileEditing: a user\'s file edited as root', NEEDS.root).test;

  asRoot('run as root (sudo keeping HOME) on a user\'s file, keeps it and its backup the user\'s', () => {
    const home = dir();
    const file = join(home, '.bashrc');
    writeFileSync(file, 'export A=1\n');
    chownSync(file, 1234, 2345);
    installInto(file);
    expect(readFileSync(file, 'utf8')).toContain(HOOK_BLOCK_START);
    for (const path of [file, `${file}.awscreds-backup`]) expect([statSync(path).uid, statSync(path).gid]).toEqual([1234, 2345]);
    // Positive control: a file root owns stays root's.
    const own = join(home, 'own');
    writeFileSync(own, 'x\n');
    installInto(own);
    expect(statSync(own).uid).toBe(0);
  });

  test('edits a file with other hard links in place, so every name sees the block (and uninstall too)', () => {
    const home = dir();
    const file = join(home, '.bashrc');
    writeFileSync(file, 'export A=1\n');
    linkSync(file, join(home, 'bashrc.linked'));
    const inode = statSync(file).ino;
    installInto(file);
    expect(statSync(file).ino).toBe(inode);
    expect(readFileSync(join(home, 'bashrc.linked'), 'utf8')).toContain(HOOK_BLOCK_START);
    uninstallFrom(file);
    expect(readFileSync(join(home, 'bashrc.linked'), 'utf8')).toBe('export A=1\n');
    // Positive control: a file with one name is replaced (atomic rename: a new inode).
    const single = join(home, 'single');
    writeFileSync(single, 'x\n');
    const before = statSync(single).ino;
    installInto(single);
    expect(statSync(single).ino).not.toBe(before);
  });
});

describe('where hook install writes', () => {
  test.each([
    ['zsh', 'ZDOTDIR', { ZDOTDIR: 'rel' }],
    ['fish', 'XDG_CONFIG_HOME', { XDG_CONFIG_HOME: 'cfg' }],
    ['bash', 'HOME', {}],
  ] as const)('%s: refuses a relative $%s rather than writing under the current directory', (shell, variable, env) => {
    const home = variable === 'HOME' ? 'relative-home' : '/h';
    expect(() => shellByName(shell).rcFile(home, env)).toThrow(new RegExp(`\\$${variable} is "[^"]+", not an absolute path`));
    // Positive control: the same shell with an absolute base names a file there.
    expect(shellByName(shell).rcFile('/h', {})).toMatch(/^\/h\//);
  });
});
