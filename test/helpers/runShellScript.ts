import { spawnSync } from 'node:child_process';
import type { ShellName } from '../../src/shells/Shell';

/** Runs a script in a real, non-interactive shell with a clean environment. */
/** `sh` is POSIX sh (dash on Debian): what a bash block meets when a user pipes it to sh. */
export function runShellScript(shell: ShellName | 'sh', script: string, env: Record<string, string> = {}, cwd?: string): { stdout: string; stderr: string; status: number | null } {
  const args = shell === 'fish' ? ['--no-config', '-c', script] : shell === 'zsh' ? ['-f', '-c', script] : shell === 'sh' ? ['-c', script] : ['--norc', '--noprofile', '-c', script];
  const result = spawnSync(shell, args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd ?? '/nonexistent', LANG: 'C.UTF-8', ...env },
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}
