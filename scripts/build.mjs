// Bundles the CLI so that `eval "$(awscreds export)"` starts fast: one compiled file
// (dist/main.cjs, run by dist/awscreds.cjs through a V8 code cache) holds the export path; the AWS SDK and yargs stay external and load only when a network call or the
// full parser is needed. Every dynamic `import()` of the project's own code becomes a bundle
// of its own in dist/lazy/, loaded only by the command that needs it, so adding commands
// does not make the warm export slower. (Modules hold no state, so a module copied into two
// bundles behaves the same in both; AwscredsError is recognised by a brand symbol, not by
// class identity.)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@aws-sdk/*', '@smithy/*', 'yargs', 'yargs/*'],
  legalComments: 'none',
  logLevel: 'warning',
  minifyWhitespace: true, // a smaller file parses faster; names stay for stack traces
  minifySyntax: true,
  define: { AWSCREDS_VERSION: JSON.stringify(version) },
  // import() becomes require(): bin.ts runs the bundle as a vm.Script, which has no loader
  // for real dynamic imports, and every module loaded this way is CommonJS anyway.
  supported: { 'dynamic-import': false },
};

/** Source file of a relative import, as esbuild would resolve it. */
function resolveSource(dir, path) {
  const base = resolve(dir, path);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  throw new Error(`cannot resolve lazy import ${path} from ${dir}`);
}

/** Turns dynamic imports of own modules into requires of separate bundles, collected in `lazy`. */
function lazyModules(lazy, fromDir) {
  return {
    name: 'lazy-own-modules',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const source = resolveSource(args.resolveDir, args.path);
        const name = basename(source, '.ts');
        const known = lazy.get(name);
        if (known !== undefined && known !== source) throw new Error(`two lazy modules named ${name}: ${known} and ${source}`);
        lazy.set(name, source);
        return { path: `${fromDir}${name}.cjs`, external: true };
      });
    },
  };
}

rmSync('dist', { recursive: true, force: true });
const lazy = new Map();
// The CLI bundle's SHA-256 (16 hex digits) names its V8 code cache (src/bin.ts) and keys the
// remembered config (src/config/rememberedConfig.ts), so that a rebuilt bundle never uses
// what another build stored. The bundle holds its own hash: it is built with a placeholder of
// the same length, hashed, and the placeholder replaced by the hash.
const PLACEHOLDER = 'awscreds-bundle!'; // 16 characters, like the hash; not a hex string
const [main] = (
  await build({
    ...common,
    define: { ...common.define, AWSCREDS_BUNDLE_HASH: JSON.stringify(PLACEHOLDER) },
    entryPoints: ['src/main.ts'],
    outfile: 'dist/main.cjs',
    write: false,
    plugins: [lazyModules(lazy, './lazy/')],
  })
).outputFiles;
const bundleHash = createHash('sha256').update(main.contents).digest('hex').slice(0, 16);
if (!main.text.includes(PLACEHOLDER)) throw new Error('dist/main.cjs does not read AWSCREDS_BUNDLE_HASH');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/main.cjs', main.text.replaceAll(PLACEHOLDER, bundleHash));
common.define = { ...common.define, AWSCREDS_BUNDLE_HASH: JSON.stringify(bundleHash) };
// The executable: runs dist/main.cjs through a V8 code cache (src/bin.ts).
await build({
  ...common,
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/awscreds.cjs',
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync('dist/awscreds.cjs', 0o755);

const built = new Set();
while (built.size < lazy.size) {
  for (const [name, source] of [...lazy]) {
    if (built.has(name)) continue;
    built.add(name);
    await build({ ...common, entryPoints: [source], outfile: `dist/lazy/${name}.cjs`, plugins: [lazyModules(lazy, './')] });
  }
}

// The local IAM Identity Center emulator, for `npm run demo` (not shipped in the package).
await build({ ...common, minifyWhitespace: false, minifySyntax: false, entryPoints: ['test/emulator/serve.ts'], outfile: 'dist/emulator.cjs' });
