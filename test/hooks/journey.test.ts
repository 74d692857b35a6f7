import type { ShellName } from '../../src/shells/Shell';
import { shellByName } from '../../src/shells/registry';
import { driver } from '../helpers/shellDriver';
import { rmSync } from 'node:fs';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { SHELLS, prepareHome } from './hookTestSetup';
import { startInteractiveShell } from './interactiveShell';

// The journey, in each shell with the hook installed by `awscreds hook install`:
// key and secret alone are held back and warned about, `aws` is refused naming
// AWS_SESSION_TOKEN; once the token is exported the set is released and a child sees all three.
let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));

const exportLine = (shell: ShellName, name: string, value: string): string => driver(shell).setExported(name, value);

describe.each(SHELLS)('%s: the half-exported temporary set', (shell) => {
  test('is held back and refused until the token arrives, then released to children', async () => {
    const { home, env } = prepareHome(shell, built);
    const sh = await startInteractiveShell({ shell, home, env });
    try {
      const key = await sh.run(exportLine(shell, 'AWS_ACCESS_KEY_ID', 'ASIAJOURNEY000000001'));
      expect(sh.messages(key)).toEqual([expect.stringContaining('held back')]);
      expect(sh.messages(key)[0]).toContain('AWS_SECRET_ACCESS_KEY');

      const secret = await sh.run(exportLine(shell, 'AWS_SECRET_ACCESS_KEY', 'journeySecret0123456789'));
      // One line within 80 columns: what is wrong and the one command that fixes it, in this
      // shell's syntax; the long explanation is `awscreds check`'s.
      const fix = shellByName(shell).loadLine(['export']);
      expect(sh.messages(secret)).toEqual([`awscreds: held back: no AWS_SESSION_TOKEN; run: ${fix}`]);
      expect((await sh.run('awscreds check')).stdout).toContain('The security token included in the request is invalid');

      // No child process sees the partial set between prompts.
      const child = await sh.run('env');
      expect(child.stdout).not.toMatch(/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)=/m);

      const refused = await sh.run('aws sts get-caller-identity');
      expect(refused.stdout).not.toContain('aws saw:');
      expect(sh.messages(refused)).toEqual([`awscreds: no AWS_SESSION_TOKEN; run: ${fix}`, 'awscreds: aws not started; to run it anyway: command aws ...']);
      const status = await sh.run(`aws s3 ls; echo "status=${driver(shell).status}"`);
      expect(status.stdout).toMatch(/^status=1$/m);

      // The prompt message is printed once per change of state, not at every prompt.
      expect(sh.messages(await sh.run('true'))).toEqual([]);

      const token = await sh.run(exportLine(shell, 'AWS_SESSION_TOKEN', 'journeyToken0123456789'));
      expect(sh.messages(token)).toEqual([expect.stringContaining('exported to commands again')]);
      const released = await sh.run('aws sts get-caller-identity');
      expect(released.stdout).toMatch(/^aws saw: key=ASIAJOURNEY000000001 secret=set token=journeyToken0123456789$/m);
      const envAfter = await sh.run('env');
      expect(envAfter.stdout).toMatch(/^AWS_ACCESS_KEY_ID=ASIAJOURNEY000000001$/m);
      expect(envAfter.stdout).toMatch(/^AWS_SECRET_ACCESS_KEY=journeySecret0123456789$/m);
      expect(envAfter.stdout).toMatch(/^AWS_SESSION_TOKEN=journeyToken0123456789$/m);
    } finally {
      await sh.close();
    }
  });
});
