import { driver } from '../helpers/shellDriver';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand } from '../../src/cli/commands/checkCommand';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import { testContext } from '../helpers/testContext';
import type { CommandContext } from '../../src/cli/CommandModule';
import { readHookAsset } from '../../src/hooks/hookFile';
import { renderHookDefinitions } from '../../src/hooks/hookScript';
import { shellByName } from '../../src/shells/registry';
import { CREDENTIAL_STATE_IDS, CREDENTIAL_STATES, DEFAULT_GUARD_COMMANDS, DEFAULT_WARN_MINUTES } from '../../src/states/credentialStates';
import { SHELLS, writeHookScript } from './hookTestSetup';
import { stateRows } from './stateRows';

const hookFile = (shell: (typeof SHELLS)[number]): string => readHookAsset(shellByName(shell), join(__dirname, '..', '..'));
const work = mkdtempSync(join(tmpdir(), 'awscreds-truth-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(SHELLS)('%s hook file', (shell) => {
  test('holds no message text of the table (it comes from the generated definitions)', () => {
    const text = hookFile(shell);
    for (const id of CREDENTIAL_STATE_IDS) {
      for (const part of [CREDENTIAL_STATES[id].problem, CREDENTIAL_STATES[id].why]) {
        if (part !== '') expect(text).not.toContain(part.slice(0, 40));
      }
    }
  });

  test('its levels and defaults equal the table, assigned whatever the environment holds', () => {
    const text = hookFile(shell);
    // Unexported (fish: `-u`, since a plain `set -g` would keep an exported value from the
    // environment exported); fish holds the list as a list, with nothing to split when the hook loads.
    const assignment = (name: string, words: readonly string[]): string => `${driver(shell).hookFileAssignment(name, words)}\n`;
    for (const id of CREDENTIAL_STATE_IDS) expect(text).toContain(assignment(`_awscreds_level_${id}`, [CREDENTIAL_STATES[id].level]));
    expect(text).toContain(assignment('_awscreds_default_guard_commands', DEFAULT_GUARD_COMMANDS));
    expect(text).toContain(assignment('_awscreds_default_warn_minutes', [String(DEFAULT_WARN_MINUTES)]));
    // No conditional assignment of an internal (`:=`, `set -q … or set`): the environment would win.
    expect(text).not.toMatch(/_awscreds_[a-z_]+:=|set -q _awscreds_/);
  });

  test('the generated definitions read back byte for byte in the shell', () => {
    const definitions = renderHookDefinitions(shellByName(shell));
    const name = '_awscreds_msg_temporary_without_token';
    const print = `printf '%s' "$${name}"`;
    // No rc file: bash on a socket-pair stdin (node's pipes) would otherwise read ~/.bashrc.
    const [command, ...args] = driver(shell).scriptArgv(`${definitions}\n${print}`);
    const out = execFileSync(command as string, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } });
    expect(out).toBe(`no AWS_SESSION_TOKEN; run: ${shellByName(shell).loadLine(['export'])}`);
  });

  test('its files sourced on their own (no definitions), it loads and says the state generically', () => {
    const file = writeHookScript(shell, join(work, `hook.${shell}`), false);
    const sh = driver(shell);
    const script = `source ${file}; ${sh.setExported('AWS_ACCESS_KEY_ID', 'ASIAX')}; ${sh.setExported('AWS_SECRET_ACCESS_KEY', 's')}; _awscreds_hook`;
    const [command, ...args] = sh.scriptArgv(script);
    const result = spawnSync(command as string, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    expect(result.stderr).toContain('awscreds: AWS credentials in state temporary_without_token; run: awscreds check\n');
  });
});

