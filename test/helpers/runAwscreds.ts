import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const AWSCREDS_BIN = join(__dirname, '..', '..', 'dist', 'awscreds.cjs');

export interface ProcessRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Runs a program with exactly the given environment and empty stdin. Asynchronous, so an
 * emulator in the test's own process keeps answering while it runs.
 */
export function runProcess(command: string, args: readonly string[], env: Record<string, string>, input = ''): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ stdout, stderr, status }));
    child.stdin.end(input);
  });
}

/** Runs the built binary as a user would. */
export function runAwscreds(args: readonly string[], env: Record<string, string>, input?: string): Promise<ProcessRun> {
  return runProcess(process.execPath, [AWSCREDS_BIN, ...args], env, input);
}
