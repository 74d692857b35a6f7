import { EXIT_CODES } from '../../src/exitCodes';
import { runAwscreds } from '../helpers/runAwscreds';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', SHELL: '/bin/bash' };

describe('usage errors and help', () => {
  it('prints `false` only for output meant for eval', async () => {
    const hook = await runAwscreds(['hook', 'tcsh'], env);
    expect([hook.status, hook.stdout]).toEqual([EXIT_CODES.USAGE.code, 'false\n']);
    const install = await runAwscreds(['hook', 'install', '--bogus'], env);
    expect([install.status, install.stdout]).toEqual([EXIT_CODES.USAGE.code, '']);
    expect(install.stderr).toBe('awscreds: Unknown argument: bogus\n  fix: see `awscreds hook --help` for the options.\n');
  });

  it('shows a sub-command its own options, not its parent positionals', async () => {
    const help = await runAwscreds(['hook', 'install', '--help'], env);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--shell +The shell whose rc file to edit/);
    expect(help.stdout).not.toContain('Positionals:');
  });

  it('names an unknown command and points at the list', async () => {
    const typo = await runAwscreds(['exprot'], env);
    expect(typo.status).toBe(EXIT_CODES.USAGE.code);
    expect(typo.stderr).toBe('awscreds: Unknown argument: exprot\n  fix: see `awscreds --help` for the commands.\n');
  });
});
