import { statSync } from 'node:fs';
import { writeFileAtomic } from '../runtime/files';
import { prepareDirectory, privateCacheDirectory, readTrustedFile } from '../runtime/privateCache';
import type { Env } from '../runtime/Runtime';
import { holdsSecret, loadProfile, type ResolvedProfile } from './loadProfile';
import { configFilePaths, listProfiles, loadSharedConfig, type SharedConfig } from './sharedConfig';

// What a command takes from ~/.aws/config and ~/.aws/credentials (a resolved profile, the
// list of profile names), remembered in awscreds' private cache for as long as both files
// are exactly as they were. A config that organisation-wide generators write can hold 10,000
// profiles: reading and checking 1.4 MB costs more than the rest of a warm export, to use
// one profile of it.
//
// "Exactly as they were" is each file's device, inode, size, mtime and ctime, to the
// nanosecond: any write changes ctime, which no one but the kernel can set. A file changed in
// the last SETTLED_MS is not remembered yet (git's "racy" rule): on a file system with coarse
// timestamps, a second write in the same tick could leave all five the same. Nothing that
// holds a secret is remembered (a profile with long-term keys is read each time), and the
// cache is trusted only as the user's own (runtime/privateCache.ts). --debug notes are kept
// with each entry and given again on a hit.

const FORMAT = 2;
/** Entries per file kept, the most recently stored first. */
const MAX_ENTRIES = 32;
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const SETTLED_MS = 2_000;
/** Notes kept per entry (a file with more says the rest when read without the cache). */
const MAX_NOTES = 50;

export interface RememberInput {
  readonly env: Env;
  readonly home: string;
  readonly uid: number;
  /**
   * The bundle's hash (Runtime.build): a remembered value is used only by the build that stored
   * it, so a changed resolver never answers with what the old one stored. Undefined (run from
   * source): nothing is remembered.
   */
  readonly build: string | undefined;
  readonly now: () => Date;
  readonly debug: (text: string) => void;
}

/** loadProfile, remembered: what warm exports use. */
export function loadProfileRemembered(input: RememberInput, profileName: string): ResolvedProfile {
  return remember(input, 'profile', profileName, (shared) => loadProfile(shared, profileName), (profile) => !holdsSecret(profile));
}

/**
 * listProfiles as completion prints it (one name a line), remembered: what tab completion asks
 * for at every Tab. Kept as one string: 10,000 strings parsed from the cache cost a warm run
 * more in garbage collection than the rest of it.
 */
export function profileNamesRemembered(input: RememberInput): string {
  return remember(input, 'profile-names', '', (shared) => listProfiles(shared).map((name) => `${name}\n`).join(''), () => true);
}

/**
 * Something else computed from both files (no secret in it), remembered under `kind` while
 * they are unchanged: the profile picker's list (src/pick).
 */
export function rememberedFromConfig(input: RememberInput, kind: string, compute: (shared: SharedConfig) => string): string {
  return remember(input, kind, '', compute, () => true);
}

interface Entry<T> {
  readonly key: string;
  readonly files: readonly [string, string];
  readonly value: T;
  readonly notes: readonly string[];
}

interface CacheFile<T> {
  readonly format: number;
  readonly build: string;
  readonly entries: ReadonlyArray<Entry<T>>;
}

function remember<T>(input: RememberInput, kind: string, name: string, compute: (shared: SharedConfig) => T, storable: (value: T) => boolean): T {
  const paths = configFilePaths(input);
  const states = [fileState(paths.configFile), fileState(paths.credentialsFile)] as const;
  const files = [states[0]?.identity, states[1]?.identity] as const;
  const directory = privateCacheDirectory(input.env, input.home);
  const cacheName = `config-${kind}.json`;
  const key = JSON.stringify([paths.configFile, paths.credentialsFile, name]);
  const { build } = input;
  const cached = build !== undefined && files[0] !== undefined && files[1] !== undefined ? readCache<T>(directory, cacheName, build, input) : undefined;
  const hit = cached?.entries.find((entry) => entry.key === key && entry.files[0] === files[0] && entry.files[1] === files[1]);
  if (hit) {
    for (const note of hit.notes) input.debug(note);
    return hit.value;
  }

  const notes: string[] = [];
  const value = compute(loadSharedConfig({ env: input.env, home: input.home, debug: (note) => (notes.push(note), input.debug(note)) }));
  if (build !== undefined && files[0] !== undefined && files[1] !== undefined && settled(states, input.now()) && storable(value)) {
    const entry: Entry<T> = { key, files: [files[0], files[1]], value, notes: notes.slice(0, MAX_NOTES) };
    const kept = (cached?.entries ?? []).filter((other) => other.key !== key).slice(0, MAX_ENTRIES - 1);
    writeCache(directory, cacheName, { format: FORMAT, build, entries: [entry, ...kept] }, input);
  }
  return value;
}

interface FileState {
  /** dev:ino:size:mtime:ctime, or '' for no file (an empty path) or a missing one. */
  readonly identity: string;
  /** The later of mtime and ctime, in ns since the epoch (0 for no file). */
  readonly changedNs: bigint;
}

/** One stat of a file: its identity and when it last changed; undefined when it cannot be stat'ed (loadSharedConfig then says why). */
function fileState(path: string): FileState | undefined {
  if (path === '') return { identity: '', changedNs: 0n };
  try {
    const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (stats === undefined) return { identity: '', changedNs: 0n };
    const changedNs = stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs;
    return { identity: `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`, changedNs };
  } catch {
    return undefined;
  }
}

/** Whether neither file had changed SETTLED_MS before `now` (nor claims a time to come) when it was stat'ed. */
function settled(states: readonly [FileState | undefined, FileState | undefined], now: Date): boolean {
  const limit = BigInt(now.getTime() - SETTLED_MS) * 1_000_000n;
  return states.every((state) => state !== undefined && state.changedNs <= limit);
}

function readCache<T>(directory: string, name: string, build: string, input: RememberInput): CacheFile<T> | undefined {
  const bytes = readTrustedFile(directory, name, input.uid, MAX_FILE_BYTES);
  if (!bytes) return undefined;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as CacheFile<T>;
    return parsed.format === FORMAT && parsed.build === build && Array.isArray(parsed.entries) ? parsed : undefined;
  } catch {
    return undefined; // a torn or foreign file is simply not used, and replaced on the next store
  }
}

/** Stores quietly: a cache that cannot be written costs the next command time, nothing else. */
function writeCache<T>(directory: string, name: string, content: CacheFile<T>, input: RememberInput): void {
  try {
    const text = JSON.stringify(content);
    if (text.length > MAX_FILE_BYTES || prepareDirectory(directory, input.uid) !== undefined) return;
    writeFileAtomic(`${directory}/${name}`, text, 0o600);
  } catch (error) {
    input.debug(`not remembering the config read in ${directory}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
