import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import packageJson from '../package.json';

// What a user gets from `npm install -g` of the packed tarball: no install-time script (the
// tarball has no scripts/ folder for one to run), and the licence package.json names.
const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'awscreds-packaging-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pack(): string {
  // --ignore-scripts: `npm test` has just built dist/; prepack would build it again.
  execFileSync('npm', ['pack', '--pack-destination', work, '--ignore-scripts'], { cwd: root, stdio: 'pipe' });
  return join(work, `awscreds-${packageJson.version}.tgz`);
}

/** `npm install -g` into a fresh prefix (dependencies from npm's cache); npm's output. */
function installGlobally(tarball: string, name: string): { output: string; status: number | null; prefix: string } {
  const prefix = join(work, name);
  const result = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'warn' } });
  return { output: result.stdout + result.stderr, status: result.status, prefix };
}

describe('the packed tarball', () => {
  let tarball: string;
  beforeAll(() => {
    tarball = pack();
  });

  it('holds the MIT licence that package.json names', () => {
    expect(packageJson.license).toBe('MIT');
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/LICENSE');
    expect(listing.filter((f) => f.startsWith('package/scripts/'))).toEqual([]);
    const licence = execFileSync('tar', ['-xzOf', tarball, 'package/LICENSE'], { encoding: 'utf8' });
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the awscreds authors\n/);
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
  });

  it('has no install-time script, and builds when packed instead', () => {
    const scripts: Record<string, string> = packageJson.scripts;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts[hook]).toBeUndefined();
    expect(scripts.prepack).toBe(scripts.build);
  });

  it('installs globally without a warning about scripts, and runs', () => {
    const installed = installGlobally(tarball, 'prefix');
    expect(installed.status).toBe(0);
    expect(installed.output).not.toMatch(/install-scripts|prepare|scripts\/build/);
    const bin = join(installed.prefix, 'bin', 'awscreds');
    const run = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work } });
    expect(run.stdout).toBe(`${packageJson.version}\n`);
    expect(readFileSync(join(installed.prefix, 'lib', 'node_modules', 'awscreds', 'LICENSE'), 'utf8')).toContain('MIT License');
  }, 240_000);

  it('would warn with a prepare script (control: the check above can fail)', () => {
    // The same tarball with the old `prepare` put back.
    const unpacked = join(work, 'control');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    const manifest = join(unpacked, 'package', 'package.json');
    const withPrepare = JSON.parse(readFileSync(manifest, 'utf8')) as { scripts: Record<string, string> };
    withPrepare.scripts.prepare = 'node scripts/build.mjs';
    writeFileSync(manifest, JSON.stringify(withPrepare, null, 2));
    const controlTarball = join(work, 'control.tgz');
    execFileSync('tar', ['-czf', controlTarball, '-C', unpacked, 'package']);
    const installed = installGlobally(controlTarball, 'control-prefix');
    expect(installed.output).toMatch(/install-scripts|prepare/);
    expect(readdirSync(work)).toContain('control-prefix');
  }, 240_000);
});
