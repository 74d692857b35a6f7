import { SHELLS, driver } from '../helpers/shellDriver';
import { AWS_CREDENTIAL_VARIABLES, BOOKKEEPING_VARIABLES } from '../../src/credentials/envChanges';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import type { ShellName } from '../../src/shells/Shell';
import { runAwscreds } from '../helpers/runAwscreds';
import { runShellScript } from '../helpers/runShellScript';

const FULL_SET: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'ASIAQWERTYUIOPASDFGH',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEA1b2C3d4==',
  AWS_SECURITY_TOKEN: 'IQoJb3JpZ2luX2VjEA1b2C3d4==',
  AWS_CREDENTIAL_EXPIRATION: '2031-05-06T07:08:09Z',
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWSCREDS_PROFILE: 'dev',
  AWSCREDS_KEY_ID: 'ASIAQWERTYUIOPASDFGH',
  AWSCREDS_EXPIRES_AT: '1935990489',
  AWSCREDS_TOKEN_FP: '27:2C3d4==',
};

/** Evaluates the block the way users do, then prints the AWS variables a child process sees. */
function evalAndDump(shell: ShellName, block: string): string {
  const script = `${driver(shell).loadVariable('BLOCK')}\n${driver(shell).dumpEnv}`;
  const result = runShellScript(shell, script, { ...FULL_SET, BLOCK: block });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('AWS'))
    .sort()
    .join('\n');
}

describe('awscreds unset', () => {
  it.each(SHELLS)('clears every credential and bookkeeping variable in %s, and keeps the region', async (shell) => {
    const run = await runAwscreds(['unset', '--shell', shell], { PATH: process.env.PATH ?? '' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(evalAndDump(shell, run.stdout)).toBe('AWS_DEFAULT_REGION=eu-west-1\nAWS_REGION=eu-west-1');
    for (const name of [...AWS_CREDENTIAL_VARIABLES, ...BOOKKEEPING_VARIABLES]) expect(run.stdout).toContain(name);
  });

  it('is one compound command: cut short anywhere, it changes nothing', async () => {
    for (const shell of SHELLS) {
      const { stdout } = await runAwscreds(['unset', '--shell', shell], { PATH: process.env.PATH ?? '' });
      const cut = stdout.slice(0, stdout.length - 6);
      const script = `${driver(shell).loadVariable('BLOCK')}\n${driver(shell).dumpEnv}`;
      const result = runShellScript(shell, script, { ...FULL_SET, BLOCK: cut });
      expect(result.stdout.split('\n').filter((l) => l.startsWith('AWS')).length).toBe(Object.keys(FULL_SET).length);
    }
  });

  it('follows export\'s failure rule: no shell known → `false` on stdout, usage exit code', async () => {
    const run = await runAwscreds(['unset'], { PATH: process.env.PATH ?? '', SHELL: '/bin/tcsh' });
    expect(run.status).toBe(EXIT_CODES.USAGE.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain('--shell bash|zsh|fish');
  });

  it('picks the shell from $SHELL', async () => {
    const run = await runAwscreds(['unset'], { PATH: process.env.PATH ?? '', SHELL: '/usr/bin/fish' });
    expect(run.stdout).toMatch(/^begin; true \(true\); end .*\nbegin\n/);
  });
});
