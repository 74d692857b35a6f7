import { SHELLS } from '../helpers/shellDriver';
import { shellByName } from '../../src/shells/registry';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { childEnv, seedSignedInHome, seededConfig, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { STS_MESSAGES } from '../emulator/stsEmulator';
import { AWSCREDS_BIN, runAwscreds, runAwscredsAtTerminal, runProcess, type ProcessRun, type TerminalRun } from '../helpers/runAwscreds';
import { runShellScript } from '../helpers/runShellScript';
import { ACCESS_KEY_ID, BROKEN_ROLE_CHAINS, KEYS_CREDENTIALS, MFA_SERIAL, SECRET_KEY } from '../config/fixtures';
import { NEEDS, needing } from '../helpers/needs';

// Every profile kind through the built binary, against the emulator's SSO and STS (which
// checks every signature with the secret it issued or was given).


const ROLES = `
[profile admin]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = dev
region = eu-central-1

[profile deep]
role_arn = arn:aws:iam::333333333333:role/Deep
source_profile = admin
role_session_name = deep-session

[profile fromkeys]
role_arn = arn:aws:iam::210987654321:role/FromKeys
source_profile = keys

[profile wrongsecret]
role_arn = arn:aws:iam::210987654321:role/FromKeys
source_profile = badsecret

[profile unknownkey]
role_arn = arn:aws:iam::210987654321:role/FromKeys
source_profile = strangerkey

[profile denied]
role_arn = arn:aws:iam::444444444444:role/Locked
source_profile = admin

[profile mfa]
role_arn = arn:aws:iam::210987654321:role/Mfa
source_profile = keys
mfa_serial = ${MFA_SERIAL}

[profile fromenv]
role_arn = arn:aws:iam::210987654321:role/FromEnv
credential_source = Environment

[profile fromecs]
role_arn = arn:aws:iam::210987654321:role/FromEcs
credential_source = EcsContainer

[profile fromimds]
role_arn = arn:aws:iam::210987654321:role/FromImds
credential_source = Ec2InstanceMetadata
${BROKEN_ROLE_CHAINS}`;

const CREDENTIALS = `${KEYS_CREDENTIALS}
[badsecret]
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY.replace('EXAMPLE', 'ELPMAXE')}

[strangerkey]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
`;

function parseBlock(stdout: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const match of stdout.matchAll(/export (\w+)=(?:\$?'((?:[^'\\]|\\.)*)'|([^;\s]*));/g)) vars[match[1] as string] = (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1');
  return vars;
}

let emulator: SsoEmulator;
let seeded: SeededHome;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startSsoEmulator();
  seeded = seedSignedInHome(emulator, { legacyToken: true });
  writeFileSync(seeded.configFile, seededConfig() + ROLES);
  writeFileSync(seeded.credentialsFile, CREDENTIALS, { mode: 0o600 });
  emulator.sts.registerAccessKey({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, arn: 'arn:aws:iam::111122223333:user/alice' });
  emulator.sts.setRole('arn:aws:iam::444444444444:role/Locked', { deny: true });
  emulator.sts.setRole('arn:aws:iam::210987654321:role/Mfa', { mfaSerial: MFA_SERIAL, mfaCode: '123456' });
  env = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
});
afterAll(async () => {
  seeded.cleanup();
  await emulator.stop();
});

