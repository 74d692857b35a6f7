import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { AWSCREDS_BIN, runAwscreds } from '../helpers/runAwscreds';
import { emulatedHome, type EmulatedHome } from './commandsTestSetup';

let home: EmulatedHome;
beforeEach(async () => {
  home = await emulatedHome();
});
afterEach(async () => home.stop());

const STALE = {
  AWS_ACCESS_KEY_ID: 'ASIAOLDOLDOLDOLDOLD1',
  AWS_SESSION_TOKEN: 'stale-token',
  AWS_SECURITY_TOKEN: 'stale-legacy-token',
  AWSCREDS_TOKEN_FP: '11:ale-token',
  AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
};

/** Starts `awscreds exec` and lets the test watch its stdout and signal it while it runs. */
function startExec(args: readonly string[]): { pid: number; stdout: () => string; stderr: () => string; waitFor(text: string): Promise<void>; done: Promise<number | null> } {
  const child = spawn(process.execPath, [AWSCREDS_BIN, 'exec', ...args], { env: home.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitFor = async (text: string): Promise<void> => {
    while (!stdout.includes(text)) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { pid: child.pid as number, stdout: () => stdout, stderr: () => stderr, waitFor, done };
}

describe('awscreds exec', () => {
  it('gives the command the complete set and no stale credential variable', async () => {
    const run = await runAwscreds(['exec', '--profile', 'dev', '--', 'env'], { ...home.env, ...STALE });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // AWSCREDS_TEST_*: the test run's own settings (older bashes), passed through like any other.
    const seen = Object.fromEntries(run.stdout.split('\n').filter((l) => l.startsWith('AWS') && !l.startsWith('AWSCREDS_TEST_')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const issued = home.emulator.issuedRoleCredentials.at(-1);
    const seconds = Math.floor((issued?.expiration ?? 0) / 1000);
    expect(seen).toEqual({
      AWS_ACCESS_KEY_ID: issued?.accessKeyId,
      AWS_SECRET_ACCESS_KEY: issued?.secretAccessKey,
      AWS_SESSION_TOKEN: issued?.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'),
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWSCREDS_PROFILE: 'dev',
      AWSCREDS_KEY_ID: issued?.accessKeyId,
      AWSCREDS_EXPIRES_AT: String(seconds),
      AWSCREDS_TOKEN_FP: tokenFingerprint(issued?.sessionToken ?? ''),
      // Everything else of awscreds' own environment is passed on.
      AWS_CONFIG_FILE: home.env.AWS_CONFIG_FILE,
      AWS_SHARED_CREDENTIALS_FILE: home.env.AWS_SHARED_CREDENTIALS_FILE,
      AWS_ENDPOINT_URL_SSO: home.env.AWS_ENDPOINT_URL_SSO,
      AWS_ENDPOINT_URL_SSO_OIDC: home.env.AWS_ENDPOINT_URL_SSO_OIDC,
      AWS_ENDPOINT_URL_STS: home.env.AWS_ENDPOINT_URL_STS,
      AWS_ENDPOINT_URL_SIGNIN: home.env.AWS_ENDPOINT_URL_SIGNIN,
    });
  });

  it('passes stdin, stdout, stderr and the arguments through exactly', async () => {
    const args = ['0x10', '007', '1e3', '', 'a b', '--', '--debug', '$HOME', '*'];
    const script = 'process.stdin.pipe(process.stdout); process.stderr.write(JSON.stringify(process.argv.slice(1)))';
    const run = await runAwscreds(['exec', '--profile', 'dev', '--', process.execPath, '-e', script, ...args], home.env, 'line 1\nline 2\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('line 1\nline 2\n');
    expect(JSON.parse(run.stderr)).toEqual(args);
  });

  it('never puts a secret on a command line: the child\'s argv is what was given', async () => {
    const run = await runAwscreds(['exec', '--profile', 'dev', '--', 'sh', '-c', 'tr "\\0" " " < /proc/$PPID/cmdline; echo; tr "\\0" " " < /proc/$$/cmdline'], home.env);
    const issued = home.emulator.issuedRoleCredentials.at(-1);
    for (const secret of [issued?.secretAccessKey, issued?.sessionToken]) expect(run.stdout).not.toContain(secret);
    expect(run.stdout).toContain('exec --profile dev -- sh -c');
  });

  it('exits with the command\'s status, and 128 + N when signal N ended it', async () => {
    expect((await runAwscreds(['exec', '-p', 'dev', '--', 'true'], home.env)).status).toBe(0);
    expect((await runAwscreds(['exec', '-p', 'dev', '--', 'sh', '-c', 'exit 3'], home.env)).status).toBe(3);
    expect((await runAwscreds(['exec', '-p', 'dev', '--', 'sh', '-c', 'kill -TERM $$'], home.env)).status).toBe(128 + 15);
    expect((await runAwscreds(['exec', '-p', 'dev', '--', 'sh', '-c', 'kill -KILL $$'], home.env)).status).toBe(128 + 9);
  });

  it.each([
    ['SIGINT', 'INT'],
    ['SIGTERM', 'TERM'],
    ['SIGHUP', 'HUP'],
  ] as const)('forwards %s to the command, which may handle it and choose its own status', async (signal, trapName) => {
    const exec = startExec(['--profile', 'dev', '--', 'bash', '-c', `trap 'echo got ${trapName}; exit 7' ${trapName}; echo ready; while :; do sleep 0.02; done`]);
    await exec.waitFor('ready');
    process.kill(exec.pid, signal);
    expect(await exec.done).toBe(7);
    expect(exec.stdout()).toBe(`ready\ngot ${trapName}\n`);
    expect(exec.stderr()).toBe('');
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('exits 128 + N when a forwarded %s ends the command', async (signal, status) => {
    const exec = startExec(['--profile', 'dev', '--', process.execPath, '-e', 'console.log("ready"); setInterval(() => {}, 1000)']);
    await exec.waitFor('ready');
    process.kill(exec.pid, signal);
    expect(await exec.done).toBe(status);
  });

  it('says clearly when the command cannot be found (127) or run (126), and when none is given (2)', async () => {
    const missing = await runAwscreds(['exec', '-p', 'dev', '--', 'no-such-command-xyz', 'arg'], home.env);
    expect(missing.status).toBe(EXIT_CODES.COMMAND_NOT_FOUND.code);
    expect(missing.status).toBe(127);
    expect(missing.stderr).toBe('awscreds: cannot run "no-such-command-xyz": no such command in any directory of PATH.\n  fix: check the spelling, or give the command\'s full path after `--`.\n');
    expect(missing.stdout).toBe('');

    const dir = mkdtempSync(join(tmpdir(), 'awscreds-exec-'));
    try {
      const script = join(dir, 'not-executable.sh');
      writeFileSync(script, '#!/bin/sh\necho hi\n');
      chmodSync(script, 0o644);
      const denied = await runAwscreds(['exec', '-p', 'dev', '--', script], home.env);
      expect(denied.status).toBe(EXIT_CODES.COMMAND_NOT_EXECUTABLE.code);
      expect(denied.status).toBe(126);
      expect(denied.stderr).toContain(`cannot run "${script}": permission denied`);
      expect(denied.stderr).toContain(`chmod +x ${script}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const none = await runAwscreds(['exec', '-p', 'dev'], home.env);
    expect(none.status).toBe(EXIT_CODES.USAGE.code);
    expect(none.stderr).toContain('exec was given no command to run');
    // Only the first run fetched credentials (the others reused the cache); none ran anything.
    expect(home.emulator.issuedRoleCredentials).toHaveLength(1);
  });

  it('runs nothing when the credentials cannot be had', async () => {
    await home.stop();
    home = await emulatedHome({ seed: { signedOut: true } });
    const run = await runAwscreds(['exec', '-p', 'dev', '--', 'sh', '-c', 'echo ran'], home.env);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^awscreds: profile "dev" is not signed in/);
  });
});
