import { appendFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { runAwscreds } from '../helpers/runAwscreds';
import { emulatedHome, type EmulatedHome } from './commandsTestSetup';

let home: EmulatedHome;
beforeEach(async () => {
  home = await emulatedHome();
});
afterEach(async () => home.stop());

/** The variables the export block sets for the set the emulator issued last. */
function expectedSet(profile = 'dev'): Record<string, string> {
  const issued = home.emulator.issuedRoleCredentials.at(-1);
  if (!issued) throw new Error('no credentials were issued');
  const seconds = Math.floor(issued.expiration / 1000);
  return {
    AWS_ACCESS_KEY_ID: issued.accessKeyId,
    AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
    AWS_SESSION_TOKEN: issued.sessionToken,
    AWS_CREDENTIAL_EXPIRATION: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'),
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWSCREDS_PROFILE: profile,
    AWSCREDS_KEY_ID: issued.accessKeyId,
    AWSCREDS_EXPIRES_AT: String(seconds),
    AWSCREDS_TOKEN_FP: tokenFingerprint(issued.sessionToken),
  };
}

describe('awscreds export --format', () => {
  it('json: {"set": {…}, "unset": […]} in the export block\'s order, needing no $SHELL', async () => {
    const { SHELL: _shell, ...noShell } = home.env;
    const run = await runAwscreds(['export', '--profile', 'dev', '--format', 'json'], noShell);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as { set: Record<string, string>; unset: string[] };
    expect(Object.keys(document)).toEqual(['set', 'unset']);
    expect(document.set).toEqual(expectedSet());
    expect(Object.keys(document.set)).toEqual(Object.keys(expectedSet()));
    expect(document.unset).toEqual(['AWS_SECURITY_TOKEN']);
  });

  it('dotenv: NAME="value" lines that the dotenv package reads back exactly', async () => {
    const run = await runAwscreds(['export', '--profile', 'dev', '--format', 'dotenv'], home.env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^(?:[A-Z_]+="[^"\n]*"\n)+$/);
    expect(parseDotenv(run.stdout)).toEqual(expectedSet());
  });

  it('dotenv: a profile name with spaces, quotes and # survives; one with $ (or " \\ `) is refused, naming the variable', async () => {
    const config = '\n[profile "it\'s #1 = dev"]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n\n[profile cost$centre]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n';
    appendFileSync(home.seeded.configFile, config);
    const odd = await runAwscreds(['export', '--profile', "it's #1 = dev", '--format', 'dotenv'], home.env);
    expect(odd.status).toBe(0);
    expect(parseDotenv(odd.stdout)).toEqual(expectedSet("it's #1 = dev"));

    const refused = await runAwscreds(['export', '--profile', 'cost$centre', '--format', 'dotenv'], home.env);
    expect(refused.status).toBe(EXIT_CODES.USAGE.code);
    expect(refused.stdout).toBe('false\n');
    expect(refused.stderr).toContain('cannot write AWSCREDS_PROFILE in dotenv format: its value holds "$"');
    expect(refused.stderr).toContain('use --format json');
    for (const issued of home.emulator.issuedRoleCredentials) expect(refused.stderr).not.toContain(issued.secretAccessKey);
  });

  it('refuses --shell with another format, and an unknown format, as usage errors', async () => {
    const both = await runAwscreds(['export', '--profile', 'dev', '--format', 'json', '--shell', 'bash'], home.env);
    expect(both.status).toBe(EXIT_CODES.USAGE.code);
    expect(both.stderr).toContain('--shell applies to shell output only');
    const unknown = await runAwscreds(['export', '--profile', 'dev', '--format', 'yaml'], home.env);
    expect(unknown.status).toBe(EXIT_CODES.USAGE.code);
    expect(unknown.stderr).toContain('Invalid values');
    expect(home.emulator.issuedRoleCredentials).toHaveLength(0);
  });
});
