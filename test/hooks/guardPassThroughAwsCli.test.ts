import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guardPassesThrough } from '../../src/states/guardPassThrough';

// "As the AWS CLI does", checked against the real one (Debian's AWS CLI v2 at /usr/bin/aws):
// every `aws` invocation the guards let through signs no request with the environment's keys,
// while the ones they judge do. The environment holds a complete set (as an expired set is,
// to the CLI); every request goes to a local endpoint that records its Authorization header.
const AWS = '/usr/bin/aws';
const maybe = existsSync(AWS) ? test : test.skip;
if (!existsSync(AWS)) console.warn(`${AWS} is not installed: the AWS CLI cross-check is skipped.`);

const ENV_KEY = 'AKIAENVIRONMENT00001';
const PROFILE_KEY = 'AKIAPROFILEKEY000001';

let dir: string;
let server: Server;
let endpoint: string;
const seen: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'awscreds-awscli-'));
  writeFileSync(join(dir, 'config'), `[profile dev]\naws_access_key_id = ${PROFILE_KEY}\naws_secret_access_key = profileSecret\nregion = us-east-1\n`);
  server = createServer((request, response) => {
    seen.push(request.headers.authorization ?? '(unsigned)');
    request.resume();
    request.on('end', () => {
      response.writeHead(403, { 'content-type': 'text/xml' });
      response.end('<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>test endpoint</Message></Error></ErrorResponse>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the real AWS CLI (no terminal, pager off) and returns the Authorization headers it sent. */
async function signedBy(args: readonly string[]): Promise<string[]> {
  const from = seen.length;
  const child = spawn(AWS, ['--endpoint-url', endpoint, ...args], {
    env: {
      PATH: '/usr/bin:/bin', HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: 'environmentSecret', AWS_PAGER: '', PAGER: 'cat', MANPAGER: 'cat', AWS_MAX_ATTEMPTS: '1',
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return seen.slice(from).map((header) => (header.includes(`Credential=${ENV_KEY}/`) ? 'environment' : header.includes(`Credential=${PROFILE_KEY}/`) ? 'profile' : header));
}

// The guard's cases for aws that a script can run (no prompt for input, no browser).
const LET_THROUGH: ReadonlyArray<readonly string[]> = [
  ['--version'],
  ['s3', 'ls', '--version'],
  ['help'],
  ['sts', 'get-caller-identity', 'help'],
  ['configure', 'list'],
  ['configure', 'get', 'region'],
  ['sso', 'logout'],
  ['--profile', 'dev', 'sts', 'get-caller-identity'],
  ['sts', 'get-caller-identity', '--profile=dev'],
];

maybe('what the guards let through signs nothing with the environment\'s keys', async () => {
  for (const args of LET_THROUGH) {
    expect([args, guardPassesThrough('aws', ['--endpoint-url', endpoint, ...args])]).toEqual([args, true]);
    expect([args, (await signedBy(args)).filter((who) => who === 'environment')]).toEqual([args, []]);
  }
}, 300_000);

maybe('positive controls: a judged request is signed with the environment\'s keys; with --profile, with the profile\'s', async () => {
  expect(guardPassesThrough('aws', ['--endpoint-url', endpoint, 'sts', 'get-caller-identity'])).toBe(false);
  expect(await signedBy(['sts', 'get-caller-identity'])).toContain('environment');
  // The premise of letting --profile through: the CLI signs with the profile, not the environment.
  expect(await signedBy(['--profile', 'dev', 'sts', 'get-caller-identity'])).toEqual(expect.arrayContaining(['profile']));
  expect(await signedBy(['sts', 'get-caller-identity', '--profile=dev'])).not.toContain('environment');
}, 120_000);
