import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version } from '../package.json';

// The packed tarball must hold everything the binary needs at run time: install it into a
// fresh prefix (from npm's cache, as CI has just run `npm ci`) and run it from there.
describe('npm pack', () => {
  const root = join(__dirname, '..');
  const work = mkdtempSync(join(tmpdir(), 'awscreds-pack-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('installs into an empty prefix and runs', () => {
    execFileSync('npm', ['pack', '--pack-destination', work, '--ignore-scripts'], { cwd: root, stdio: 'pipe' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBe(`awscreds-${version}.tgz`);
    const listing = execFileSync('tar', ['-tzf', join(work, tarball as string)], { encoding: 'utf8' }).split('\n');
    expect(listing).toEqual(expect.arrayContaining(['package/dist/awscreds.cjs', 'package/README.md', 'package/package.json']));
    expect(listing.filter((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);

    const prefix = join(work, 'prefix');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball as string)], { stdio: 'pipe' });
    const bin = join(prefix, 'bin', 'awscreds');
    expect(existsSync(bin)).toBe(true);
    const run = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work } });
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.status).toBe(0);
    const help = spawnSync(bin, ['export', '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work } });
    expect(help.stdout).toContain('--profile');
  }, 180_000);
});
