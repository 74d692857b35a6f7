import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAwscreds } from '../helpers/runAwscreds';

// dist/awscreds.cjs runs the bundle through a V8 code cache in the user's cache directory.
describe('the V8 code cache', () => {
  const home = mkdtempSync(join(tmpdir(), 'awscreds-codecache-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
  const cacheDir = join(home, '.cache', 'awscreds');
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('is written on the first run, 0600 in a 0700 directory, and reused', async () => {
    const first = await runAwscreds(['--version'], env);
    expect(first.status).toBe(0);
    const [file, ...others] = readdirSync(cacheDir);
    expect(others).toEqual([]);
    expect(file).toMatch(/^v8-.+\.bin$/);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(cacheDir, file as string)).mode & 0o777).toBe(0o600);
    const written = statSync(join(cacheDir, file as string)).mtimeMs;
    const second = await runAwscreds(['--version'], env);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(join(cacheDir, file as string)).mtimeMs).toBe(written); // accepted, not rewritten
  });

  it('survives a corrupt cache (rejected, rewritten) and stale ones (removed)', async () => {
    const [file] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, file as string), 'garbage');
    writeFileSync(join(cacheDir, 'v8-0.0.1-old.bin'), 'from an older version');
    const run = await runAwscreds(['--version'], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(readdirSync(cacheDir)).toEqual([file]);
    expect(statSync(join(cacheDir, file as string)).size).toBeGreaterThan(1000);
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
    const other = mkdtempSync(join(tmpdir(), 'awscreds-codecache-off-'));
    try {
      expect((await runAwscreds(['--version'], { ...env, HOME: other, AWSCREDS_CODE_CACHE: '0' })).status).toBe(0);
      expect(readdirSync(other)).toEqual([]);
      writeFileSync(join(other, '.cache'), 'a file where the directory would go');
      const blocked = await runAwscreds(['--version'], { ...env, HOME: other });
      expect(blocked.status).toBe(0);
      expect(blocked.stderr).toBe('');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
