import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface AwscredsOnPath {
  /** A directory to put on PATH: it holds an `awscreds` that runs the repository's build. */
  readonly binDir: string;
  /** A scratch directory for the test's homes; the caller removes it. */
  readonly workDir: string;
}

/**
 * Puts the built CLI (dist/, made by `npm run build`, which `npm test` runs first) on a PATH
 * of its own, so the hooks are tested through the real binary, shell/ files included.
 */
export function awscredsOnPath(): AwscredsOnPath {
  const repo = resolve(__dirname, '..', '..');
  const workDir = mkdtempSync(join(tmpdir(), 'awscreds-hooks-'));
  const binDir = join(workDir, 'bin');
  mkdirSync(binDir);
  const launcher = join(binDir, 'awscreds');
  writeFileSync(launcher, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(repo, 'dist', 'awscreds.cjs'))} "$@"\n`);
  chmodSync(launcher, 0o755);
  return { binDir, workDir };
}
