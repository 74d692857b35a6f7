import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { emulatedHomeForEachTest } from '../commands/commandsTestSetup';
import { runAwscreds } from '../helpers/runAwscreds';

// The state table's long_term_with_token (an AKIA key with a session token, which AWS rejects
// as "The security token included in the request is invalid") is never exported: through the
// real `awscreds export`, from IAM Identity Center (the emulator) and from the config files.
const home = emulatedHomeForEachTest();

const LONG_TERM_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const roleCacheDir = (): string => join(home.seeded.home, '.aws', 'cli', 'cache');

describe('awscreds export refuses a long-term key that comes with a session token', () => {
  it('from GetRoleCredentials: exit 6, nothing printed or cached, no secret in the message', async () => {
    home.emulator.transformNextRoleCredentials((body) => ({ roleCredentials: { ...body.roleCredentials, accessKeyId: LONG_TERM_KEY } }));
    const run = await runAwscreds(['export', '--profile', 'dev'], home.env);
    expect(run.status).toBe(EXIT_CODES.INVALID_CREDENTIALS.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain('long-term (AKIA…) but a session token came with it');
    expect(run.stderr).toContain('The security token included in the request is invalid');
    expect(existsSync(roleCacheDir()) ? readdirSync(roleCacheDir()) : []).toEqual([]);
    const issued = home.emulator.issuedRoleCredentials.at(-1);
    expect(issued).toBeDefined();
    expect(run.stderr).not.toContain(issued?.secretAccessKey);
    expect(run.stderr).not.toContain(issued?.sessionToken);
  });

  it('positive control: the same call with the temporary key the emulator issued is exported', async () => {
    home.emulator.transformNextRoleCredentials((body) => ({ roleCredentials: { ...body.roleCredentials } }));
    const run = await runAwscreds(['export', '--profile', 'dev'], home.env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('AWS_SESSION_TOKEN=');
  });

  it.each(['aws_session_token', 'aws_security_token'])('from a credentials-file profile with a leftover %s: exit 6, the fix names it', async (tokenKey) => {
    writeFileSync(home.seeded.credentialsFile, `[static]\naws_access_key_id = ${LONG_TERM_KEY}\naws_secret_access_key = ${SECRET}\n${tokenKey} = IQoJb3JpZ2luX2VjEXAMPLEleftoverToken\n`, { mode: 0o600 });
    const run = await runAwscreds(['export', '--profile', 'static'], home.env);
    expect(run.status).toBe(EXIT_CODES.INVALID_CREDENTIALS.code);
    expect(run.stdout).toBe('false\n');
    expect(run.stderr).toContain('long-term (AKIA…) but a session token came with it');
    expect(run.stderr).toContain('remove the leftover aws_session_token');
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stderr).not.toContain('leftoverToken');
  });

  it('positive control: the same profile without the token is exported as a long-term set', async () => {
    writeFileSync(home.seeded.credentialsFile, `[static]\naws_access_key_id = ${LONG_TERM_KEY}\naws_secret_access_key = ${SECRET}\n`, { mode: 0o600 });
    const run = await runAwscreds(['export', '--profile', 'static'], home.env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(LONG_TERM_KEY);
  });
});
