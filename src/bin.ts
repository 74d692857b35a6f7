import { readFileSync, writeSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { codeCacheDirectory, codeCacheFileName, readCodeCache, writeCodeCache } from './codeCache';
import { directoryStatus } from './runtime/privateCache';

// The executable. It runs the CLI bundle (dist/main.cjs) through a V8 code cache kept in the
// user's cache directory: every run after the first skips compiling the bundle, which is a
// fifth of a warm `awscreds export` (see `npm run bench`). The cache holds compiled code of
// the bundle only, never data, and is used only when it is safe to trust (src/codeCache.ts).
// Anything wrong with it (absent, stale, untrusted, unwritable, disabled by
// AWSCREDS_CODE_CACHE=0) only means compiling as usual. AWSCREDS_CODE_CACHE_REPORT=1 prints
// on stderr, at exit, what became of the cache (for the bench and the tests).
declare const AWSCREDS_VERSION: string;
/** SHA-256 (16 hex digits) of dist/main.cjs, which carries it too (scripts/build.mjs). */
declare const AWSCREDS_BUNDLE_HASH: string;

function runMain(): void {
  const file = join(__dirname, 'main.cjs');
  const bundle = readFileSync(file);
  const env = process.env;
  // No uid (Windows): no way to tell a trusted cache, so none.
  const uid = env.AWSCREDS_CODE_CACHE === '0' ? undefined : process.getuid?.();
  let state = uid === undefined ? 'disabled' : 'absent';
  let cachedData: Buffer | undefined;
  let directory = '';
  let name = '';
  let writable = false;
  if (uid !== undefined) {
    directory = codeCacheDirectory(env);
    name = codeCacheFileName(AWSCREDS_VERSION, AWSCREDS_BUNDLE_HASH);
    const status = directoryStatus(directory, uid);
    if (status.kind === 'untrusted') state = `untrusted ${status.reason}`;
    else if (status.kind === 'trusted') {
      const read = readCodeCache(directory, name, bundle, uid);
      state = read.state;
      if ('cachedData' in read) cachedData = read.cachedData;
    }
    writable = status.kind !== 'untrusted';
  }
  const script = new Script(wrap(bundle.toString('utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (cachedData) state = script.cachedDataRejected === true ? 'rejected' : 'accepted';
  const report = env.AWSCREDS_CODE_CACHE_REPORT === '1';
  if ((writable && state !== 'accepted') || report) {
    // At exit, so that the functions this run compiled lazily are in the cache too.
    process.once('exit', () => {
      try {
        const written = writable && state !== 'accepted' ? `; ${writeCodeCache(directory, name, bundle, script.createCachedData(), uid as number, AWSCREDS_VERSION)}` : '';
        if (report) writeSync(2, `awscreds: code cache ${state}${written}\n`);
      } catch {
        // no cache this time (the next run tries again), or stderr closed
      }
    });
  }
  const mainModule = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void).call(mainModule.exports, mainModule.exports, createRequire(file), mainModule, file, __dirname);
}

runMain();
