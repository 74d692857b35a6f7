// Bundles the CLI into one file: a single compiled script starts far faster than
// hundreds of module files. The AWS SDK and yargs stay external and are loaded only when a
// network call or the full parser is needed, so the cached export path never pays for them.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const outfile = 'dist/awscreds.cjs';
await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile,
  external: ['@aws-sdk/*', 'yargs', 'yargs/*'],
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
  define: { AWSCREDS_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
});
chmodSync(outfile, 0o755);

// The local IAM Identity Center emulator, for `npm run demo` (not shipped in the package).
await build({
  entryPoints: ['test/emulator/serve.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/emulator.cjs',
  logLevel: 'warning',
});
