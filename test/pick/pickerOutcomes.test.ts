import { emulatedHome, type EmulatedHome } from '../commands/commandsTestSetup';
import { onPty } from '../helpers/ptyRun';
import { appendFileSync } from 'node:fs';
import { AWSCREDS_BIN, runAwscredsAtTerminal, runProcess } from '../helpers/runAwscreds';

// How the picker ends, and when it does not open: the exit status and stdout of each way.

let home: EmulatedHome;
afterEach(async () => home?.stop());

describe('the picker', () => {
  it('Esc: `false` on stdout, exit 11, nothing fetched', async () => {
    home = await emulatedHome();
    const run = await runAwscredsAtTerminal(['export'], home.env, { prompt: 'profile>', answer: '\u001b' });
    expect(run.stdout).toBe('false\n');
    expect(run.status).toBe(11);
    expect(run.terminal).toContain('awscreds: no profile was picked (Esc); nothing was exported.');
    expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(0);
  }, 30_000);

  it('Ctrl-C: `false`, exit 130', async () => {
    home = await emulatedHome();
    const run = await runAwscredsAtTerminal(['export'], home.env, { prompt: 'profile>', answer: '\u0003' });
    expect(run.stdout).toBe('false\n');
    expect(run.status).toBe(130);
  }, 30_000);

  it('Enter on a filtered list exports that profile (control: the same terminal run can succeed)', async () => {
    home = await emulatedHome();
    const run = await runAwscredsAtTerminal(['export', '--shell', 'bash'], home.env, { prompt: 'profile>', answer: 'dev' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('export AWS_SECRET_ACCESS_KEY=');
    expect(home.emulator.issuedRoleCredentials.map((c) => c.roleName)).toEqual(['Dev']);
  }, 30_000);

  it('opens for exec too, and the command runs with the picked set', async () => {
    home = await emulatedHome();
    const run = await runAwscredsAtTerminal(['exec', '--', 'sh', '-c', 'echo "key=$AWS_ACCESS_KEY_ID"'], home.env, { prompt: 'profile>', answer: 'dev' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`key=${home.emulator.issuedRoleCredentials[0]?.accessKeyId}\n`);
    expect(home.emulator.issuedRoleCredentials.map((c) => c.roleName)).toEqual(['Dev']);
  }, 30_000);

  it('without a terminal, the error is today\'s: profile "default" not found', async () => {
    home = await emulatedHome();
    const run = await runProcess(process.execPath, [AWSCREDS_BIN, 'export'], home.env, '', { detached: true });
    expect(run.stdout).toBe('false\n');
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^awscreds: profile "default" not found/);
    const pick = await runProcess(process.execPath, [AWSCREDS_BIN, 'export', '--pick'], home.env, '', { detached: true });
    expect(pick.stderr).toContain('--pick needs a terminal');
    expect(pick.status).toBe(2);
  }, 30_000);

  it('with no profile at all, the error is today\'s (with --pick: says so)', async () => {
    home = await emulatedHome();
    const env = { ...home.env, AWS_CONFIG_FILE: `${home.seeded.home}/none` };
    const run = await runAwscredsAtTerminal(['export'], env);
    expect(run.status).toBe(3);
    expect(run.terminal).toContain('profile "default" not found');
    expect(run.terminal).not.toContain('profile>');
    const pick = await runAwscredsAtTerminal(['export', '--pick'], env);
    expect(pick.terminal).toContain('there is no profile to pick from');
    expect(pick.status).toBe(3);
  }, 30_000);

  it('does not open when a profile is chosen, or [default] exists', async () => {
    home = await emulatedHome();
    const chosen = await runAwscredsAtTerminal(['export', '--shell', 'bash'], { ...home.env, AWS_PROFILE: 'dev' });
    expect(chosen.status).toBe(0);
    expect(chosen.terminal).not.toContain('profile>');
    appendFileSync(home.seeded.configFile, '\n[default]\nsso_session = corp\nsso_account_id = 210987654321\nsso_role_name = Admin\n');
    const withDefault = await runAwscredsAtTerminal(['export', '--shell', 'bash'], home.env);
    expect(withDefault.status).toBe(0);
    expect(withDefault.terminal).not.toContain('profile>');
    expect(home.emulator.issuedRoleCredentials.map((c) => c.roleName)).toEqual(['Dev', 'Admin']);
  }, 30_000);
});

describe('export with stdout on a terminal', () => {
  it('prints how to load the set and no secret; exit 2, nothing fetched', async () => {
    home = await emulatedHome();
    const [command, ...args] = onPty([process.execPath, AWSCREDS_BIN, 'export', '--profile', 'dev', '--shell', 'bash'], { stderrToPty: true });
    const run = await runProcess(command as string, args, home.env);
    expect(run.stdout.replace(/\r/g, '')).toBe('awscreds: stdout is a terminal: nothing was exported, and no secret shown.\n  fix: eval "$(awscreds export --profile dev)"; to see the values: --format dotenv\n');
    expect(run.status).toBe(2);
    expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(0);
    // Control: the same with stdout captured prints the block.
    const captured = await runAwscredsAtTerminal(['export', '--profile', 'dev', '--shell', 'fish'], home.env);
    expect(captured.stdout).toContain('AWS_SECRET_ACCESS_KEY');
    const fish = await runProcess(command as string, [...args.slice(0, -1), 'fish'], home.env);
    expect(fish.stdout).toContain('fix: awscreds export --profile dev | source;');
    // --format dotenv shows the values on purpose.
    const dotenv = await runProcess(command as string, [...args.slice(0, -2), '--format', 'dotenv'], home.env);
    expect(dotenv.stdout).toContain('AWS_SECRET_ACCESS_KEY=');
  }, 30_000);
});
