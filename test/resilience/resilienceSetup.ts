import { spawn } from 'node:child_process';
import { AWSCREDS_BIN, runProcess, type GuardedRun } from '../helpers/runAwscreds';

export const DEV_ROLE_CACHE = 'ecc1e3c8d4fe9b118d11b9cfe1c4a2a4f4a548ae.json'; // account 123456789012, role Dev, session corp
export const CORP_TOKEN_FILE = 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json'; // sha1("corp")

// The directories come from the one module that names the AWS CLI's files; the file names above
// stay written out, so that a change to the key function is caught here.
export { cliCacheDirectory as roleCacheDir, ssoCacheDirectory as ssoCacheDir } from '../../src/awsCliCache/cachePaths';

/** Runs awscreds with a guard (runProcess's guardMs): a child still running after `guardMs` is killed and reported as such. */
export function runAwscredsGuarded(args: readonly string[], env: Record<string, string>, guardMs: number): Promise<GuardedRun> {
  return runProcess(process.execPath, [AWSCREDS_BIN, ...args], env, '', { guardMs });
}

/** A pid that belonged to a process that has exited (and been reaped): no process has it now. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid ?? -1;
  await new Promise((resolve) => child.on('close', resolve));
  return pid;
}
