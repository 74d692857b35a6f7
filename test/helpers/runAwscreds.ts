import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { onPty } from './ptyRun';

export const AWSCREDS_BIN = join(__dirname, '..', '..', 'dist', 'awscreds.cjs');

export interface ProcessRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

export interface GuardedRun extends ProcessRun {
  /** The guard fired: the child was still running after `guardMs` and was killed. */
  killedByGuard: boolean;
}

interface RunOptions {
  /** In a session of its own, so without a controlling terminal, as in cron or CI. */
  readonly detached?: boolean;
  /**
   * Kills a child still running after this long, and reports it (killedByGuard): a hang fails
   * the test instead of the suite. A safety net above the bound under test, never the
   * assertion's subject.
   */
  readonly guardMs?: number;
}

/**
 * Runs a program with exactly the given environment and `input` on stdin (empty). Asynchronous,
 * so an emulator in the test's own process keeps answering while it runs.
 */
export function runProcess(command: string, args: readonly string[], env: Record<string, string>, input = '', { detached = false, guardMs }: RunOptions = {}): Promise<GuardedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached });
    let stdout = '';
    let stderr = '';
    let killedByGuard = false;
    const guard = guardMs === undefined ? undefined : setTimeout(() => {
      killedByGuard = true;
      child.kill('SIGKILL');
    }, guardMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(guard);
      resolve({ stdout, stderr, status, killedByGuard });
    });
    child.stdin.end(input);
  });
}

/** Runs the built binary as a user would. */
export function runAwscreds(args: readonly string[], env: Record<string, string>, input?: string): Promise<ProcessRun> {
  return runProcess(process.execPath, [AWSCREDS_BIN, ...args], env, input);
}

export interface TerminalRun {
  stdout: string;
  /** What the terminal showed: the command's stderr and what was typed. */
  terminal: string;
  status: number;
}

/**
 * Runs the built binary as `eval "$(awscreds …)"` typed at a terminal runs it: stdin and stderr
 * on a pseudo-terminal, its controlling terminal; stdout captured. `type` answers a prompt.
 */
export async function runAwscredsAtTerminal(args: readonly string[], env: Record<string, string>, type?: { prompt: string; answer: string }): Promise<TerminalRun> {
  const [command, ...rest] = onPty([process.execPath, AWSCREDS_BIN, ...args], { stderrToPty: true, json: true, type });
  const run = await runProcess(command as string, rest, env);
  if (run.status !== 0) throw new Error(`the terminal runner failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as TerminalRun;
}
