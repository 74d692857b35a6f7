import { spawn } from 'node:child_process';
import type { CapturedRun } from './Runtime';

/** Largest stdout kept from a credential_process (its JSON is a few hundred bytes). */
const MAX_STDOUT = 1024 * 1024;

/**
 * Runs `command` with `args`, no shell: stdin and stderr are the caller's (the program may
 * prompt, and its messages reach the user), stdout is collected. After `timeoutMs` the program
 * gets SIGTERM (SIGKILL 2 s later) and the result is `timed-out`.
 */
export function runCaptured(command: string, args: readonly string[], { env, timeoutMs }: { env: Record<string, string>; timeoutMs: number }): Promise<CapturedRun> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, [...args], { env, stdio: ['inherit', 'pipe', 'inherit'] });
    } catch (error) {
      resolve({ kind: 'not-started', code: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      return;
    }
    let stdout = '';
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_STDOUT) stdout += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killer = setTimeout(() => child.kill('SIGKILL'), 2000);
    }, timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      resolve({ kind: 'not-started', code: error.code ?? error.message });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      if (timedOut) resolve({ kind: 'timed-out', stdout });
      else if (signal) resolve({ kind: 'signaled', signal, stdout });
      else resolve({ kind: 'exited', code: code ?? 1, stdout });
    });
  });
}
