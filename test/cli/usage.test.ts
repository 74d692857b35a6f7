import { EXIT_CODES } from '../../src/runtime/exitCodes';
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

  it('prints `false` for eval output even when the argument parser itself throws', async () => {
    // yargs throws a TypeError of its own on options named like Object.prototype members.
    for (const args of [['export', '--constructor', 'x'], ['unset', '--toString'], ['hook', 'bash', '--valueOf']]) {
      const run = await runAwscreds(args, env);
      expect([args, run.status, run.stdout]).toEqual([args, EXIT_CODES.INTERNAL.code, 'false\n']);
      expect(run.stderr).toMatch(/^awscreds: internal error: /);
    }
    const install = await runAwscreds(['hook', 'install', '--valueOf'], env);
    expect([install.status, install.stdout]).toEqual([EXIT_CODES.INTERNAL.code, '']);
  });

  it('refuses an option that takes one value given twice or negated, as a usage error', async () => {
    for (const [args, message] of [
      [['export', '--profile', 'a', '--profile', 'b'], '--profile was given more than once.'],
      [['export', '--no-profile'], '--profile takes a value.'],
      [['export', '--format', 'json', '--format', 'json'], '--format was given more than once.'],
      [['unset', '--shell', 'bash', '--shell', 'zsh'], '--shell was given more than once.'],
    ] as const) {
      const run = await runAwscreds(args, env);
      expect([args, run.status, run.stdout]).toEqual([args, EXIT_CODES.USAGE.code, 'false\n']);
      expect(run.stderr).toContain(`awscreds: ${message}\n  fix: `);
    }
    const login = await runAwscreds(['login', '--sso-session', 'a', '--sso-session', 'b'], env);
    expect([login.status, login.stdout]).toEqual([EXIT_CODES.USAGE.code, '']);
  });

  it('shows a sub-command its own options, not its parent positionals', async () => {
    const help = await runAwscreds(['hook', 'install', '--help'], env);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--shell +The shell to write for/);
    expect(help.stdout).not.toContain('Positionals:');
  });

  it('suggests the command a typo was meant to be', async () => {
    const typo = await runAwscreds(['exprot', '--profile', 'dev'], env);
    expect(typo.status).toBe(EXIT_CODES.USAGE.code);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe('awscreds: unknown command "exprot"; did you mean "export"?\n  fix: run `awscreds export --help` to see what it does, or `awscreds --help` for the commands.\n');
  });

  it('suggests a sub-command by its whole path', async () => {
    const typo = await runAwscreds(['hook', 'instal'], env);
    expect(typo.status).toBe(EXIT_CODES.USAGE.code);
    expect(typo.stderr).toContain('awscreds: unknown command "instal"; did you mean "hook install"?\n');
  });

  it('names an unknown command like no other and points at the list', async () => {
    const unknown = await runAwscreds(['frobnicate'], env);
    expect(unknown.status).toBe(EXIT_CODES.USAGE.code);
    expect(unknown.stderr).toBe('awscreds: Unknown argument: frobnicate\n  fix: see `awscreds --help` for the commands.\n');
  });
});
