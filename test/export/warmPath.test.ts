import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, seedSignedInHome } from '../emulator/seedHome';
import { startSsoEmulator } from '../emulator/ssoEmulator';
import { AWSCREDS_BIN, runAwscreds } from '../helpers/runAwscreds';

// The speed of `eval "$(awscreds export)"` in every new terminal rests on this: with cached
// role credentials, neither the AWS SDK nor yargs is loaded, and nothing goes on the network.
it.each([
  ['an SSO profile', 'dev'],
  ['a role chain rooted in it', 'chain'],
])('a warm export of %s loads neither the AWS SDK nor yargs, and makes no request', async (_label, profile) => {
  const emulator = await startSsoEmulator();
  const seeded = seedSignedInHome(emulator);
  writeFileSync(seeded.configFile, `${readFileSync(seeded.configFile, 'utf8')}\n[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/Admin\nsource_profile = dev\n\n[profile chain]\nrole_arn = arn:aws:iam::333333333333:role/Deploy\nsource_profile = admin\n`);
  const work = mkdtempSync(join(tmpdir(), 'awscreds-warm-'));
  try {
    const env = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
    expect((await runAwscreds(['export', '--profile', profile], env)).status).toBe(0);
    expect(emulator.requests.length).toBeGreaterThan(0); // the cold export did go out
    emulator.clearRequests();
    emulator.sts.requests.length = 0;

    const recorder = join(work, 'record-loads.js');
    const record = join(work, 'loaded.txt');
    writeFileSync(
      recorder,
      `const Module = require('module'); const fs = require('fs'); const seen = [];
       const load = Module._load; Module._load = function (request, ...rest) { seen.push(request); return load.call(this, request, ...rest); };
       process.on('exit', () => fs.writeFileSync(${JSON.stringify(record)}, seen.join('\\n')));`,
    );
    const warm = spawnSync(process.execPath, ['--require', recorder, AWSCREDS_BIN, 'export', '--profile', profile], { env, encoding: 'utf8' });
    expect(warm.status).toBe(0);
    expect(warm.stdout).toContain('AWS_SESSION_TOKEN');
    const loaded = readFileSync(record, 'utf8').split('\n');
    expect(loaded).toContain('node:fs'); // the recorder works
    expect(loaded.filter((m) => /aws-sdk|smithy|yargs\/|^yargs$|node:crypto|^crypto$|node:tty|^tty$/.test(m))).toEqual([]);
    expect(emulator.requests).toHaveLength(0);
    expect(emulator.sts.requests).toHaveLength(0);
  } finally {
    rmSync(work, { recursive: true, force: true });
    seeded.cleanup();
    await emulator.stop();
  }
});

// A config of 10,000 profiles must not cost every new terminal a read of it: once the files
// have settled, a warm export takes the profile from awscreds' private cache.
it('a warm export with a settled config stats ~/.aws/config but does not read it, and reads it again once it changes', async () => {
  const emulator = await startSsoEmulator();
  const seeded = seedSignedInHome(emulator);
  const work = mkdtempSync(join(tmpdir(), 'awscreds-warm-'));
  try {
    const env = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
    expect((await runAwscreds(['export', '--profile', 'dev'], env)).status).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the files settle (see rememberedConfig.ts)
    const opensOfConfig = (label: string) => {
      const trace = join(work, `${label}.strace`);
      const run = spawnSync('strace', ['-f', '-qq', '-e', 'trace=open,openat,stat,statx,newfstatat', '-o', trace, process.execPath, AWSCREDS_BIN, 'export', '--profile', 'dev'], { env, encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('AWS_SESSION_TOKEN');
      const lines = readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes(seeded.configFile));
      return { opened: lines.filter((line) => /open(at)?\(/.test(line)).length, statted: lines.filter((line) => /stat/.test(line)).length };
    };
    opensOfConfig('remember'); // stores the entry (the files are settled now)
    const warm = opensOfConfig('warm');
    expect(warm).toEqual({ opened: 0, statted: expect.any(Number) });
    expect(warm.statted).toBeGreaterThan(0);
    // Positive control: a changed config is read again.
    writeFileSync(seeded.configFile, `${readFileSync(seeded.configFile, 'utf8')}\n[profile extra]\nregion = eu-west-1\n`);
    expect(opensOfConfig('changed').opened).toBeGreaterThan(0);
  } finally {
    rmSync(work, { recursive: true, force: true });
    seeded.cleanup();
    await emulator.stop();
  }
});
