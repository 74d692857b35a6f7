import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emulatedHome, type EmulatedHome } from '../commands/commandsTestSetup';
import type { EmulatorOptions } from '../emulator/ssoEmulator';
import { awscredsOnPath, type AwscredsOnPath } from '../hooks/awscredsOnPath';
import { NU, driver } from '../helpers/shellDriver';
import { NEEDS, needing } from '../helpers/needs';
import { runAwscreds } from '../helpers/runAwscreds';
import { startTmuxShell, type TmuxShell } from '../helpers/tmuxShell';

// README promises of the nu hook that need a real `awscreds export` against the emulator:
// AWSCREDS_AUTO_REFRESH, and the picker drawn on the terminal while the hook's `awscreds
// export` reads what awscreds prints. nu runs interactively in tmux with the hook that
// `awscreds hook install --shell nu` wrote, the built awscreds on PATH.
jest.setTimeout(90_000);
const maybe = needing('nu interactive', NEEDS.tmux).describe;

let built: AwscredsOnPath;
beforeAll(() => (built = awscredsOnPath()));
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));
let home: EmulatedHome | undefined;
afterEach(async () => {
  await home?.stop();
  home = undefined;
});

/** nu in tmux, in a home signed in to the emulator; `populate` first writes a profile per account and role. */
async function nuSignedIn(options: { emulator?: EmulatorOptions; populate?: boolean } = {}): Promise<{ sh: TmuxShell; home: EmulatedHome }> {
  const emulated = await emulatedHome({ emulator: options.emulator ?? {} });
  home = emulated;
  const userHome = emulated.seeded.home;
  const fakeBin = join(userHome, 'fakebin');
  mkdirSync(fakeBin);
  writeFileSync(join(fakeBin, 'aws'), '#!/bin/sh\nprintf "aws saw: key=%s token=%s\\n" "${AWS_ACCESS_KEY_ID:-unset}" "${AWS_SESSION_TOKEN:-unset}"\n', { mode: 0o755 });
  mkdirSync(join(userHome, '.config', 'nushell'), { recursive: true });
  writeFileSync(join(userHome, driver('nu').userRcFile), driver('nu').promptRc('NU> '));
  const { SHELL: _shell, ...awsEnv } = emulated.env;
  const env = { ...awsEnv, PATH: `${fakeBin}:${built.binDir}:/usr/local/bin:/usr/bin:/bin`, XDG_CONFIG_HOME: join(userHome, '.config'), AWSCREDS_PASTE_GRACE: '0' };
  if (options.populate === true) expect((await runAwscreds(['populate'], emulated.env)).status).toBe(0);
  execFileSync(join(built.binDir, 'awscreds'), ['hook', 'install', '--shell', 'nu'], { env, stdio: 'pipe' });
  const sh = await startTmuxShell([NU], env, (marker) => `print ("@@" + "${marker}" + "@@")`, 'NU> ');
  return { sh, home: emulated };
}

