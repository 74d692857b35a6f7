import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awscredsView, botocoreView, differences, runBotocore } from '../config/botocoreCompare';
import { NEEDS, needing } from '../helpers/needs';
import { emulatedHome, type EmulatedHome } from '../commands/commandsTestSetup';
import type { AccountSpec } from '../emulator/ssoEmulator';
import { DEBIAN_AWS_CLI, createAwsCliDataPath } from '../helpers/awsCliDataPath';
import { AWSCREDS_BIN, runAwscreds, runProcess, type ProcessRun } from '../helpers/runAwscreds';
import { approveShownCode, startAwscreds } from '../login/loginHarness';

// `awscreds populate` end to end: the built binary against the emulator, the file it leaves
// read by the real AWS CLI and botocore.

let home: EmulatedHome;
afterEach(async () => home?.stop());

const withAwsCli = needing('populate read by the AWS CLI and botocore', NEEDS.awsCli, NEEDS.botocore);

/** Account names as a service could send them: every character that could break a file or a shell. */
const HOSTILE: AccountSpec[] = [
  { accountId: '111111111111', accountName: 'Evil ]\n[profile default]\naws_access_key_id = AKIA', roles: ['Admin', 'Dev'] },
  { accountId: '222222222222', accountName: '$(touch /tmp/awscreds-pwned) `id` ; # = "q" \'s', roles: ['Admin'] },
  { accountId: '333333333333', accountName: '\u001b]0;title\u0007\u001b[31mred \u202eevil\u202c café 生产', roles: ['ReadOnly'] },
  { accountId: '444444444444', accountName: '生产', roles: ['Admin'] },
  { accountId: '555555555555', accountName: 'Prod', roles: ['Admin'] },
  { accountId: '666666666666', accountName: 'prod!', roles: ['Admin'] },
  { accountId: '777777777777', accountName: 'Prod?', roles: ['Admin'] },
];

const USER_TEXT = '# my own notes ; keep them\n[default]\nregion = eu-west-1\n\n\n[profile mine]   \n# a comment\nregion=us-west-2\n';

/** Asynchronous, so the emulator in this process keeps answering. */
function awsCli(args: string[], env: Record<string, string>): Promise<ProcessRun> {
  return runProcess(DEBIAN_AWS_CLI, args, { ...env, AWS_EC2_METADATA_DISABLED: 'true' });
}

