import { readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { writeFileAtomic } from './runtime/files';

// The executable. It runs the CLI bundle (dist/main.cjs) through a V8 code cache kept in the
// user's cache directory: every run after the first skips compiling the bundle, which is a
// fifth of a warm `awscreds export` (see `npm run bench`). The cache holds compiled code of
// the bundle only, never data. Anything wrong with it (absent, stale, unwritable, disabled by
// AWSCREDS_CODE_CACHE=0) only means compiling as usual.
declare const AWSCREDS_VERSION: string;

function codeCacheDirectory(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache'), 'awscreds');
}

function runMain(): void {
  const file = join(__dirname, 'main.cjs');
  const source = readFileSync(file, 'utf8');
  const useCache = process.env.AWSCREDS_CODE_CACHE !== '0';
  // V8 checks a cache against the source's length, not its content: the name carries the
  // bundle's size and build time, so a rebuilt bundle never meets an old cache.
  const { size, mtimeMs } = statSync(file);
  const directory = codeCacheDirectory(process.env);
  const name = `v8-${AWSCREDS_VERSION}-${process.version}-${process.arch}-${size}-${Math.floor(mtimeMs)}.bin`;
  let cached: Buffer | undefined;
  if (useCache) {
    try {
      cached = readFileSync(join(directory, name));
    } catch {
      cached = undefined;
    }
  }
  const script = new Script(wrap(source), { filename: file, ...(cached ? { cachedData: cached } : {}) });
  if (useCache && (!cached || script.cachedDataRejected === true)) {
    // At exit, so that the functions this run compiled lazily are in the cache too.
    process.once('exit', () => {
      try {
        writeFileAtomic(join(directory, name), script.createCachedData());
        for (const old of readdirSync(directory)) if (old.startsWith('v8-') && old !== name) unlinkSync(join(directory, old));
      } catch {
        // no cache this time; the next run tries again
      }
    });
  }
  const mainModule = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void).call(mainModule.exports, mainModule.exports, createRequire(file), mainModule, file, __dirname);
}

runMain();
