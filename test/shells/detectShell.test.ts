import type { ParentProcess } from '../../src/runtime/Runtime';
import { detectShell, guessShell, userShell } from '../../src/shells/registry';

/** A parent process that counts how often its executable is asked for. */
function parent(pid: number, executable: string | undefined): ParentProcess & { asked: number } {
  const p = { pid, asked: 0, executableName: () => (p.asked++, executable) };
  return p;
}

describe('which shell awscreds prints for', () => {
  it('--shell wins over everything, and reads no process', () => {
    const bashParent = parent(42, 'bash');
    expect(detectShell('fish', { env: { AWSCREDS_SHELL: 'zsh 42', SHELL: '/bin/bash' }, parentProcess: bashParent }).name).toBe('fish');
    expect(bashParent.asked).toBe(0);
  });

  it('the hook variable naming the parent process comes next, without reading the process', () => {
    const p = parent(42, 'bash');
    expect(guessShell({ env: { AWSCREDS_SHELL: 'fish 42', SHELL: '/bin/zsh' }, parentProcess: p })).toBe('fish');
    expect(p.asked).toBe(0);
    // Set by hand, without a process id, it is taken as it is.
    expect(guessShell({ env: { AWSCREDS_SHELL: 'zsh' }, parentProcess: parent(42, 'bash') })).toBe('zsh');
  });

  it('a hook variable of another process (an ancestor shell) yields to the parent process', () => {
    // bash with the hook started fish, which has none: fish inherited AWSCREDS_SHELL.
    expect(guessShell({ env: { AWSCREDS_SHELL: 'bash 7', SHELL: '/bin/bash' }, parentProcess: parent(42, 'fish') })).toBe('fish');
    // Where the parent cannot be read (no /proc), it still beats the login shell.
    expect(guessShell({ env: { AWSCREDS_SHELL: 'zsh 7', SHELL: '/bin/bash' }, parentProcess: parent(42, undefined) })).toBe('zsh');
  });

  it('the parent process beats $SHELL (bash typed in a fish login)', () => {
    expect(guessShell({ env: { SHELL: '/usr/bin/fish' }, parentProcess: parent(42, 'bash') })).toBe('bash');
    expect(guessShell({ env: { SHELL: '/usr/bin/fish' }, parentProcess: parent(42, '-zsh') })).toBe('zsh');
    expect(guessShell({ env: { SHELL: '/usr/bin/fish' }, parentProcess: parent(42, 'bash5.2') })).toBe('bash');
  });

  it('$SHELL when the parent is not a shell awscreds supports (node, sh, a wrapper)', () => {
    for (const executable of ['node', 'dash', 'sh', 'python3', undefined]) {
      expect(guessShell({ env: { SHELL: '/usr/bin/fish' }, parentProcess: parent(42, executable) })).toBe('fish');
    }
    expect(guessShell({ env: { AWSCREDS_SHELL: 'tcsh 42', SHELL: '/bin/zsh' }, parentProcess: parent(42, 'node') })).toBe('zsh');
  });

  it('refuses to guess when nothing names a supported shell, and messages fall back to bash', () => {
    const input = { env: { SHELL: '/bin/tcsh' }, parentProcess: parent(42, 'node') };
    expect(() => detectShell(undefined, input)).toThrow(/\$SHELL is "\/bin\/tcsh".*|--shell/);
    expect(userShell(input).name).toBe('bash');
    expect(userShell({ env: {}, parentProcess: parent(42, 'fish') }).name).toBe('fish');
  });
});