describe('awscreds check', () => {
  const context = (env: Record<string, string>): CommandContext => ({ ...testContext({ env }), commands: [] });

  test('shows the key id but never the secret or the token', async () => {
    const secret = 'SECRETvalueThatMustNotAppear0123456789ab';
    const token = 'TOKENvalueThatMustNotAppear0123456789';
    for (const json of [false, true]) {
      const result = await checkCommand.run({ _: [], json }, context({ AWS_ACCESS_KEY_ID: 'AKIACHECK0000000001', AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token, AWS_SECURITY_TOKEN: token }));
      expect(result.stdout).not.toContain(secret.slice(0, 12));
      expect(result.stdout).not.toContain(token.slice(0, 12));
      expect(result.exitCode).toBe(8);
      if (!json) expect(result.stdout).toContain('AKIACHECK0000000001');
    }
  });

  test('a value in AWS_ACCESS_KEY_ID not shaped like a key id is not shown', async () => {
    const result = await checkCommand.run({ _: [], json: false }, context({ AWS_ACCESS_KEY_ID: 'wJalr/XUtnFEMI/K7MDENG+bPxRfiCY', AWS_SECRET_ACCESS_KEY: 's' }));
    expect(result.stdout).not.toContain('wJalr');
    expect(result.stdout).toContain('not shaped like a key id');
  });

  test.each(stateRows(1_800_000_000).map((row) => [row.label, row] as const))('exit status follows the table: %s', async (_label, row) => {
    const result = await checkCommand.run({ _: [], json: true }, context(row.env));
    expect(JSON.parse(result.stdout)).toMatchObject({ state: row.expected });
    expect(result.exitCode).toBe(CREDENTIAL_STATES[row.expected].usable ? 0 : 8);
  });

  test('a set the strict hook holds back is reported with its state, and is not usable here', async () => {
    const result = await checkCommand.run({ _: [], json: false }, context({ AWSCREDS_HELD_BACK: 'temporary_without_token AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY' }));
    expect(result.exitCode).toBe(8);
    expect(result.stdout).toContain('held back');
    expect(result.stdout).toContain('state: temporary_without_token');
  });

  test('says which expiry it judged by, and gives it in --json', async () => {
    // testContext's clock: 1_800_000_000 = 2027-01-15T08:00:00Z.
    const foreign = { AWS_ACCESS_KEY_ID: 'ASIACHECK0000000002', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'tokenOfAnotherTool', AWS_CREDENTIAL_EXPIRATION: '2027-01-15T02:50:00.5-05:00', AWSCREDS_KEY_ID: 'ASIAOLDER0000000001', AWSCREDS_EXPIRES_AT: '1800003600' };
    const text = await checkCommand.run({ _: [], json: false }, context(foreign));
    expect(text.exitCode).toBe(8);
    expect(text.stdout).toMatch(/^AWS_CREDENTIAL_EXPIRATION +2027-01-15T02:50:00\.5-05:00 \(2027-01-15T07:50:00Z, the expiry used\)$/m);
    expect(text.stdout).toMatch(/^AWSCREDS_EXPIRES_AT +1800003600 \(2027-01-15T09:00:00Z, not used\)$/m);
    expect(text.stdout).toContain('state: expired');
    expect(text.stdout).toContain('expired 10 minutes ago');
    const json = JSON.parse((await checkCommand.run({ _: [], json: true }, context(foreign))).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ state: 'expired', usable: false, minutes: 10, expiresAt: '2027-01-15T07:50:00Z', expirySource: 'AWS_CREDENTIAL_EXPIRATION', profile: '' });
    // The bookkeeping is for this key: it wins.
    const own = { ...foreign, AWSCREDS_KEY_ID: foreign.AWS_ACCESS_KEY_ID, AWSCREDS_TOKEN_FP: tokenFingerprint(foreign.AWS_SESSION_TOKEN), AWSCREDS_PROFILE: 'dev' };
    expect(JSON.parse((await checkCommand.run({ _: [], json: true }, context(own))).stdout)).toMatchObject({ state: 'complete_temporary', minutes: 60, expiresAt: '2027-01-15T09:00:00Z', expirySource: 'AWSCREDS_EXPIRES_AT', profile: 'dev' });
    const unreadable = await checkCommand.run({ _: [], json: false }, context({ ...foreign, AWS_CREDENTIAL_EXPIRATION: 'tomorrow' }));
    expect(unreadable.exitCode).toBe(0);
    expect(unreadable.stdout).toMatch(/^AWS_CREDENTIAL_EXPIRATION +tomorrow \(not read: not an ISO 8601 time with Z or an offset\)$/m);
    expect(unreadable.stdout).toContain('state: expiration_unreadable');
  });

  test('held-back variables are held back in the table itself, with the lengths the hook recorded; the missing one is "not set"', async () => {
    const result = await checkCommand.run({ _: [], json: false }, context({ AWSCREDS_HELD_BACK: 'temporary_without_token AWS_ACCESS_KEY_ID:20 AWS_SECRET_ACCESS_KEY:40' }));
    expect(result.stdout).toMatch(/^AWS_ACCESS_KEY_ID +held back by the hook \(strict mode\): set \(20 characters\)$/m);
    expect(result.stdout).toMatch(/^AWS_SECRET_ACCESS_KEY +held back by the hook \(strict mode\): set \(40 characters\)$/m);
    expect(result.stdout).toMatch(/^AWS_SESSION_TOKEN +not set$/m);
    expect(result.stdout).toContain('un-exported AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY,');
    // A hook from before the lengths wrote names only: held back all the same.
    const older = await checkCommand.run({ _: [], json: false }, context({ AWSCREDS_HELD_BACK: 'secret_missing AWS_ACCESS_KEY_ID' }));
    expect(older.stdout).toMatch(/^AWS_ACCESS_KEY_ID +held back by the hook \(strict mode\)$/m);
    expect(older.stdout).toMatch(/^AWS_SECRET_ACCESS_KEY +not set$/m);
  });

  test('usable sets exit 0, with the diagnosis on stdout', async () => {
    const result = await checkCommand.run({ _: [], json: false }, context({ AWS_ACCESS_KEY_ID: 'AKIACHECK0000000001', AWS_SECRET_ACCESS_KEY: 's' }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('state: complete_long_term');
  });
});
