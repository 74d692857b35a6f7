import { buildSync } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface BuiltAwscreds {
  /** A directory to put on PATH: it holds an `awscreds` that runs the bundle just built. */
  readonly binDir: string;
  readonly packageRoot: string;
}

/**
 * Bundles src/main.ts the way scripts/build.mjs does, into a temporary package whose shell/
 * is the working tree's, so the hooks are tested through the real CLI as users install it,
 * without depending on (or racing with) the repository's own dist/.
 */
export function buildAwscreds(): BuiltAwscreds {
  const repo = resolve(__dirname, '..', '..');
  const packageRoot = mkdtempSync(join(tmpdir(), 'awscreds-pkg-'));
  const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;
  buildSync({
    entryPoints: [join(repo, 'src', 'main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: join(packageRoot, 'dist', 'awscreds.cjs'),
    external: ['@aws-sdk/*'],
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'error',
    define: { AWSCREDS_VERSION: JSON.stringify(version) },
  });
  copyFileSync(join(repo, 'package.json'), join(packageRoot, 'package.json'));
  symlinkSync(join(repo, 'shell'), join(packageRoot, 'shell'));
  // The SDK stays external, as in the real build: resolve it from the repository.
  symlinkSync(join(repo, 'node_modules'), join(packageRoot, 'node_modules'));
  const binDir = join(packageRoot, 'bin');
  mkdirSync(binDir);
  const launcher = join(binDir, 'awscreds');
  writeFileSync(launcher, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(packageRoot, 'dist', 'awscreds.cjs'))} "$@"\n`);
  chmodSync(launcher, 0o755);
  return { binDir, packageRoot };
}