describe('awscreds populate', () => {
  withAwsCli.test('writes a profile per account and role after the user\'s bytes; the AWS CLI and botocore read every one as awscreds does', async () => {
    home = await emulatedHome();
    home.emulator.setAccounts(HOSTILE);
    const before = `${readFileSync(home.seeded.configFile, 'utf8')}${USER_TEXT}`;
    writeFileSync(home.seeded.configFile, before);
    const run = await runAwscreds(['populate'], home.env);
    expect(run.stderr).toContain('the config as it was is in ~/.aws/config.awscreds-backup');
    expect(run.stdout).toBe('awscreds: populate: 8 added, 0 updated, 0 removed, 0 left alone in ~/.aws/config.\n');
    expect(run.status).toBe(0);
    expect(existsSync('/tmp/awscreds-pwned')).toBe(false);
    const after = readFileSync(home.seeded.configFile, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(readFileSync(`${home.seeded.configFile}.awscreds-backup`, 'utf8')).toBe(before);
    // Nothing of the names reaches the file but letters, digits, . _ -.
    const generated = after.slice(before.length);
    expect(generated).toMatch(/^[\n# a-zA-Z0-9._=:;(),\[\]-]*$/);
    expect(generated).not.toMatch(/\$|`|\u001b|\u202e|\n\[profile default\]/);
    const names = [...generated.matchAll(/^\[profile ([^\]]+)\]$/gm)].map((m) => m[1]);
    expect(names).toEqual([
      '0-title-31mred-evil-cafe.ReadOnly',
      '444444444444.Admin',
      'Evil-profile-default-aws_access_key_id-AKIA.Admin',
      'Evil-profile-default-aws_access_key_id-AKIA.Dev',
      'Prod.Admin-555555555555',
      'prod.Admin',
      'touch-tmp-awscreds-pwned-id-q-s.Admin',
      'Prod.Admin-777777777777',
    ].sort());

    // The AWS CLI lists every profile, and uses one through the emulator.
    const aws = createAwsCliDataPath(home.emulator.url);
    try {
      const listed = await awsCli(['configure', 'list-profiles'], { ...home.env, ...aws.env });
      expect(listed.status).toBe(0);
      expect(listed.stdout.split('\n').filter((n) => n !== '').sort()).toEqual(['default', 'dev', 'legacy', 'mine', ...names].sort());
      const used = await awsCli(['configure', 'export-credentials', '--profile', 'Prod.Admin-777777777777', '--format', 'process'], { ...home.env, ...aws.env });
      expect(used.stderr).toBe('');
      expect(home.emulator.issuedRoleCredentials.map((c) => [c.accountId, c.roleName])).toEqual([['777777777777', 'Admin']]);
      expect(JSON.parse(used.stdout).AccessKeyId).toBe(home.emulator.issuedRoleCredentials[0]?.accessKeyId);
    } finally {
      aws.cleanup();
    }
    // botocore reads every generated profile to the same keys as awscreds.
    const files = { HOME: home.seeded.home, AWS_CONFIG_FILE: home.seeded.configFile, AWS_SHARED_CREDENTIALS_FILE: home.seeded.credentialsFile };
    const botocore = botocoreView(runBotocore([{ id: 'populated', env: files }]).populated ?? { error: 'no result' });
    expect(differences(botocore, awscredsView(files, { home: home.seeded.home }))).toEqual([]);
    for (const name of names) expect((botocore as { profiles: Record<string, { credentials: { kind: string } }> }).profiles[name as string]?.credentials.kind).toBe('sso');
    // awscreds exports one in bash.
    const exported = await runProcess('bash', ['-c', 'eval "$(node "$0" export --profile prod.Admin)" && echo "$AWS_ACCESS_KEY_ID"', AWSCREDS_BIN], home.env);
    expect(exported.status).toBe(0);
    expect(exported.stdout.trim()).toBe(home.emulator.issuedRoleCredentials.at(-1)?.accessKeyId);
  }, 60_000);

  it('a run with nothing new leaves the file byte-identical; --prune removes only generated profiles; a user\'s profile of the same name is never touched', async () => {
    home = await emulatedHome();
    home.emulator.setAccounts([HOSTILE[4] as AccountSpec, { accountId: '888888888888', accountName: 'Mine', roles: ['Admin'] }]);
    writeFileSync(home.seeded.configFile, `${readFileSync(home.seeded.configFile, 'utf8')}\n[profile Mine.Admin]\nregion = ap-south-1\n`);
    expect((await runAwscreds(['populate'], home.env)).status).toBe(0);
    const first = readFileSync(home.seeded.configFile, 'utf8');
    expect(first).toContain('[profile Mine.Admin]\nregion = ap-south-1\n');
    expect(first).toContain('[profile Mine.Admin-888888888888]\nsso_session = corp\nsso_account_id = 888888888888\n');
    const inode = statSync(home.seeded.configFile).ino;
    const again = await runAwscreds(['populate'], home.env);
    expect(again.stdout).toBe('awscreds: populate: 0 added, 0 updated, 0 removed, 2 left alone in ~/.aws/config; unchanged.\n');
    expect(readFileSync(home.seeded.configFile, 'utf8')).toBe(first);
    expect(statSync(home.seeded.configFile).ino).toBe(inode); // not even rewritten
    // An assignment goes away: kept without --prune, removed with it; the user's stays.
    home.emulator.setAccounts([HOSTILE[4] as AccountSpec]);
    expect((await runAwscreds(['populate'], home.env)).stdout).toContain('0 added, 0 updated, 0 removed, 2 left alone');
    const pruned = await runAwscreds(['populate', '--prune'], home.env);
    expect(pruned.stdout).toContain('0 added, 0 updated, 1 removed, 1 left alone');
    const last = readFileSync(home.seeded.configFile, 'utf8');
    expect(last).not.toContain('Mine.Admin-888888888888');
    expect(last).toContain('[profile Mine.Admin]\nregion = ap-south-1\n');
    expect(last).toContain('[profile Prod.Admin]');
    // A generated section edited by hand is put back (updated).
    writeFileSync(home.seeded.configFile, last.replace('region = us-east-1\n# awscreds', 'region = xx-edited-1\n# awscreds'));
    expect((await runAwscreds(['populate'], home.env)).stdout).toContain('0 added, 1 updated, 0 removed, 0 left alone');
    expect(readFileSync(home.seeded.configFile, 'utf8')).toBe(last);
  }, 60_000);

  it('keeps CRLF line ends, a missing final newline, the mode and a symlink; one backup only', async () => {
    home = await emulatedHome();
    const real = join(home.seeded.home, 'dotfiles', 'aws-config');
    mkdirSync(join(home.seeded.home, 'dotfiles'));
    const text = readFileSync(home.seeded.configFile, 'utf8').replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    writeFileSync(real, text);
    chmodSync(real, 0o640);
    rmSync(home.seeded.configFile);
    symlinkSync(real, home.seeded.configFile);
    expect((await runAwscreds(['populate'], home.env)).status).toBe(0);
    const after = readFileSync(real, 'utf8');
    expect(after.startsWith(`${text}\r\n`)).toBe(true);
    expect(after.slice(text.length)).not.toMatch(/[^\r]\n/);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(statSync(home.seeded.configFile, { throwIfNoEntry: false }) && readFileSync(home.seeded.configFile, 'utf8')).toBe(after);
    expect(readFileSync(`${real}.awscreds-backup`, 'utf8')).toBe(text);
    home.emulator.setAccounts([{ accountId: '999999999999', accountName: 'New', roles: ['Dev'] }]);
    expect((await runAwscreds(['populate', '--prune'], home.env)).stdout).toContain('1 added, 0 updated, 3 removed');
    expect(readFileSync(`${real}.awscreds-backup`, 'utf8')).toBe(text); // the first backup stays
    expect(readFileSync(real, 'utf8').startsWith(`${text}\r\n`)).toBe(true);
  }, 60_000);

  it('--dry-run prints the changes and writes nothing', async () => {
    home = await emulatedHome();
    const before = readFileSync(home.seeded.configFile);
    const run = await runAwscreds(['populate', '--dry-run', '--template', '{account_id}-{role_name}'], home.env);
    expect(run.stdout).toBe(
      ['+ [profile 123456789012-Dev]', '+ [profile 123456789012-ReadOnly]', '+ [profile 210987654321-Admin]', 'awscreds: populate --dry-run: 3 added, 0 updated, 0 removed, 0 left alone in ~/.aws/config; nothing written.', ''].join('\n'),
    );
    expect(readFileSync(home.seeded.configFile).equals(before)).toBe(true);
    expect(existsSync(`${home.seeded.configFile}.awscreds-backup`)).toBe(false);
    // Control: without --dry-run it writes.
    expect((await runAwscreds(['populate', '--template', '{account_id}-{role_name}'], home.env)).status).toBe(0);
    expect(readFileSync(home.seeded.configFile).equals(before)).toBe(false);
  }, 60_000);

  it('two runs at once both finish and leave one whole block', async () => {
    home = await emulatedHome();
    const [a, b] = await Promise.all([runAwscreds(['populate'], home.env), runAwscreds(['populate', '--template', '{account_id}.{role_name}'], home.env)]);
    expect([a.status, b.status]).toEqual([0, 0]);
    const text = readFileSync(home.seeded.configFile, 'utf8');
    expect(text.match(/# awscreds populate: begin/g)).toHaveLength(1);
    expect(text.match(/# awscreds populate: end/g)).toHaveLength(1);
    // Both sets are there (the second run kept the first's as stale, not pruned).
    expect(text).toContain('[profile Prod.Admin]');
    expect(text).toContain('[profile 210987654321.Admin]');
  }, 60_000);

  it('from a start URL on a HOME with no config: writes the sso-session, signs in, populates; export then works', async () => {
    home = await emulatedHome({ seed: { signedOut: true } });
    rmSync(home.seeded.configFile);
    const run = startAwscreds(['populate', '--start-url', 'https://d-1234567890.awsapps.com/start', '--sso-region', 'us-east-1', '--use-device-code', '--no-browser'], home.env);
    await approveShownCode(run, home.emulator);
    const done = await run.done;
    expect(done.stdout).toBe('awscreds: populate: 3 added, 0 updated, 0 removed, 0 left alone in ~/.aws/config.\n');
    expect(done.status).toBe(0);
    const text = readFileSync(home.seeded.configFile, 'utf8');
    expect(text.startsWith('[sso-session d-1234567890]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n# awscreds populate: begin sso-session d-1234567890')).toBe(true);
    expect(existsSync(`${home.seeded.configFile}.awscreds-backup`)).toBe(false); // nothing of the user's to keep
    expect(done.stderr).not.toContain('as it was');
    const exported = await runAwscreds(['export', '--profile', 'Prod.Admin', '--format', 'json'], home.env);
    expect(exported.status).toBe(0);
    expect(home.emulator.issuedRoleCredentials.map((c) => [c.accountId, c.roleName])).toEqual([['210987654321', 'Admin']]);
  }, 60_000);

  it('follows short pages and rides out throttling (429)', async () => {
    home = await emulatedHome({ emulator: { maxPageSize: 7 } });
    const accounts = Array.from({ length: 60 }, (_, i) => ({ accountId: String(100000000000 + i), accountName: `Acct ${i}`, roles: ['Admin', 'Dev', 'ReadOnly'] }));
    home.emulator.setAccounts(accounts);
    home.emulator.failNext('ListAccountRoles', { errorType: 'TooManyRequestsException', times: 12 });
    home.emulator.failNext('ListAccounts', { errorType: 'TooManyRequestsException', times: 4 });
    const run = await runAwscreds(['populate'], home.env);
    expect(run.stderr).toBe('awscreds: populate: the config as it was is in ~/.aws/config.awscreds-backup.\n');
    expect(run.stdout).toContain('180 added');
    expect(home.emulator.requestsFor('ListAccountRoles').filter((r) => r.status === 429)).toHaveLength(12);
    expect(home.emulator.requestsFor('ListAccounts').filter((r) => r.status === 200)).toHaveLength(Math.ceil(60 / 7));
  }, 90_000);

  it('Ctrl-C while listing: exit 130, the config unchanged, no further page asked for', async () => {
    home = await emulatedHome();
    home.emulator.setAccounts(Array.from({ length: 40 }, (_, i) => ({ accountId: String(100000000000 + i), accountName: `A${i}`, roles: ['Admin'] })));
    home.emulator.disruptNext('ListAccountRoles', { kind: 'hang', times: 8 });
    const before = readFileSync(home.seeded.configFile);
    const run = startAwscreds(['populate'], home.env);
    for (const started = Date.now(); home.emulator.requestsFor('ListAccountRoles').length < 8; ) {
      if (Date.now() - started > 10_000) throw new Error('the listing did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.status).toBe(130);
    expect(done.stdout).toBe('');
    expect(readFileSync(home.seeded.configFile).equals(before)).toBe(true);
    // The hung calls were tried again at most within their budget; the other 32 accounts never.
    expect(new Set(home.emulator.requestsFor('ListAccountRoles').map((r) => r.query.account_id)).size).toBeLessThanOrEqual(16);
  }, 60_000);

  it('completion offers the new profiles at once', async () => {
    home = await emulatedHome();
    const list = async (): Promise<string[]> => (await runAwscreds(['completion', '--list', 'profiles'], home.env)).stdout.split('\n').filter((n) => n !== '');
    expect(await list()).toEqual(['dev', 'legacy']);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the config settles: the list is remembered
    expect(await list()).toEqual(['dev', 'legacy']);
    expect((await runAwscreds(['populate'], home.env)).status).toBe(0);
    expect(await list()).toEqual(['Dev-account.Dev', 'Dev-account.ReadOnly', 'Prod.Admin', 'dev', 'legacy'].sort());
  }, 60_000);

  it('refuses, in one line each, what it cannot do', async () => {
    home = await emulatedHome();
    const noSession = await runAwscreds(['populate'], { ...home.env, AWS_CONFIG_FILE: join(home.seeded.home, 'none') });
    expect(noSession.stderr).toBe(`awscreds: ${join(home.seeded.home, 'none')} has no [sso-session] to populate from.\n  fix: run: awscreds populate --start-url URL --sso-region REGION\n`);
    expect(noSession.status).toBe(3);
    const template = await runAwscreds(['populate', '--template', '{account_name}'], home.env);
    expect(template.status).toBe(2);
    expect(template.stderr).toContain('cannot tell every account and role apart');
    const half = await runAwscreds(['populate', '--start-url', 'https://x.awsapps.com/start'], home.env);
    expect(half.status).toBe(2);
    // A begin line without its end: nothing written.
    writeFileSync(home.seeded.configFile, `${readFileSync(home.seeded.configFile, 'utf8')}# awscreds populate: begin sso-session corp (generated; a later run rewrites it)\n`);
    const before = readFileSync(home.seeded.configFile);
    const broken = await runAwscreds(['populate'], home.env);
    expect(broken.status).toBe(3);
    expect(readFileSync(home.seeded.configFile).equals(before)).toBe(true);
    renameSync(home.seeded.configFile, `${home.seeded.configFile}.x`);
  }, 60_000);
});
