import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { ACCESS_KEY_ID, KEYS_CREDENTIALS, SECRET_KEY } from '../config/fixtures';
import { childEnv, seedSignedInHome, seededConfig, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds as runBinary, type ProcessRun } from '../helpers/runAwscreds';

// `awscreds console --print` for every profile kind, through the built binary, against the
// emulator's SSO, STS and console sign-in endpoint (AWS_ENDPOINT_URL_SIGNIN), which checks the
// keys in the Session JSON as AWS does and refuses SessionDuration where AWS refuses it.

const TEMP = { accessKeyId: 'ASIAZZZZTEMPORARY001', secretAccessKey: 'temporary/secret/key/EXAMPLE0000000000000', sessionToken: 'IQoJtemporarySessionTokenEXAMPLE' };

const seen: string[] = [];
async function runAwscreds(args: readonly string[], runEnv: Record<string, string>): Promise<ProcessRun> {
  const run = await runBinary(args, runEnv);
  seen.push(run.stderr);
  return run;
}

let emulator: SsoEmulator;
let seeded: SeededHome;
let env: Record<string, string>;
let scratch: string;

function processCommand(json: object): string {
  const file = join(scratch, `proc-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(file, `process.stdout.write(${JSON.stringify(JSON.stringify(json))});`);
  return `"${process.execPath}" "${file}"`;
}

beforeAll(async () => {
  emulator = await startSsoEmulator();
  seeded = seedSignedInHome(emulator);
  scratch = mkdtempSync(join(tmpdir(), 'awscreds-console-'));
  const webToken = join(scratch, 'web-token');
  writeFileSync(webToken, 'eyJhbGciOiJSUzI1NiJ9.web.identity');
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  writeFileSync(
    seeded.configFile,
    `${seededConfig()}
[profile admin]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = dev

[profile fromkeys]
role_arn = arn:aws:iam::210987654321:role/FromKeys
source_profile = keys

[profile web]
web_identity_token_file = ${webToken}
role_arn = arn:aws:iam::210987654321:role/Web

[profile proctemp]
credential_process = ${processCommand({ Version: 1, AccessKeyId: TEMP.accessKeyId, SecretAccessKey: TEMP.secretAccessKey, SessionToken: TEMP.sessionToken, Expiration: expiration })}

[profile proclong]
credential_process = ${processCommand({ Version: 1, AccessKeyId: ACCESS_KEY_ID, SecretAccessKey: SECRET_KEY })}

[profile gov]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Dev
region = us-gov-west-1
`,
  );
  writeFileSync(
    seeded.credentialsFile,
    `${KEYS_CREDENTIALS}\n[statictemp]\naws_access_key_id = ${TEMP.accessKeyId}\naws_secret_access_key = ${TEMP.secretAccessKey}\naws_session_token = ${TEMP.sessionToken}\n`,
    { mode: 0o600 },
  );
  emulator.sts.registerAccessKey({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, arn: 'arn:aws:iam::111122223333:user/alice' });
  emulator.sts.registerAccessKey({ ...TEMP, arn: 'arn:aws:sts::111122223333:assumed-role/Ops/someone' });
  emulator.sts.setRole('arn:aws:iam::210987654321:role/FromKeys', { maxSessionDurationSeconds: 43200 });
  env = { ...childEnv(seeded.env), AWS_ENDPOINT_URL_SIGNIN: emulator.url, SHELL: '/bin/bash' };
});
afterAll(async () => {
  seeded.cleanup();
  rmSync(scratch, { recursive: true, force: true });
  await emulator.stop();
});

/** Runs `console --print`, then opens the printed URL as a browser would: the emulator's console page, or its refusal. */
async function signIn(args: string[], extraEnv: Record<string, string> = {}): Promise<{ run: ProcessRun; page: string; url: URL }> {
  const run = await runAwscreds(['console', '--print', ...args], { ...env, ...extraEnv });
  if (run.status !== 0) throw new Error(`console failed (${run.status}): ${run.stderr}`);
  const url = new URL(run.stdout.trim());
  const page = await (await fetch(url)).text();
  return { run, page, url };
}

const lastTokenRequest = () => emulator.signin.tokenRequests.at(-1);

describe('console --print: the login URL for every profile kind', () => {
  it('SSO: the role credentials themselves, POSTed (never in a URL); SessionDuration from --duration', async () => {
    const { run, page, url } = await signIn(['--profile', 'dev', '--duration', '120']);
    const issued = emulator.issuedRoleCredentials.at(-1);
    expect(lastTokenRequest()).toMatchObject({ method: 'POST', sessionInUrl: false, sessionDuration: '7200', status: 200, session: { sessionId: issued?.accessKeyId, sessionKey: issued?.secretAccessKey, sessionToken: issued?.sessionToken } });
    expect(page).toContain('AWSReservedSSO_Dev_');
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe('https://d-1234567890.awsapps.com/start');
    expect(url.searchParams.get('Destination')).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    // Not on a terminal: the URL alone on stdout, nothing on stderr; no key in the URL.
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain(issued?.accessKeyId);
    expect(run.stdout).not.toContain(encodeURIComponent(issued?.secretAccessKey ?? ''));
  });

  it('a role chain: assumed afresh even when the cache holds a set, and no SessionDuration (the note says so)', async () => {
    const exported = await runAwscreds(['export', '--profile', 'admin'], env);
    expect(exported.status).toBe(0);
    const before = emulator.sts.issued.length;
    // Positive control: export reuses the cached set.
    expect((await runAwscreds(['export', '--profile', 'admin'], env)).status).toBe(0);
    expect(emulator.sts.issued.length).toBe(before);
    const { run, page } = await signIn(['--profile', 'admin', '--duration', '60']);
    expect(emulator.sts.issued.length).toBe(before + 1);
    const fresh = emulator.sts.issued.at(-1);
    expect(lastTokenRequest()).toMatchObject({ status: 200, session: { sessionId: fresh?.accessKeyId } });
    expect(lastTokenRequest()?.sessionDuration).toBeUndefined();
    expect(run.stderr).toBe('awscreds: no --duration for role-chained keys; the console ends with them.\n');
    expect(page).toContain('assumed-role/Admin/');
  });

  it('a role assumed with long-term keys is not a chain: SessionDuration is sent and accepted', async () => {
    const { page } = await signIn(['--profile', 'fromkeys', '--duration', '240']);
    expect(lastTokenRequest()).toMatchObject({ status: 200, sessionDuration: '14400' });
    expect(page).toContain('assumed-role/FromKeys/');
  });

  it('long-term keys: GetFederationToken first (pass-through policy, a name of at most 32 characters, --duration)', async () => {
    const { page } = await signIn(['--profile', 'keys', '--duration', '90']);
    const federated = emulator.sts.issued.at(-1);
    expect(federated).toMatchObject({ operation: 'GetFederationToken', roleSessionName: 'awscreds-keys', durationSeconds: 5400, callerAccessKeyId: ACCESS_KEY_ID });
    expect(JSON.parse(federated?.policy ?? '{}')).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(lastTokenRequest()).toMatchObject({ status: 200, session: { sessionId: federated?.accessKeyId } });
    expect(lastTokenRequest()?.sessionDuration).toBeUndefined();
    expect(page).toContain('federated-user/awscreds-keys');
  });

  it('credential_process: temporary keys as they are (no SessionDuration), long-term ones through GetFederationToken', async () => {
    const temp = await signIn(['--profile', 'proctemp', '--duration', '60']);
    expect(lastTokenRequest()).toMatchObject({ status: 200, session: { sessionId: TEMP.accessKeyId } });
    expect(lastTokenRequest()?.sessionDuration).toBeUndefined();
    expect(temp.run.stderr).toBe('awscreds: no --duration for keys of unknown origin; the console ends with them.\n');
    const long = await signIn(['--profile', 'proclong']);
    expect(emulator.sts.issued.at(-1)).toMatchObject({ operation: 'GetFederationToken', durationSeconds: 3600 });
    expect(long.page).toContain('federated-user/awscreds-proclong');
  });

  it('static temporary keys and web identity', async () => {
    expect((await signIn(['--profile', 'statictemp'])).page).toContain('assumed-role/Ops/someone');
    const web = await signIn(['--profile', 'web', '--duration', '30']);
    expect(emulator.sts.issued.at(-1)?.operation).toBe('AssumeRoleWithWebIdentity');
    expect(lastTokenRequest()).toMatchObject({ status: 200, sessionDuration: '1800' });
    expect(web.page).toContain('assumed-role/Web/');
  });

  it('the partition and region choose the console host; --service and --destination the page', async () => {
    expect((await signIn(['--profile', 'gov'])).url.searchParams.get('Destination')).toBe('https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1');
    expect((await signIn(['--profile', 'dev', '--service', 'iam'])).url.searchParams.get('Destination')).toBe('https://console.aws.amazon.com/iam/home');
    expect((await signIn(['--profile', 'dev', '--service', 'ec2', '--region', 'us-east-1'])).url.searchParams.get('Destination')).toBe('https://console.aws.amazon.com/ec2/home?region=us-east-1');
    const wanted = 'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions';
    expect((await signIn(['--profile', 'dev', '--destination', wanted])).url.searchParams.get('Destination')).toBe(wanted);
    const other = await runAwscreds(['console', '--print', '--profile', 'dev', '--destination', 'https://console.amazonaws.cn/ec2/home'], env);
    expect(other.stderr).toBe('awscreds: --destination is not a console URL of partition aws.\n  fix: give an https://…console.aws.amazon.com/… URL, or use --service NAME.\n');
    expect(other.status).toBe(EXIT_CODES.USAGE.code);
  });
});

describe('console --debug', () => {
  it('logs the calls, never the keys, the sign-in token or the login URL', async () => {
    const run = await runBinary(['console', '--print', '--debug', '--profile', 'keys'], env);
    expect(run.status).toBe(0);
    const token = new URL(run.stdout.trim()).searchParams.get('SigninToken') ?? '';
    const federated = emulator.sts.issued.at(-1);
    // Control: the debug log is there, and the token is on stdout.
    expect(run.stderr).toContain('console: getSigninToken at');
    expect(token.length).toBeGreaterThan(20);
    for (const secret of [token, SECRET_KEY, federated?.secretAccessKey, federated?.sessionToken, 'Action=login']) expect(run.stderr).not.toContain(secret);
  });
});

describe('console: errors in one line', () => {
  it('a 400 from the sign-in endpoint names the likely cause', async () => {
    emulator.signin.failNext(400);
    const run = await runAwscreds(['console', '--print', '--profile', 'dev', '--duration', '60'], env);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('awscreds: console sign-in refused SessionDuration=3600 (400): a role chain?\n  fix: run it again without --duration.\n');
    expect(run.status).toBe(EXIT_CODES.SERVICE.code);
  });

  it('a 400 without SessionDuration: the keys themselves were refused', async () => {
    emulator.signin.failNext(400);
    const run = await runAwscreds(['console', '--print', '--profile', 'dev'], env);
    expect(run.stderr).toBe('awscreds: console sign-in refused the keys (400): expired or revoked?\n  fix: run `awscreds console --no-cache` to fetch new ones.\n');
    expect(run.status).toBe(EXIT_CODES.SERVICE.code);
  });

  it('AccessDenied on GetFederationToken names the permission', async () => {
    emulator.sts.failNext('GetFederationToken', 'AccessDenied', 'User: alice is not authorized to perform: sts:GetFederationToken');
    const run = await runAwscreds(['console', '--print', '--profile', 'keys'], env);
    expect(run.stderr).toBe('awscreds: profile "keys": GetFederationToken denied (AccessDenied).\n  fix: allow sts:GetFederationToken for this IAM user, or use a role profile.\n');
    expect(run.status).toBe(EXIT_CODES.ACCESS_DENIED.code);
  });

  it('--duration out of range, and --via-portal on a profile without SSO', async () => {
    const long = await runAwscreds(['console', '--print', '--profile', 'dev', '--duration', '900'], env);
    expect(long.stderr).toBe('awscreds: --duration 900 is over the console\'s 720 minutes.\n  fix: give --duration 15 to 720.\n');
    const portal = await runAwscreds(['console', '--print', '--profile', 'keys', '--via-portal'], env);
    expect(portal.stderr).toBe('awscreds: --via-portal needs an SSO profile; "keys" is not one.\n  fix: drop --via-portal to sign in with its credentials.\n');
    expect(portal.status).toBe(EXIT_CODES.USAGE.code);
  });

  it('--via-portal: the portal shortcut, with no call to STS or the sign-in endpoint', async () => {
    const tokens = emulator.signin.tokenRequests.length;
    const run = await runAwscreds(['console', '--print', '--profile', 'dev', '--via-portal', '--service', 's3'], env);
    expect(run.stdout).toBe(
      `https://d-1234567890.awsapps.com/start/#/console?account_id=123456789012&role_name=Dev&destination=${encodeURIComponent('https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1')}\n`,
    );
    expect(emulator.signin.tokenRequests.length).toBe(tokens);
  });
});

/** Every stderr line a test above saw. */
const stderrLines: string[] = [];
afterEach(() => {
  stderrLines.push(...seen.splice(0).flatMap((text) => text.split('\n')).filter(Boolean));
});
afterAll(() => {
  // Each message fits 80 columns (the fix on its own line); the control: there were some.
  expect(stderrLines.length).toBeGreaterThan(8);
  expect(stderrLines.filter((line) => line.length > 80)).toEqual([]);
});