maybe('nu with the emulator', () => {
  test('AWSCREDS_AUTO_REFRESH=1: a guarded command on an expired or expiring set runs the real awscreds export first', async () => {
    // Role credentials for 5 minutes: expiring_soon (warned within 10) right after the export,
    // and under --min-ttl (15), so a new export fetches a new set.
    const { sh, home: emulated } = await nuSignedIn({ emulator: { roleCredentialsTtlSeconds: 300 } });
    const issued = emulated.emulator.issuedRoleCredentials;
    try {
      expect(await sh.run('awscreds export --profile dev')).toContain('awscreds: expires in 5m;');
      const first = issued[0]?.accessKeyId;
      expect(first).toMatch(/^ASIA/);
      // Without the variable the guard lets the expiring set through as it is…
      expect(await sh.run('aws sts get-caller-identity')).toContain(`aws saw: key=${first} `);
      // …and refuses it once expired (time passing, as the shell sees it).
      await sh.run(`$env.AWSCREDS_EXPIRES_AT = "${Math.floor(Date.now() / 1000) - 60}"`);
      const refused = await sh.run('aws sts get-caller-identity');
      expect(refused).not.toContain('aws saw:');
      expect(refused).toContain('aws not started');
      expect(issued).toHaveLength(1);

      await sh.run('$env.AWSCREDS_AUTO_REFRESH = "1"');
      // Expired: the guard exports anew (a real GetRoleCredentials), then runs aws on the new set.
      const afterExpired = await sh.run('aws sts get-caller-identity');
      expect(issued).toHaveLength(2);
      expect(issued[1]?.accessKeyId).not.toBe(first);
      expect(afterExpired).toContain(`aws saw: key=${issued[1]?.accessKeyId} token=${issued[1]?.sessionToken}`);
      // Expiring (the new set has 5 minutes too): exported anew again.
      expect(await sh.run('aws sts get-caller-identity')).toContain(`aws saw: key=${issued[2]?.accessKeyId} token=${issued[2]?.sessionToken}`);
      expect(issued).toHaveLength(3);
      // The new set is the shell's own, bookkeeping included.
      expect(await sh.run('print $"K[($env.AWS_ACCESS_KEY_ID)] B[($env.AWSCREDS_KEY_ID)]"')).toContain(`K[${issued[2]?.accessKeyId}] B[${issued[2]?.accessKeyId}]`);
    } finally {
      sh.close();
    }
  });

  test('AWSCREDS_AUTO_REFRESH=1 when the export fails: nothing applied, its message said, the command refused', async () => {
    const { sh, home: emulated } = await nuSignedIn();
    try {
      await sh.run('awscreds export --profile dev');
      const key = emulated.emulator.issuedRoleCredentials[0]?.accessKeyId;
      await sh.run(`$env.AWSCREDS_EXPIRES_AT = "${Math.floor(Date.now() / 1000) - 60}"; $env.AWSCREDS_AUTO_REFRESH = "1"; $env.AWSCREDS_PROFILE = "gone"`);
      const refused = await sh.run('aws sts get-caller-identity');
      expect(refused).toContain('awscreds: profile "gone" not found'); // the export's own message
      expect(refused).toContain('aws not started');
      expect(refused).not.toContain('aws saw:');
      expect(await sh.run('print $"K[($env.AWS_ACCESS_KEY_ID)]"')).toContain(`K[${key}]`);
    } finally {
      sh.close();
    }
  });

  // The picker draws on /dev/tty while the hook's `awscreds export` reads what awscreds prints.
  test('the picker from the hook\'s `awscreds export`: type to filter, Enter: the chosen set is in the shell', async () => {
    const { sh, home: emulated } = await nuSignedIn({ populate: true });
    const issued = emulated.emulator.issuedRoleCredentials;
    try {
      sh.type('awscreds export', 'Enter');
      expect(await sh.until(/profile> [\s\S]*\/5 /)).toContain('Prod.Admin');
      sh.type('2109 adm');
      const frame = await sh.until(/1\/5 /);
      expect(frame.slice(frame.lastIndexOf('profile>'))).toContain('Prod.Admin');
      expect(frame.slice(frame.lastIndexOf('profile>'))).not.toContain('Dev-account.Dev');
      sh.type('', 'Enter');
      await sh.prompt();
      expect(await sh.run('print $"K[($env.AWS_ACCESS_KEY_ID)]"')).toContain(`K[${issued[0]?.accessKeyId}]`);
      expect([issued.length, issued[0]?.accountId, issued[0]?.roleName]).toEqual([1, '210987654321', 'Admin']);
      expect(await sh.run('aws s3 ls')).toContain(`aws saw: key=${issued[0]?.accessKeyId} token=${issued[0]?.sessionToken}`);
    } finally {
      sh.close();
    }
  });

  test('the picker from the hook\'s `awscreds export`: Esc changes nothing', async () => {
    const { sh, home: emulated } = await nuSignedIn({ populate: true });
    try {
      await sh.run('$env.AWS_ACCESS_KEY_ID = "AKIABEFOREPICK000001"; $env.AWS_SECRET_ACCESS_KEY = "s"');
      sh.type('awscreds export --pick', 'Enter');
      await sh.until(/profile> [\s\S]*\/5 /);
      sh.type('prod');
      await sh.until(/\d+\/5 /);
      sh.type('', 'Escape');
      await sh.prompt();
      expect(await sh.run('print $"K[($env.AWS_ACCESS_KEY_ID)]"')).toContain('K[AKIABEFOREPICK000001]');
      expect(sh.screen()).toContain('no profile was picked (Esc)');
      expect(emulated.emulator.issuedRoleCredentials).toHaveLength(0);
    } finally {
      sh.close();
    }
  });
});
