import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, cpSync, ftruncateSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWSCREDS_BIN, type GuardedRun, type ProcessRun, runAwscreds, runProcess } from '../helpers/runAwscreds';
import { NEEDS, needing } from '../helpers/needs';

// dist/awscreds.cjs runs the bundle through a V8 code cache in the user's cache directory, and
// uses it only when it is safe to trust (src/codeCache.ts). AWSCREDS_CODE_CACHE_REPORT=1 makes
// it say on stderr what became of the cache.

const ROOT = join(__dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const NOBODY = 65534;
/** chown needs root (CI runs the tests as root). */
const itAsRoot = needing('codeCache: another user\'s cache', NEEDS.root).test;

/** Runs an awscreds executable with a real timeout: a hang fails the test instead of the suite. */
function runWithin(timeoutMs: number, bin: string, args: readonly string[], env: Record<string, string>): Promise<GuardedRun> {
  return runProcess(process.execPath, [bin, ...args], env, '', { guardMs: timeoutMs });
}

const REPORT = { AWSCREDS_CODE_CACHE_REPORT: '1' };

/** What the run's AWSCREDS_CODE_CACHE_REPORT line says. */
function reported(run: ProcessRun): string {
  return /^awscreds: code cache (.*)$/m.exec(run.stderr)?.[1] ?? `(no report in ${JSON.stringify(run.stderr)})`;
}

/**
 * A copy of dist/ (with node_modules reachable) under `dir`. With `edit`, its main.cjs prints
 * version "6.6.6": the same length, so V8 alone cannot tell the two bundles apart.
 */
function install(dir: string, edit = false): { bin: string; bundle: string } {
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const bundle = join(dir, 'dist', 'main.cjs');
  if (edit) writeFileSync(bundle, editedBundle(readFileSync(bundle, 'utf8')));
  return { bin: join(dir, 'dist', 'awscreds.cjs'), bundle };
}

function editedBundle(text: string): string {
  const from = `version:${JSON.stringify(VERSION)}`;
  const to = `version:${JSON.stringify('6.6.6'.padEnd(VERSION.length, '6').slice(0, VERSION.length))}`;
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}
const EDITED_VERSION = '6.6.6'.padEnd(VERSION.length, '6').slice(0, VERSION.length);

describe('the V8 code cache', () => {
  const work = mkdtempSync(join(tmpdir(), 'awscreds-codecache-'));
  const home = join(work, 'home');
  mkdirSync(home);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
  const cacheDir = join(home, '.cache', 'awscreds');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A fresh HOME under the work directory. */
  let homes = 0;
  const freshHome = (): string => {
    const dir = join(work, `home-${++homes}`);
    mkdirSync(dir, { mode: 0o755 });
    return dir;
  };

  it('is written on the first run, 0600 in a 0700 directory, and reused', async () => {
    const first = await runAwscreds(['--version'], { ...env, ...REPORT });
    expect(first.status).toBe(0);
    expect(reported(first)).toBe('absent; written');
    const [file, ...others] = readdirSync(cacheDir);
    expect(others).toEqual([]);
    expect(file).toMatch(new RegExp(`^v8-${process.version}-${process.arch}-${VERSION}-[0-9a-f]{16}\\.bin$`));
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(cacheDir, file as string)).mode & 0o777).toBe(0o600);
    const written = statSync(join(cacheDir, file as string)).mtimeMs;
    const second = await runAwscreds(['--version'], { ...env, ...REPORT });
    expect(second.stdout).toBe(first.stdout);
    expect(reported(second)).toBe('accepted');
    expect(statSync(join(cacheDir, file as string)).mtimeMs).toBe(written); // accepted, not rewritten
    // The report is off by default: nothing on stderr.
    expect((await runAwscreds(['--version'], env)).stderr).toBe('');
  });

  it('survives a corrupt cache (rewritten); one file per Node version, of the current awscreds version', async () => {
    const [file] = readdirSync(cacheDir) as [string];
    writeFileSync(join(cacheDir, file), 'garbage');
    const otherArch = process.arch === 's390x' ? 'riscv64' : 's390x';
    const replaced = [
      `v8-${process.version}-${process.arch}-${VERSION}-0000000000000000.bin`, // this Node, another bundle
      `v8-${process.version}-${process.arch}-0.0.1-0000000000000000.bin`,
      'v8-0.0.1-old.bin', // the name layout of older versions
      `v8-${VERSION}-${process.version}-${process.arch}-103748-1796188419332.bin`,
      `v8-v18.20.0-x64-0.0.1-0000000000000000.bin`, // another Node, an older awscreds
    ];
    const kept = [
      `v8-v18.20.0-x64-${VERSION}-0000000000000000.bin`, // another Node version sharing the directory
      `v8-${process.version}-${otherArch}-${VERSION}-0000000000000000.bin`, // another architecture
      'v8-v99.0.0-x64-99.0.0-0000000000000000.bin', // a newer awscreds
      'notes.txt',
    ];
    for (const name of [...replaced, ...kept]) writeFileSync(join(cacheDir, name), 'another cache', { mode: 0o600 });
    const run = await runAwscreds(['--version'], { ...env, ...REPORT });
    expect(run.status).toBe(0);
    expect(reported(run)).toBe('stale; written');
    expect(readdirSync(cacheDir).sort()).toEqual([file, ...kept].sort());
    expect(statSync(join(cacheDir, file)).size).toBeGreaterThan(1000);
    expect(reported(await runAwscreds(['--version'], { ...env, ...REPORT }))).toBe('accepted');
  });

  it('lives in $XDG_CACHE_HOME/awscreds when XDG_CACHE_HOME is set', async () => {
    const other = mkdtempSync(join(tmpdir(), 'awscreds-codecache-xdg-'));
    try {
      const xdg = join(other, 'xdg-cache');
      const run = await runAwscreds(['--version'], { ...env, HOME: join(other, 'home'), XDG_CACHE_HOME: xdg });
      expect(run.status).toBe(0);
      const files = readdirSync(join(xdg, 'awscreds'));
      expect(files).toEqual([expect.stringMatching(/^v8-.+\.bin$/)]);
      expect(statSync(join(xdg, 'awscreds', files[0] as string)).mode & 0o777).toBe(0o600);
      expect(readdirSync(other)).toEqual(['xdg-cache']); // nothing under HOME
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('is neither read nor written with AWSCREDS_CODE_CACHE=0, or when the directory cannot be made', async () => {
    const other = freshHome();
    const off = await runAwscreds(['--version'], { ...env, HOME: other, AWSCREDS_CODE_CACHE: '0', ...REPORT });
    expect(off.status).toBe(0);
    expect(reported(off)).toBe('disabled');
    expect(readdirSync(other)).toEqual([]);
    writeFileSync(join(other, '.cache'), 'a file where the directory would go');
    const blocked = await runAwscreds(['--version'], { ...env, HOME: other });
    expect(blocked.status).toBe(0);
    expect(blocked.stderr).toBe('');
  });

  it('runs the new code after the bundle is edited with the same size and the same mtime', async () => {
    const { bin, bundle } = install(join(work, 'edited-in-place'));
    const fixed = 315532800; // a fixed mtime, as Nix, SOURCE_DATE_EPOCH or tar leave it
    utimesSync(bundle, fixed, fixed);
    const before = statSync(bundle);
    const home1 = freshHome();
    expect(reported(await runWithin(20_000, bin, ['--version'], { ...env, HOME: home1, ...REPORT }))).toBe('absent; written');
    const old = await runWithin(20_000, bin, ['--version'], { ...env, HOME: home1, ...REPORT });
    expect([old.stdout, reported(old)]).toEqual([`${VERSION}\n`, 'accepted']);
    // Edited in place (same inode), then the mtime set back.
    const fd = openSync(bundle, 'r+');
    writeSync(fd, editedBundle(readFileSync(bundle, 'utf8')), 0, 'utf8');
    closeSync(fd);
    utimesSync(bundle, fixed, fixed);
    const after = statSync(bundle);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    const edited = await runWithin(20_000, bin, ['--version'], { ...env, HOME: home1, ...REPORT });
    expect([edited.stdout, reported(edited)]).toEqual([`${EDITED_VERSION}\n`, 'stale; written']);
    const again = await runWithin(20_000, bin, ['--version'], { ...env, HOME: home1, ...REPORT });
    expect([again.stdout, reported(again)]).toEqual([`${EDITED_VERSION}\n`, 'accepted']);
  });

  describe('a planted cache: compiled from other code of the same length, made to look like the real one', () => {
    let real: { bin: string; bundle: string };
    let planted: Buffer;
    let name: string;

    beforeAll(async () => {
      real = install(join(work, 'real'));
      const other = install(join(work, 'other'), true);
      const otherHome = freshHome();
      const made = await runWithin(20_000, other.bin, ['--version'], { ...env, HOME: otherHome, ...REPORT });
      expect([made.stdout, reported(made)]).toEqual([`${EDITED_VERSION}\n`, 'absent; written']);
      const dir = join(otherHome, '.cache', 'awscreds');
      [name] = readdirSync(dir) as [string];
      // The copy of the bundle it holds becomes the real one: only the compiled code is foreign.
      planted = readFileSync(join(dir, name));
      const otherBundle = readFileSync(other.bundle);
      const at = planted.indexOf(otherBundle);
      expect(at).toBeGreaterThan(0);
      readFileSync(real.bundle).copy(planted, at);
    });

    /** A cache directory holding the planted file, and what it held before the run. */
    function plant(dir: string, dirMode = 0o700, fileMode = 0o600): () => void {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, dirMode);
      writeFileSync(join(dir, name), planted, { mode: fileMode });
      chmodSync(join(dir, name), fileMode);
      return () => {
        expect(readdirSync(dir)).toEqual([name]); // nothing written there
        expect(readFileSync(join(dir, name)).equals(planted)).toBe(true);
      };
    }

    it('positive control: in a directory and a file of the user, it would run the planted code', async () => {
      const h = freshHome();
      plant(join(h, '.cache', 'awscreds'));
      const run = await runWithin(20_000, real.bin, ['--version'], { ...env, HOME: h, ...REPORT });
      expect([run.stdout, reported(run)]).toEqual([`${EDITED_VERSION}\n`, 'accepted']);
    });

    it.each([
      ['writable by others (0777)', 0o777, 'untrusted directory writable by others (mode 777)'],
      ['writable by the group (0770)', 0o770, 'untrusted directory writable by group (mode 770)'],
      ['writable by others, sticky (1777)', 0o1777, 'untrusted directory writable by others (mode 1777)'],
    ])('is not used, nor replaced, in a directory %s', async (_label, mode, why) => {
      const h = freshHome();
      const untouched = plant(join(h, '.cache', 'awscreds'), mode);
      const run = await runWithin(20_000, real.bin, ['--version'], { ...env, HOME: h, ...REPORT });
      expect([run.status, run.stdout, reported(run)]).toEqual([0, `${VERSION}\n`, why]);
      untouched();
    });

    it('is not used in a shared XDG_CACHE_HOME where others may write the awscreds directory', async () => {
      const shared = join(work, 'shared-xdg');
      mkdirSync(shared, { mode: 0o777 });
      chmodSync(shared, 0o1777);
      const untouched = plant(join(shared, 'awscreds'), 0o777);
      const run = await runWithin(20_000, real.bin, ['--version'], { ...env, HOME: freshHome(), XDG_CACHE_HOME: shared, ...REPORT });
      expect([run.stdout, reported(run)]).toEqual([`${VERSION}\n`, 'untrusted directory writable by others (mode 777)']);
      untouched();
    });

    itAsRoot('is not used from a directory of another user, even one only that user may write (sudo keeping HOME)', async () => {
      const h = freshHome();
      const dir = join(h, '.cache', 'awscreds');
      const untouched = plant(dir);
      chownSync(dir, NOBODY, NOBODY);
      const run = await runWithin(20_000, real.bin, ['--version'], { ...env, HOME: h, ...REPORT });
      expect([run.stdout, reported(run)]).toEqual([`${VERSION}\n`, `untrusted directory owned by uid ${NOBODY}`]);
      untouched();
    });

    itAsRoot('is replaced, not used, when the file belongs to another user or is writable by the group', async () => {
      for (const [owner, mode, why] of [
        [NOBODY, 0o600, `untrusted file: owned by uid ${NOBODY}`],
        [0, 0o660, 'untrusted file: writable by group (mode 660)'],
        [0, 0o602, 'untrusted file: writable by others (mode 602)'],
      ] as const) {
        const h = freshHome();
        const dir = join(h, '.cache', 'awscreds');
        plant(dir, 0o700, mode);
        chownSync(join(dir, name), owner, owner);
        const run = await runWithin(20_000, real.bin, ['--version'], { ...env, HOME: h, ...REPORT });
        expect([run.stdout, reported(run)]).toEqual([`${VERSION}\n`, `${why}; written`]);
        const now = statSync(join(dir, name));
        expect([now.uid, now.mode & 0o777]).toEqual([0, 0o600]);
        expect(readFileSync(join(dir, name)).equals(planted)).toBe(false);
      }
    });

    it('is not used through a symbolic link, for the directory or for the file', async () => {
      const elsewhere = join(work, 'elsewhere');
      plant(elsewhere);
      const h1 = freshHome();
      mkdirSync(join(h1, '.cache'));
      symlinkSync(elsewhere, join(h1, '.cache', 'awscreds'));
      const viaDir = await runWithin(20_000, real.bin, ['--version'], { ...env, HOME: h1, ...REPORT });
      expect([viaDir.stdout, reported(viaDir)]).toEqual([`${VERSION}\n`, 'untrusted directory not a directory']);
      const h2 = freshHome();
      mkdirSync(join(h2, '.cache', 'awscreds'), { recursive: true, mode: 0o700 });
      symlinkSync(join(elsewhere, name), join(h2, '.cache', 'awscreds', name));
      const viaFile = await runWithin(20_000, real.bin, ['--version'], { ...env, HOME: h2, ...REPORT });
      expect([viaFile.stdout, reported(viaFile)]).toEqual([`${VERSION}\n`, 'untrusted file: a symbolic link; written']);
      expect(lstatSync(join(h2, '.cache', 'awscreds', name)).isFile()).toBe(true); // the link replaced
      expect(readFileSync(join(elsewhere, name)).equals(planted)).toBe(true); // its target untouched
    });
  });

  describe('at the cache path, what cannot be read at once is refused quickly and the command still works', () => {
    let name: string;
    let expected: string;

    beforeAll(async () => {
      const h = freshHome();
      await runAwscreds(['--version'], { ...env, HOME: h });
      [name] = readdirSync(join(h, '.cache', 'awscreds')) as [string];
      // `awscreds hook bash` runs at every shell start.
      expected = (await runAwscreds(['hook', 'bash'], { ...env, HOME: h, AWSCREDS_CODE_CACHE: '0' })).stdout;
      expect(expected).toContain('awscreds');
    });

    it.each([
      ['a FIFO', (path: string) => execFileSync('mkfifo', [path]), 'untrusted file: not a regular file; written'],
      ['a symbolic link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path), 'untrusted file: a symbolic link; written'],
      ['a directory', (path: string) => mkdirSync(path), 'untrusted file: not a regular file; not written (EISDIR)'],
      [
        'a 4 GiB file',
        (path: string) => {
          const fd = openSync(path, 'w', 0o600);
          ftruncateSync(fd, 4 * 1024 ** 3); // sparse
          closeSync(fd);
        },
        'untrusted file: larger than 16777216 bytes; written',
      ],
    ])('%s', async (_label, make, why) => {
      const h = freshHome();
      const dir = join(h, '.cache', 'awscreds');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      make(join(dir, name));
      const run = await runWithin(20_000, AWSCREDS_BIN, ['hook', 'bash'], { ...env, HOME: h, ...REPORT });
      expect(run.killedByGuard).toBe(false);
      expect([run.status, run.stdout, reported(run)]).toEqual([0, expected, why]);
    });
  });

  itAsRoot('does not make its directory under a directory of another user (root under sudo keeping HOME)', async () => {
    const h = freshHome();
    chownSync(h, NOBODY, NOBODY);
    const run = await runAwscreds(['--version'], { ...env, HOME: h, ...REPORT });
    expect([run.stdout, reported(run)]).toEqual([`${VERSION}\n`, `absent; not written: not making ${join(h, '.cache', 'awscreds')}: ${h} is not the user's`]);
    expect(readdirSync(h)).toEqual([]);
  });
});
