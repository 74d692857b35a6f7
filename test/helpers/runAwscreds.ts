import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const AWSCREDS_BIN = join(__dirname, '..', '..', 'dist', 'awscreds.cjs');

export interface AwscredsRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Runs the built binary as a user would, with exactly the given environment. Asynchronous,
 * so an emulator in the same process keeps answering while it runs.
 */
export function runAwscreds(args: readonly string[], env: Record<string, string>, input?: string): Promise<AwscredsRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AWSCREDS_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ stdout, stderr, status }));
    child.stdin.end(input ?? '');
  });
}
