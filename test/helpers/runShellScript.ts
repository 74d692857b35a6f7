import { spawnSync } from 'node:child_process';
import type { ShellName } from '../../src/shells/Shell';
import { driver } from './shellDriver';

export interface ShellScriptRun {
  stdout: string;
  stderr: string;
  /** null when a signal ended the shell (e.g. the timeout's SIGKILL). */
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the shell was killed for running longer than timeoutMs. */
  timedOut: boolean;
}

/**
 * Runs a script in a real, non-interactive shell with a clean environment. spawnSync blocks
 * the event loop, so jest's own timeout cannot fire while it runs: `timeoutMs` (default 60 s)
 * kills the shell instead, and the run reports `timedOut` (and a null status). `sh` is POSIX sh
 * (dash on Debian): what a bash block meets when a user pipes it to sh. `binary`: another
 * build of the shell (an older bash, test/hooks/shellsUnderTest.ts).
 */
export function runShellScript(
  shell: ShellName | 'sh',
  script: string,
  env: Record<string, string> = {},
  cwd?: string,
  timeoutMs = 60_000,
  binary: string = shell,
): ShellScriptRun {
  const [command, ...args] = shell === 'sh' ? ['sh', '-c', script] : driver(shell).scriptArgv(script);
  // `binary`: another build of the same shell (bash 3.2), run with the driver's arguments.
  const result = spawnSync(binary === shell ? (command as string) : binary, args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd ?? '/nonexistent', LANG: 'C.UTF-8', ...env },
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (result.error && !timedOut) throw result.error;
  return { stdout: result.stdout ?? '', stderr: result.stderr ?? '', status: result.status, signal: result.signal, timedOut };
}
