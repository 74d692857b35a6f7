import { appendFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { runAwscreds } from '../helpers/runAwscreds';
import { emulatedHome, type EmulatedHome } from './commandsTestSetup';
import { NEEDS, needing } from '../helpers/needs';

// `awscreds exec --serve` against its real consumers: Debian's AWS CLI (botocore's container
// provider) and the AWS SDK for JavaScript's HTTP credential provider, both running as the
// command, reading the endpoint awscreds started for them.

const AWS_CLI = '/usr/bin/aws';
const withAwsCli = needing('execServe: serving the AWS CLI', NEEDS.awsCli);
const HTTP_PROVIDER = require.resolve('@aws-sdk/credential-provider-http');

let home: EmulatedHome;
afterEach(async () => home.stop());

/**
 * A node program for the command: fetches credentials through the SDK's provider after each of
 * `delaysMs` (or, for 'low', once the first set has less than 9 s left), prints them as JSON lines.
 */
function sdkClient(delaysMs: ReadonlyArray<number | 'low'>): string[] {
  const program = `
    const { fromHttp } = require(${JSON.stringify(HTTP_PROVIDER)});
    let first;
    (async () => {
      for (const delay of ${JSON.stringify(delaysMs)}) {
        await new Promise((r) => setTimeout(r, delay === 'low' ? Math.max(0, first.getTime() - Date.now() - 9000) : delay));
        const c = await fromHttp({})();
        first = first || c.expiration;
        console.log(JSON.stringify({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration && c.expiration.toISOString() }));
      }
    })().catch((e) => { console.error('sdk: ' + e.message + ': ' + e.Code + ': ' + e.Message); process.exit(9); });`;
  return [process.execPath, '-e', program];
}

describe('awscreds exec --serve', () => {
  it('gives the command an endpoint and a token instead of keys, and removes every credential variable', async () => {
    home = await emulatedHome();
    const stale = { AWS_ACCESS_KEY_ID: 'ASIAOLDOLDOLDOLDOLD1', AWS_SECRET_ACCESS_KEY: 'old', AWS_SESSION_TOKEN: 'stale', AWS_PROFILE: 'dev', AWSCREDS_KEY_ID: 'ASIAOLDOLDOLDOLDOLD1' };
    const run = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--', 'env'], { ...home.env, ...stale });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const seen = Object.fromEntries(run.stdout.split('\n').filter((l) => l.startsWith('AWS')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const added = Object.keys(seen).filter((name) => !(name in home.env)).sort();
    expect(added).toEqual(['AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_DEFAULT_REGION', 'AWS_REGION']);
    for (const name of Object.keys(stale)) expect(seen[name]).toBeUndefined();
    expect(seen.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    expect(Buffer.from(seen.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '', 'base64url')).toHaveLength(32);
    // No secret the emulator issued reaches the command's environment.
    const issued = home.emulator.issuedRoleCredentials.at(-1);
    expect(run.stdout).not.toContain(issued?.secretAccessKey);
    expect(run.stdout).not.toContain(issued?.sessionToken);
  });

  it('serves the AWS SDK for JavaScript the set, and a new one once it runs low, while the command keeps running', async () => {
    // Role sessions of 20 s: with --min-ttl 1 the set runs low at half its life, 10 s in.
    home = await emulatedHome({ emulator: { roleCredentialsTtlSeconds: 20 } });
    const run = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--min-ttl', '1', '--', ...sdkClient([0, 200, 'low'])], home.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [first, second, third] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    const issued = home.emulator.issuedRoleCredentials;
    const [one] = issued;
    expect(first).toMatchObject({ accessKeyId: one?.accessKeyId, secretAccessKey: one?.secretAccessKey, sessionToken: one?.sessionToken });
    expect(second).toEqual(first); // from the endpoint's memory: no new fetch
    // Asked once the first set had under 9 s of its 20 left (below half its life): a newer set.
    const newer = issued.find((c) => c.accessKeyId === third?.accessKeyId);
    expect(issued.indexOf(newer as (typeof issued)[number])).toBeGreaterThan(0);
    expect(third).toMatchObject({ secretAccessKey: newer?.secretAccessKey, sessionToken: newer?.sessionToken });
    expect(Date.parse(third?.expiration ?? '')).toBeGreaterThan(Date.parse(first?.expiration ?? ''));
  }, 60_000);

  withAwsCli.test('serves Debian\'s AWS CLI (botocore\'s container provider)', async () => {
    home = await emulatedHome();
    const run = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--', AWS_CLI, 'configure', 'export-credentials', '--format', 'process'], { ...home.env, AWS_EC2_METADATA_DISABLED: 'true' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const issued = home.emulator.issuedRoleCredentials.at(-1);
    expect(JSON.parse(run.stdout)).toMatchObject({ Version: 1, AccessKeyId: issued?.accessKeyId, SecretAccessKey: issued?.secretAccessKey, SessionToken: issued?.sessionToken });
  }, 60_000);

  withAwsCli.test('serves Debian\'s AWS CLI a new set once the served one runs low', async () => {
    home = await emulatedHome({ emulator: { roleCredentialsTtlSeconds: 20 } });
    const aws = `${AWS_CLI} configure export-credentials --format process`;
    const run = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--min-ttl', '1', '--', 'sh', '-c', `${aws} && sleep 11 && ${aws}`], { ...home.env, AWS_EC2_METADATA_DISABLED: 'true' });
    expect(run.status).toBe(0);
    const [before, after] = run.stdout.trim().split(/\n(?=\{)/).map((text) => JSON.parse(text) as Record<string, string>);
    // Which set the first call gets depends on how fast the AWS CLI starts; the second, 11 s
    // later, must be one issued after it.
    const issued = home.emulator.issuedRoleCredentials.map((c) => c.accessKeyId);
    expect(issued.indexOf(before?.AccessKeyId ?? '')).toBeGreaterThanOrEqual(0);
    expect(issued.indexOf(after?.AccessKeyId ?? '')).toBeGreaterThan(issued.indexOf(before?.AccessKeyId ?? ''));
  }, 60_000);

  it('warns when the default profile has credentials of its own (the SDKs would use those), and not otherwise', async () => {
    home = await emulatedHome();
    const quiet = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--', 'true'], home.env);
    expect(quiet.stderr).toBe('');
    appendFileSync(home.seeded.credentialsFile, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    const warned = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--', 'true'], home.env);
    expect(warned.status).toBe(0);
    expect(warned.stderr).toBe('awscreds: warning: profile default has credentials; tools use them, not --serve.\n');
  });

  it('answers 401 without the token and 403 with a wrong one, with no secret; the right token gets the set', async () => {
    home = await emulatedHome();
    const probe = `
      const url = process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, token = process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
      const get = async (headers, u = url) => { const r = await fetch(u, { headers }); return { status: r.status, body: await r.text() }; };
      (async () => console.log(JSON.stringify([await get({}), await get({ authorization: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') }), await get({ authorization: token }, url.replace('/credentials', '/other')), await get({ authorization: token })])))();`;
    const run = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--', process.execPath, '-e', probe], home.env);
    expect(run.status).toBe(0);
    const [none, wrong, elsewhere, right] = JSON.parse(run.stdout) as Array<{ status: number; body: string }>;
    const issued = home.emulator.issuedRoleCredentials.at(-1);
    expect([none?.status, wrong?.status, elsewhere?.status]).toEqual([401, 403, 404]);
    for (const refused of [none, wrong, elsewhere]) expect(refused?.body).not.toContain(issued?.secretAccessKey);
    expect(right?.status).toBe(200);
    expect(JSON.parse(right?.body ?? '{}')).toMatchObject({ AccessKeyId: issued?.accessKeyId, SecretAccessKey: issued?.secretAccessKey, Token: issued?.sessionToken });
  });

  it('passes the command\'s exit status through, and the endpoint closes when the command exits', async () => {
    home = await emulatedHome();
    const run = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--', 'sh', '-c', 'echo "$AWS_CONTAINER_CREDENTIALS_FULL_URI"; exit 3'], home.env);
    expect(run.status).toBe(3);
    const url = run.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('when the sign-in has ended, answers an error the SDK reports and says on stderr what to run', async () => {
    home = await emulatedHome({ emulator: { roleCredentialsTtlSeconds: 20 } });
    // The command signs the user out (the token file goes) and then asks after the set ran low.
    const tokenDir = join(home.seeded.home, '.aws', 'sso', 'cache');
    const client = sdkClient([0, 'low']);
    const script = `${JSON.stringify(process.execPath)} -e ${shellQuote(`require('fs').readdirSync(${JSON.stringify(tokenDir)}).forEach((f) => require('fs').rmSync(${JSON.stringify(tokenDir)} + '/' + f))`)} && ${client.map(shellQuote).join(' ')}`;
    const run = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--min-ttl', '1', '--', 'sh', '-c', script], home.env);
    expect(readdirSync(tokenDir)).toEqual([]);
    expect(run.status).toBe(9); // the SDK's error ended the command
    expect(run.stderr).toMatch(/awscreds: exec --serve: profile "dev" is not signed in/);
    expect(run.stderr).toContain('awscreds login --profile dev');
    expect(run.stderr).toMatch(/sdk: .*CredentialsUnavailable: awscreds could not renew the credentials: profile "dev" is not signed in/);
    // Said once, however many requests failed.
    expect(run.stderr.match(/awscreds: exec --serve: /g)).toHaveLength(1);
  }, 60_000);

  it('a first export that cannot get credentials starts no command (usage errors and sign-in as in exec)', async () => {
    home = await emulatedHome({ seed: { signedOut: true } });
    rmSync(join(home.seeded.home, '.aws', 'cli'), { recursive: true, force: true });
    const run = await runAwscreds(['exec', '--serve', '--profile', 'dev', '--no-login', '--', 'sh', '-c', 'echo started'], home.env);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stdout).toBe('');
  });
});

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
