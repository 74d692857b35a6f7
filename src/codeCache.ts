import { closeSync, readdirSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './runtime/files';
import { openTrustedFile, prepareDirectory, privateCacheDirectory, readFully } from './runtime/privateCache';

// The V8 code cache of the CLI bundle (used by bin.ts), and the rules that make it safe to
// trust. A code cache is code: V8 runs what it holds after checking only the source's length
// and its own flags, never the source's content. So:
//
// - It is read only from a trusted directory and file (runtime/privateCache.ts: the user's,
//   no one else may write them, no link followed, never waiting on a FIFO), of at most
//   CODE_CACHE_SIZE_CAP bytes, read to exactly the size fstat gave.
// - Each file holds the exact bundle it was compiled from, and is used only when that copy
//   equals the bytes bin.ts just read (Buffer#equals: native memcmp). A bundle edited with the
//   same size and mtime therefore never runs the old code, whatever its mtime, and no hash
//   collision is possible. Hashing the bundle at every start instead costs more than the whole
//   check: on the bench machine (minimum of 25 cold processes, reading the bundle included)
//   a 32-bit FNV-1a loop over the text took 4.2 ms (a cold, interpreted loop of 100,000
//   steps), zlib.crc32 4.8 ms and node:crypto's md5/sha1 7.4-7.8 ms (loading the module),
//   against 0.4 ms to read the bundle alone; this check (lstat, open, fstat, reading the
//   cache, comparing) adds 0.2-0.3 ms over reading the cache unchecked. The file name
//   carries the bundle's SHA-256, computed at build time (scripts/build.mjs), so each build
//   has its own name; the comparison covers a bundle edited after the build.
// - One file per Node version and architecture: writing deletes the other files of the same
//   Node version and architecture, and those of older awscreds versions, never the current
//   files of another Node version sharing the directory.
// - Nothing is written into a directory that fails the checks (a missing one is made 0700,
//   where that is safe: see prepareDirectory).
//
// Every failure means compiling as usual, silently: nothing here may print, throw or wait.

/** Larger files are never read: the cache of a ~100 KB bundle is a few hundred KB. */
export const CODE_CACHE_SIZE_CAP = 16 * 1024 * 1024;

/** File layout: MAGIC, the bundle's byte length (uint32 LE), the bundle, V8's cached data. */
const MAGIC = Buffer.from('awscc01\n', 'latin1');
const HEADER_BYTES = MAGIC.length + 4;
const COMPARE_CHUNK_BYTES = 32 * 1024;

export function codeCacheDirectory(env: NodeJS.ProcessEnv): string {
  return privateCacheDirectory(env, homedir());
}

export function codeCacheFileName(awscredsVersion: string, bundleHash: string): string {
  return `${nodePrefix()}${awscredsVersion}-${bundleHash}.bin`;
}

function nodePrefix(): string {
  return `v8-${process.version}-${process.arch}-`;
}

export type CodeCacheRead = { cachedData: Buffer; state: 'found' } | { state: string };

/**
 * V8's cached data for `bundle` from `directory/name`, when the directory (checked by the
 * caller) and the file are trusted and the file was made from exactly these bytes.
 */
export function readCodeCache(directory: string, name: string, bundle: Buffer, uid: number): CodeCacheRead {
  const opened = openTrustedFile(join(directory, name), uid, CODE_CACHE_SIZE_CAP);
  if ('refusal' in opened) return { state: opened.refusal };
  const { fd, stats } = opened;
  try {
    const sourceEnd = HEADER_BYTES + bundle.length;
    if (stats.size <= sourceEnd) return { state: 'stale' };
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    if (!readFully(fd, header, 0) || !header.subarray(0, MAGIC.length).equals(MAGIC) || header.readUInt32LE(MAGIC.length) !== bundle.length) return { state: 'stale' };
    // The bundle copy is compared a chunk at a time: reading it whole into one buffer of its
    // size measured twice as slow (a fresh allocation of that size costs page faults).
    const chunk = Buffer.allocUnsafe(Math.min(COMPARE_CHUNK_BYTES, bundle.length));
    for (let at = 0; at < bundle.length; at += chunk.length) {
      const part = chunk.subarray(0, Math.min(chunk.length, bundle.length - at));
      if (!readFully(fd, part, HEADER_BYTES + at) || !part.equals(bundle.subarray(at, at + part.length))) return { state: 'stale' };
    }
    const cachedData = Buffer.allocUnsafe(stats.size - sourceEnd);
    return readFully(fd, cachedData, sourceEnd) ? { cachedData, state: 'found' } : { state: 'stale' };
  } catch (error) {
    return { state: `unreadable (${(error as NodeJS.ErrnoException).code})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the cache of `bundle` (0600, atomically), then deletes the files it replaces. Returns
 * what happened, for AWSCREDS_CODE_CACHE_REPORT. Never throws.
 */
export function writeCodeCache(directory: string, name: string, bundle: Buffer, cachedData: Buffer, uid: number, awscredsVersion: string): string {
  try {
    const refusal = prepareDirectory(directory, uid);
    if (refusal !== undefined) return `not written: ${refusal}`;
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bundle.length);
    const content = Buffer.concat([MAGIC, length, bundle, cachedData]);
    if (content.length > CODE_CACHE_SIZE_CAP) return 'not written: too large';
    writeFileAtomic(join(directory, name), content, 0o600);
    for (const other of readdirSync(directory)) {
      if (other !== name && replacedBy(other, awscredsVersion)) unlinkSync(join(directory, other));
    }
    return 'written';
  } catch (error) {
    return `not written (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}

/**
 * Whether a file in the cache directory is replaced by this one: another cache of the same
 * Node version and architecture, or a cache of an older awscreds version (of any Node; names
 * from before the version came after the Node version are of older versions).
 */
function replacedBy(other: string, awscredsVersion: string): boolean {
  if (!other.startsWith('v8-') || !other.endsWith('.bin')) return false;
  if (other.startsWith(nodePrefix())) return true;
  if (/^v8-\d/.test(other)) return true; // the name layout of awscreds 0.1.0 and before
  const match = /^v8-v[\d.]+-[^-]+-(\d+)\.(\d+)\.(\d+)/.exec(other);
  return match !== null && isOlder([Number(match[1]), Number(match[2]), Number(match[3])], awscredsVersion);
}

function isOlder(other: readonly number[], version: string): boolean {
  const ours = version.split(/[.-]/, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const a = other[i] as number;
    const b = ours[i] as number;
    if (a !== b) return a < b;
  }
  return false;
}
