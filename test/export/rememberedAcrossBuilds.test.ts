import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv, seedSignedInHome } from '../emulator/seedHome';
import { startSsoEmulator } from '../emulator/ssoEmulator';
import { runProcess } from '../helpers/runAwscreds';

// The remembered config (src/config/rememberedConfig.ts) is keyed by the bundle's hash, which
// scripts/build.mjs writes into dist/main.cjs: a rebuilt bundle, whose resolver may answer
// differently, never takes what another build stored, even with the package version and both
// config files unchanged. A copy of dist/ whose main.cjs carries another hash stands for it.

const DIST = join(__dirname, '..', '..', 'dist');

it('a rebuilt bundle (another hash) reads the config again instead of using what the old build remembered', async () => {
  const emulator = await startSsoEmulator();
  const seeded = seedSignedInHome(emulator);
  // Inside dist/, so that the copy finds node_modules as the original does.
  const rebuilt = join(DIST, `.rebuilt-${process.pid}`);
  try {
    const env = { ...childEnv(seeded.env), SHELL: '/bin/bash', XDG_CACHE_HOME: join(seeded.home, '.cache') };
    const exportWith = async (dist: string) => {
      const run = await runProcess(process.execPath, [join(dist, 'awscreds.cjs'), 'export', '--profile', 'dev'], env, '', { guardMs: 30_000 });
      expect([run.status, run.stderr]).toEqual([0, '']);
      return /AWS_REGION=(\S+?);?\n/.exec(run.stdout)?.[1] ?? run.stdout;
    };
    expect(await exportWith(DIST)).toBe('eu-west-1'); // cold: fetches and caches the role credentials
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the files settle (see rememberedConfig.ts)
    expect(await exportWith(DIST)).toBe('eu-west-1'); // remembers the profile
    const cacheFile = join(seeded.home, '.cache', 'awscreds', 'config-profile.json');
    const remembered = readFileSync(cacheFile, 'utf8');
    expect(remembered).toContain('"region":"eu-west-1"');
    // A stand-in answer that shows when the cache, not the config, answered.
    writeFileSync(cacheFile, remembered.replace('"region":"eu-west-1"', '"region":"eu-north-1"'));
    expect(await exportWith(DIST)).toBe('eu-north-1'); // positive control: the same build uses it

    const main = readFileSync(join(DIST, 'main.cjs'), 'utf8');
    const hash = /"[0-9a-f]{16}"/.exec(readFileSync(join(DIST, 'awscreds.cjs'), 'utf8'))?.[0] as string;
    expect(main.split(hash)).toHaveLength(2); // main.cjs holds its hash once
    for (const entry of readdirSync(DIST).filter((name) => !name.startsWith('.rebuilt-'))) cpSync(join(DIST, entry), join(rebuilt, entry), { recursive: true });
    writeFileSync(join(rebuilt, 'main.cjs'), main.replace(hash, `"${'f'.repeat(16)}"`));
    expect(await exportWith(rebuilt)).toBe('eu-west-1');
  } finally {
    rmSync(rebuilt, { recursive: true, force: true });
    seeded.cleanup();
    await emulator.stop();
  }
});