describe('role chains rooted in SSO', () => {
  it('exports the set STS issued for the top role, assumed with the source role\'s own credentials', async () => {
    const run = await runAwscreds(['export', '--profile', 'admin'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const sso = emulator.issuedRoleCredentials.at(-1);
    const issued = emulator.sts.issued.at(-1);
    expect(issued).toMatchObject({ roleArn: 'arn:aws:iam::210987654321:role/Admin', callerAccessKeyId: sso?.accessKeyId, callerArn: expect.stringContaining('AWSReservedSSO_Dev_') });
    expect(issued?.roleSessionName).toMatch(/^botocore-session-\d{10}$/);
    expect(parseBlock(run.stdout)).toMatchObject({
      AWS_ACCESS_KEY_ID: issued?.accessKeyId,
      AWS_SECRET_ACCESS_KEY: issued?.secretAccessKey,
      AWS_SESSION_TOKEN: issued?.sessionToken,
      AWS_REGION: 'eu-central-1',
      AWSCREDS_PROFILE: 'admin',
    });
    // Signed for the exported profile's region.
    expect(emulator.sts.requestsFor('AssumeRole').at(-1)?.signingRegion).toBe('eu-central-1');
  });

  it('a chain of three assumes each level with the one below, reusing the cached middle level', async () => {
    emulator.sts.requests.length = 0;
    const run = await runAwscreds(['export', '--profile', 'deep', '--format', 'json'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const calls = emulator.sts.requestsFor('AssumeRole');
    expect(calls.map((c) => c.params.RoleArn)).toEqual(['arn:aws:iam::333333333333:role/Deep']); // Admin came from the cache
    const admin = emulator.sts.issued.find((i) => i.roleArn.endsWith('role/Admin'));
    const deep = emulator.sts.issued.at(-1);
    expect(deep).toMatchObject({ roleSessionName: 'deep-session', callerAccessKeyId: admin?.accessKeyId });
    // No region of its own and none in the environment: the global endpoint, signed for us-east-1.
    expect(calls[0]?.signingRegion).toBe('us-east-1');
    expect(JSON.parse(run.stdout).set).toMatchObject({ AWS_ACCESS_KEY_ID: deep?.accessKeyId, AWSCREDS_PROFILE: 'deep' });
    expect(JSON.parse(run.stdout).set.AWS_REGION).toBeUndefined();
  });

  it('a second export is served from the cache; --no-cache assumes the role again', async () => {
    emulator.sts.requests.length = 0;
    const warm = await runAwscreds(['export', '--profile', 'deep'], env);
    expect(warm.status).toBe(0);
    expect(emulator.sts.requests).toHaveLength(0);
    const cold = await runAwscreds(['export', '--profile', 'deep', '--no-cache'], env);
    expect(cold.status).toBe(0);
    expect(emulator.sts.requestsFor('AssumeRole').map((r) => r.params.RoleArn)).toEqual(['arn:aws:iam::210987654321:role/Admin', 'arn:aws:iam::333333333333:role/Deep']);
  });

  it('AWS_REGION chooses the STS region, as with the AWS CLI; AWS_ENDPOINT_URL alone reaches STS', async () => {
    emulator.sts.requests.length = 0;
    const { AWS_ENDPOINT_URL_STS: _sts, ...rest } = env;
    const run = await runAwscreds(['export', '--profile', 'deep', '--no-cache'], { ...rest, AWS_ENDPOINT_URL: emulator.url, AWS_REGION: 'ap-southeast-2' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(emulator.sts.requestsFor('AssumeRole').map((r) => r.signingRegion)).toEqual(['ap-southeast-2', 'ap-southeast-2']);
  });

  it('exec and process give the same kind of set, AWSCREDS_PROFILE naming the exported profile', async () => {
    const exec = await runAwscreds(['exec', '--profile', 'admin', '--', process.execPath, '-e', 'console.log(JSON.stringify([process.env.AWSCREDS_PROFILE, process.env.AWS_ACCESS_KEY_ID]))'], env);
    expect(exec.status).toBe(0);
    const [profile, keyId] = JSON.parse(exec.stdout) as [string, string];
    expect(profile).toBe('admin');
    const admin = emulator.sts.issued.find((i) => i.accessKeyId === keyId);
    expect(admin?.roleArn).toBe('arn:aws:iam::210987654321:role/Admin');
    const proc = await runAwscreds(['process', '--profile', 'admin'], env);
    expect(proc.status).toBe(0);
    expect(JSON.parse(proc.stdout)).toMatchObject({ Version: 1, AccessKeyId: admin?.accessKeyId, SessionToken: admin?.sessionToken });
  });
});

describe('real shells: the exported chain is a complete set for check and the hooks', () => {
  // Warm cache (the tests above filled it): spawnSync cannot reach the in-process emulator, and need not.
  for (const shell of SHELLS) needing(`roleProfiles: ${shell}`, NEEDS.shell(shell)).test(`${shell}: eval the export, then awscreds check`, () => {
    const cmd = `${process.execPath} ${AWSCREDS_BIN}`;
    const load = shellByName(shell).loadLine(['export', '--profile', 'deep', '--no-login']).replace(/\^?awscreds/, cmd);
    // `&&` is bash's, zsh's and fish's (3.0 on).
    const script = `${load} && ${cmd} check && echo "profile=$AWSCREDS_PROFILE key=$AWS_ACCESS_KEY_ID"`;
    const run = runShellScript(shell, script, { ...env, SHELL: `/bin/${shell}` });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const deep = emulator.sts.issued.filter((i) => i.roleArn.endsWith('role/Deep')).map((i) => i.accessKeyId);
    const match = /profile=(\S+) key=(\S+)/.exec(run.stdout);
    expect(match?.[1]).toBe('deep');
    expect(deep).toContain(match?.[2]);
    expect(run.stdout).toContain('complete temporary set');
  });
});

describe('refusals, each naming the chain and the fix, with `false` on stdout', () => {
  const refused = async (profile: string): Promise<ProcessRun> => {
    const run = await runAwscreds(['export', '--profile', profile], env);
    expect(run.stdout).toBe('false\n');
    return run;
  };

  it('a loop', async () => {
    const run = await refused('loop1');
    expect(run.status).toBe(EXIT_CODES.CONFIG.code);
    expect(run.stderr).toContain('"loop1" -> "loop2" -> "loop1"');
  });

  it('a missing source profile', async () => {
    const run = await refused('missing');
    expect(run.status).toBe(EXIT_CODES.CONFIG.code);
    expect(run.stderr).toContain('The source_profile "nowhere" referenced in the profile "missing" does not exist');
  });

  it('AccessDenied from STS', async () => {
    const run = await refused('denied');
    expect(run.status).toBe(EXIT_CODES.ACCESS_DENIED.code);
    expect(run.stderr).toContain('STS refused AssumeRole of arn:aws:iam::444444444444:role/Locked for profile "denied" (chain: "denied" -> "admin" -> "dev")');
    expect(run.stderr).toContain('is not authorized to perform: sts:AssumeRole');
    expect(run.stderr).toMatch(/fix: check that the role's trust policy allows the source identity/);
  });

  it('a source whose secret is wrong, or whose key STS never issued, as AWS refuses them', async () => {
    const wrong = await refused('wrongsecret');
    expect(wrong.status).toBe(EXIT_CODES.INVALID_CREDENTIALS.code);
    expect(wrong.stderr).toContain('SignatureDoesNotMatch');
    const unknown = await refused('unknownkey');
    expect(unknown.status).toBe(EXIT_CODES.INVALID_CREDENTIALS.code);
    expect(unknown.stderr).toContain(`InvalidClientTokenId: HTTP 403: ${STS_MESSAGES.InvalidClientTokenId}`);
    expect(unknown.stderr).not.toContain('je7MtGbClwBF');
    // Positive control: the right key is accepted.
    const good = await runAwscreds(['export', '--profile', 'fromkeys'], env);
    expect(good.status).toBe(0);
  });
});

describe('mfa_serial', () => {
  const typeOnTerminal = (answer: string, args: string[]): Promise<TerminalRun> => runAwscredsAtTerminal(args, env, { prompt: 'Enter MFA code for', answer });

  it('asks for the code on the terminal while stdout is captured, and sends it to STS', async () => {
    const run = await typeOnTerminal('123456', ['export', '--profile', 'mfa', '--no-cache']);
    expect(run.terminal).toContain(`Enter MFA code for ${MFA_SERIAL}: `);
    expect(run.status).toBe(0);
    // Not echoed (it was typed: STS got it, below), as botocore's getpass hides it.
    expect(run.terminal.split(`Enter MFA code for ${MFA_SERIAL}: `)[1]).not.toContain('123456');
    const issued = emulator.sts.issued.at(-1);
    expect(issued).toMatchObject({ roleArn: 'arn:aws:iam::210987654321:role/Mfa', serialNumber: MFA_SERIAL, tokenCode: '123456' });
    expect(parseBlock(run.stdout).AWS_ACCESS_KEY_ID).toBe(issued?.accessKeyId);
  });

  it('a wrong code is AccessDenied; no terminal at all is a clear error naming mfa_serial', async () => {
    const wrong = await typeOnTerminal('654321', ['export', '--profile', 'mfa', '--no-cache']);
    expect(wrong.status).toBe(EXIT_CODES.ACCESS_DENIED.code);
    expect(wrong.stdout).toBe('false\n');
    expect(wrong.terminal).toContain('MultiFactorAuthentication failed');
    // setsid: no controlling terminal, as in cron or CI.
    const run = await runProcess(process.execPath, [AWSCREDS_BIN, 'export', '--profile', 'mfa', '--no-cache'], env, '', { detached: true });
    expect(run.stdout).toBe('false\n');
    expect(run.status).toBe(EXIT_CODES.NO_TERMINAL.code);
    expect(run.stderr).toContain(`profile "mfa" needs an MFA code (mfa_serial = ${MFA_SERIAL})`);
  });

  it('an mfa_serial holding escape sequences and a bidi override reaches the prompt through printable()', async () => {
    const hostile = 'arn:aws:iam::210987654321:mfa/\u001b]0;pwned\u0007me\u001b[2J\u202eevil';
    writeFileSync(seeded.configFile, `${readFileSync(seeded.configFile, 'utf8')}\n[profile mfaevil]\nrole_arn = arn:aws:iam::210987654321:role/Mfa\nsource_profile = keys\nmfa_serial = ${hostile}\n`);
    const run = await typeOnTerminal('123456', ['export', '--profile', 'mfaevil', '--no-cache']);
    expect(run.terminal).toContain('Enter MFA code for arn:aws:iam::210987654321:mfa/?]0;pwned?me?[2J?evil: ');
    for (const raw of ['\u001b]0;pwned', '\u001b[2J', '\u202e']) expect(run.terminal).not.toContain(raw);
    // Positive control: the raw serial went to STS as written (only the terminal gets the safe form).
    expect(emulator.sts.requestsFor('AssumeRole').at(-1)?.params.SerialNumber).toBe(hostile);
  });
});

describe('web identity, credential_process, credential_source', () => {
  it('web_identity_token_file + role_arn: AssumeRoleWithWebIdentity, unsigned, with the file\'s token', async () => {
    const tokenFile = join(seeded.home, 'web-token');
    writeFileSync(tokenFile, 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl');
    emulator.sts.setRole('arn:aws:iam::210987654321:role/Web', { webIdentityToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl' });
    writeFileSync(seeded.configFile, `${readFileSync(seeded.configFile, 'utf8')}\n[profile web]\nweb_identity_token_file = ${tokenFile}\nrole_arn = arn:aws:iam::210987654321:role/Web\nrole_session_name = pod-1\n`);
    const run = await runAwscreds(['export', '--profile', 'web'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const call = emulator.sts.requestsFor('AssumeRoleWithWebIdentity').at(-1);
    expect(call?.accessKeyId).toBeUndefined();
    expect(call?.params.WebIdentityToken).toBe('eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl');
    expect(parseBlock(run.stdout).AWS_ACCESS_KEY_ID).toBe(emulator.sts.issued.at(-1)?.accessKeyId);
    // A token STS does not accept: refused, nothing printed.
    writeFileSync(tokenFile, 'not-the-token');
    const bad = await runAwscreds(['export', '--profile', 'web', '--no-cache'], env);
    expect(bad.stdout).toBe('false\n');
    expect(bad.stderr).toContain('InvalidIdentityToken');
  });

  it('credential_process: split like a shell, run without one, its stderr passed on, its JSON validated; a role on top of it', async () => {
    const script = join(seeded.home, 'creds tool.js');
    writeFileSync(
      script,
      `process.stderr.write('tool: args ' + JSON.stringify(process.argv.slice(2)) + '\\n');\n` +
        `const mode = process.argv[2];\n` +
        `if (mode === 'fail') { process.stderr.write('tool: no session\\n'); process.exit(3); }\n` +
        `if (mode === 'hang') setInterval(() => {}, 1000);\n` +
        `else process.stdout.write(JSON.stringify(mode === 'v2' ? { Version: 2 } : { Version: 1, AccessKeyId: '${ACCESS_KEY_ID}', SecretAccessKey: '${SECRET_KEY}' }));\n`,
    );
    chmodSync(script, 0o755);
    const command = (mode: string): string => `"${process.execPath}" '${script}' ${mode} "two words"`;
    writeFileSync(
      seeded.configFile,
      `${readFileSync(seeded.configFile, 'utf8')}\n[profile proc]\ncredential_process = ${command('ok')}\nregion = us-west-2\n\n[profile procfail]\ncredential_process = ${command('fail')}\n\n` +
        `[profile procv2]\ncredential_process = ${command('v2')}\n\n[profile prochang]\ncredential_process = ${command('hang')}\n\n[profile fromproc]\nrole_arn = arn:aws:iam::210987654321:role/FromProc\nsource_profile = proc\n`,
    );
    const run = await runAwscreds(['export', '--profile', 'proc'], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('tool: args ["ok","two words"]\n');
    expect(parseBlock(run.stdout)).toMatchObject({ AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_REGION: 'us-west-2', AWSCREDS_PROFILE: 'proc' });

    const chained = await runAwscreds(['export', '--profile', 'fromproc'], env);
    expect(chained.status).toBe(0);
    expect(emulator.sts.issued.at(-1)).toMatchObject({ roleArn: 'arn:aws:iam::210987654321:role/FromProc', callerAccessKeyId: ACCESS_KEY_ID });

    const fail = await runAwscreds(['export', '--profile', 'procfail'], env);
    expect(fail.stdout).toBe('false\n');
    expect(fail.stderr).toContain('tool: no session');
    expect(fail.stderr).toContain('credential_process of profile "procfail"');
    expect(fail.stderr).toContain('exit status 3');
    const v2 = await runAwscreds(['export', '--profile', 'procv2'], env);
    expect(v2.stdout).toBe('false\n');
    expect(v2.stderr).toContain('unsupported Version 2 (supported: 1)');
    const hang = await runAwscreds(['export', '--profile', 'prochang'], { ...env, AWSCREDS_CREDENTIAL_PROCESS_TIMEOUT: '1' });
    expect(hang.stdout).toBe('false\n');
    expect(hang.stderr).toContain('did not finish within 1 s and was stopped');

    // A profile whose credential_process runs awscreds for itself ends with an error, not forever.
    writeFileSync(seeded.configFile, `${readFileSync(seeded.configFile, 'utf8')}\n[profile selfproc]\ncredential_process = "${process.execPath}" "${AWSCREDS_BIN}" process --profile selfproc\n`);
    const loop = await runAwscreds(['export', '--profile', 'selfproc'], env);
    expect(loop.stdout).toBe('false\n');
    expect(loop.stderr).toContain('runs awscreds for itself');
  });

  it('credential_source = Environment and EcsContainer, through the SDK\'s providers', async () => {
    const fromEnv = await runAwscreds(['export', '--profile', 'fromenv'], { ...env, AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_KEY });
    expect(fromEnv.stderr).toBe('');
    expect(fromEnv.status).toBe(0);
    expect(emulator.sts.issued.at(-1)).toMatchObject({ roleArn: 'arn:aws:iam::210987654321:role/FromEnv', callerAccessKeyId: ACCESS_KEY_ID });
    const noEnv = await runAwscreds(['export', '--profile', 'fromenv', '--no-cache'], env);
    expect(noEnv.stdout).toBe('false\n');
    expect(noEnv.stderr).toContain('No credentials found in credential_source Environment referenced in profile "fromenv"');

    // A container credentials endpoint, as ECS serves it.
    const ecsKey = { AccessKeyId: 'ASIAECSEXAMPLE000001', SecretAccessKey: 'ecsSecret/0123456789+abcdefghijklmnopqrs', Token: 'IQoJb3JpZ2luX2VjECSTOKEN==', Expiration: new Date(Date.now() + 3_600_000).toISOString() };
    emulator.sts.registerAccessKey({ accessKeyId: ecsKey.AccessKeyId, secretAccessKey: ecsKey.SecretAccessKey, sessionToken: ecsKey.Token, arn: 'arn:aws:sts::555555555555:assumed-role/TaskRole/task' });
    const ecs = http.createServer((req, res) => {
      res.writeHead(req.headers.authorization === 'task-auth' ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...ecsKey, RoleArn: 'arn:aws:iam::555555555555:role/TaskRole' }));
    });
    await new Promise<void>((resolve) => ecs.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(ecs.address() as AddressInfo).port}/creds`;
      const run = await runAwscreds(['export', '--profile', 'fromecs'], { ...env, AWS_CONTAINER_CREDENTIALS_FULL_URI: url, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'task-auth' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(emulator.sts.issued.at(-1)).toMatchObject({ roleArn: 'arn:aws:iam::210987654321:role/FromEcs', callerAccessKeyId: ecsKey.AccessKeyId });
    } finally {
      ecs.close();
    }
  });

  it('credential_source = Ec2InstanceMetadata, through the SDK\'s IMDSv2 client', async () => {
    const imdsKey = { AccessKeyId: 'ASIAIMDSEXAMPLE00001', SecretAccessKey: 'imdsSecret/0123456789+abcdefghijklmnopq', Token: 'IQoJb3JpZ2luX2VjIMDSTOKEN==' };
    emulator.sts.registerAccessKey({ accessKeyId: imdsKey.AccessKeyId, secretAccessKey: imdsKey.SecretAccessKey, sessionToken: imdsKey.Token, arn: 'arn:aws:sts::666666666666:assumed-role/InstanceRole/i-0123' });
    const imds = http.createServer((req, res) => {
      const send = (status: number, body: string): void => void res.writeHead(status).end(body);
      if (req.method === 'PUT' && req.url === '/latest/api/token') return send(200, 'imds-session-token');
      if (req.headers['x-aws-ec2-metadata-token'] !== 'imds-session-token') return send(401, '');
      if (req.url === '/latest/meta-data/iam/security-credentials/') return send(200, 'InstanceRole');
      if (req.url === '/latest/meta-data/iam/security-credentials/InstanceRole') {
        return send(200, JSON.stringify({ Code: 'Success', Type: 'AWS-HMAC', ...imdsKey, Expiration: new Date(Date.now() + 3_600_000).toISOString(), LastUpdated: new Date().toISOString() }));
      }
      return send(404, '');
    });
    await new Promise<void>((resolve) => imds.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(imds.address() as AddressInfo).port}`;
      const run = await runAwscreds(['export', '--profile', 'fromimds'], { ...env, AWS_EC2_METADATA_SERVICE_ENDPOINT: endpoint });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(emulator.sts.issued.at(-1)).toMatchObject({ roleArn: 'arn:aws:iam::210987654321:role/FromImds', callerAccessKeyId: imdsKey.AccessKeyId });
    } finally {
      imds.close();
    }
  });
});

describe('logout', () => {
  it('removes the cached role credentials of chains rooted in the sign-in, and leaves other chains alone', async () => {
    expect((await runAwscreds(['export', '--profile', 'deep'], env)).status).toBe(0);
    expect((await runAwscreds(['export', '--profile', 'fromkeys'], env)).status).toBe(0);
    const cacheDir = join(seeded.home, '.aws', 'cli', 'cache');
    const before = readdirSync(cacheDir);
    const run = await runAwscreds(['logout', '--profile', 'deep'], env);
    expect(run.status).toBe(0);
    const after = readdirSync(cacheDir);
    const kept = after.map((f) => JSON.parse(readFileSync(join(cacheDir, f), 'utf8')).Credentials.AccessKeyId);
    const fromKeys = emulator.sts.issued.filter((i) => i.roleArn.endsWith('role/FromKeys')).map((i) => i.accessKeyId);
    // Positive control: something was removed, and the keys-rooted chain's file is still there.
    expect(after.length).toBeLessThan(before.length);
    expect(kept.some((k) => fromKeys.includes(k))).toBe(true);
    const sessionRooted = emulator.sts.issued.filter((i) => /role\/(Admin|Deep)$/.test(i.roleArn)).map((i) => i.accessKeyId);
    expect(kept.filter((k) => sessionRooted.includes(k))).toEqual([]);
    expect(existsSync(seeded.sessionToken?.file as string)).toBe(false);
  });
});

// Same identity as `aws --profile X`: the two tools share one cache, so a role is assumed once.
const AWS_CLI = '/usr/bin/aws';
const withAwsCli = needing('roleProfiles: the assume-role cache shared with the AWS CLI', NEEDS.awsCli);
withAwsCli.describe('the assume-role cache is shared with the AWS CLI, both ways', () => {
  // Debian's AWS CLI 2.9 cannot chain from an sso_session profile (its own bug): a legacy root.
  const profiles = `
[profile cli-first]
role_arn = arn:aws:iam::210987654321:role/CliFirst
source_profile = legacy
role_session_name = shared-session
external_id = ext-42
duration_seconds = 1800
region = eu-west-1

[profile ours-first]
role_arn = arn:aws:iam::210987654321:role/OursFirst
source_profile = legacy
`;
  let cliEnv: Record<string, string>;
  beforeAll(async () => {
    writeFileSync(seeded.configFile, `${readFileSync(seeded.configFile, 'utf8')}\n${profiles}`);
    const { createAwsCliDataPath } = await import('../helpers/awsCliDataPath');
    const data = createAwsCliDataPath(emulator.url, seeded.home);
    cliEnv = { ...env, ...data.env, AWS_EC2_METADATA_DISABLED: 'true' };
  });
  const callerIdentity = async (args: string[], extra: Record<string, string> = {}): Promise<{ Arn: string }> => {
    const run = await runProcess(AWS_CLI, ['sts', 'get-caller-identity', ...args], { ...cliEnv, ...extra });
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as { Arn: string };
  };

  it('awscreds reuses what the AWS CLI cached (role_session_name, external_id, duration_seconds in the key)', async () => {
    const viaCli = await callerIdentity(['--profile', 'cli-first']);
    const cached = emulator.sts.issued.filter((i) => i.roleArn.endsWith('role/CliFirst'));
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatchObject({ roleSessionName: 'shared-session', externalId: 'ext-42', durationSeconds: 1800 });
    const run = await runAwscreds(['export', '--profile', 'cli-first'], cliEnv);
    expect(run.status).toBe(0);
    expect(emulator.sts.issued.filter((i) => i.roleArn.endsWith('role/CliFirst'))).toHaveLength(1); // not assumed again
    const vars = parseBlock(run.stdout);
    expect(vars.AWS_ACCESS_KEY_ID).toBe(cached[0]?.accessKeyId);
    // The same identity as `aws --profile cli-first`.
    const viaExport = await callerIdentity([], { AWS_ACCESS_KEY_ID: vars.AWS_ACCESS_KEY_ID as string, AWS_SECRET_ACCESS_KEY: vars.AWS_SECRET_ACCESS_KEY as string, AWS_SESSION_TOKEN: vars.AWS_SESSION_TOKEN as string });
    expect(viaExport.Arn).toBe(viaCli.Arn);
  }, 60_000);

  it('the AWS CLI reuses what awscreds cached, and the two files have the same layout', async () => {
    const run = await runAwscreds(['export', '--profile', 'ours-first'], cliEnv);
    expect(run.status).toBe(0);
    const ours = emulator.sts.issued.filter((i) => i.roleArn.endsWith('role/OursFirst'));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.roleSessionName).toMatch(/^botocore-session-\d+$/);
    emulator.sts.requests.length = 0;
    const viaCli = await callerIdentity(['--profile', 'ours-first']);
    expect(emulator.sts.requestsFor('AssumeRole')).toHaveLength(0);
    expect(emulator.sts.requestsFor('GetCallerIdentity')[0]?.accessKeyId).toBe(ours[0]?.accessKeyId);
    expect(viaCli.Arn).toContain('assumed-role/OursFirst/botocore-session-');

    // Same layout, byte for byte once the values are blanked: key order, separators, date format.
    const cacheDir = join(seeded.home, '.aws', 'cli', 'cache');
    const fileOf = (keyId: string | undefined): string => {
      const name = readdirSync(cacheDir).find((f) => readFileSync(join(cacheDir, f), 'utf8').includes(`"AccessKeyId": "${keyId}"`));
      return readFileSync(join(cacheDir, name as string), 'utf8');
    };
    const shape = (text: string): string =>
      text
        .replace(/"HTTPHeaders": \{[^}]*\}/, '"HTTPHeaders": {}')
        .replace(/"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\+00:00"/g, '"DATE+00:00"')
        .replace(/: "[^"]*"/g, ': "…"')
        .replace(/: \d+/g, ': N');
    const cliWritten = fileOf(emulator.sts.issued.find((i) => i.roleArn.endsWith('role/CliFirst'))?.accessKeyId);
    const oursWritten = fileOf(ours[0]?.accessKeyId);
    expect(shape(oursWritten)).toBe(shape(cliWritten));
    expect(oursWritten).toMatch(/"Expiration": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"/);
  }, 60_000);
});
