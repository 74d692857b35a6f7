import { spawn } from 'node:child_process';
import { AWSCREDS_BIN, type ProcessRun } from '../helpers/runAwscreds';

export const DEV_ROLE_CACHE = 'ecc1e3c8d4fe9b118d11b9cfe1c4a2a4f4a548ae.json'; // account 123456789012, role Dev, session corp
export const CORP_TOKEN_FILE = 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json'; // sha1("corp")

// The directories come from the one module that names the AWS CLI's files; the file names above
// stay written out, so that a change to the key function is caught here.
export { cliCacheDirectory as roleCacheDir, ssoCacheDirectory as ssoCacheDir } from '../../src/awsCliCache/cachePaths';

export interface TimedRun extends ProcessRun {
  /** The guard below fired: the child was still running and was killed. */
  killedByGuard: boolean;
}

/**
 * Runs awscreds with a guard: a child still running after `guardMs` is killed and reported as
 * such. The guard is a safety net above the bound under test, never the assertion's subject.
 */
export function runAwscredsGuarded(args: readonly string[], env: Record<string, string>, guardMs: number): Promise<TimedRun & { pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AWSCREDS_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killedByGuard = false;
    const guard = setTimeout(() => {
      killedByGuard = true;
      child.kill('SIGKILL');
    }, guardMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(guard);
      resolve({ stdout, stderr, status, killedByGuard, pid: child.pid ?? -1 });
    });
  });
}

/** A pid that belonged to a process that has exited (and been reaped): no process has it now. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid ?? -1;
  await new Promise((resolve) => child.on('close', resolve));
  return pid;
}
