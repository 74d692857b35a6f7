import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GUARD_PASS_THROUGH } from '../../src/states/credentialStates';
import { guardPassesThrough } from '../../src/states/guardPassThrough';
import { NEEDS, needing } from '../helpers/needs';

// "As the AWS CLI does", checked against the real one (Debian's AWS CLI v2 at /usr/bin/aws):
// every `aws` invocation the guards let through signs no request with the environment's keys,
// while the ones they judge do. The invocations come from the table (GUARD_PASS_THROUGH.aws:
// one or more for every word of every list) and from commands that sign, so a word added to
// the table, or a rule that lets more through, meets the real CLI. The environment holds a
// complete set (as an expired set is, to the CLI); every request goes to a local endpoint that
// records its Authorization header.
const AWS = '/usr/bin/aws';
const maybe = needing('guardPassThroughAwsCli', NEEDS.awsCli).test;

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

// A command that signs with the environment's keys, to put after a word that passes, or to
// probe whether the rule lets it through.
const SIGNS = ['sts', 'get-caller-identity'];

/** Invocations for every word of the aws rule, each of which the rule must let through. */
function fromTheTable(): string[][] {
  const rule = GUARD_PASS_THROUGH.aws;
  return [
    ...rule.anywhere.flatMap((word) => [[word], [...SIGNS, word], [word, ...SIGNS]]),
    ...rule.last.map((word) => [...SIGNS, word]),
    ...rule.first.flatMap((word) => [[word], ['--output', 'json', word, 'list']]),
    ...rule.firstTwo.map((pair) => pair.split(' ')),
    ...rule.profileOptions.flatMap((option) => [[option, 'dev', ...SIGNS], [...SIGNS, `${option}=dev`]]),
  ];
}

/** Invocations that sign: the rule must judge them (a rule that lets one through fails below). */
const PROBES: ReadonlyArray<readonly string[]> = [SIGNS, ['s3', 'ls'], ['s3api', 'list-buckets'], ['--region', 'help', ...SIGNS], ['iam', 'list-users', '--output', 'json'], ['ec2', 'describe-regions']];

test('every word of the table yields an invocation the rule lets through (so the check below covers the table)', () => {
  const rows = fromTheTable();
  expect(rows.length).toBeGreaterThanOrEqual(10);
  for (const args of rows) expect([args, guardPassesThrough('aws', ['--endpoint-url', 'http://127.0.0.1:1', ...args])]).toEqual([args, true]);
});

maybe('what the guards let through signs nothing with the environment\'s keys (the table\'s words, and any probe the rule lets through)', async () => {
  const passed = [...fromTheTable(), ...PROBES].filter((args) => guardPassesThrough('aws', ['--endpoint-url', endpoint, ...args]));
  for (const args of passed) expect([args, (await signedBy(args)).filter((who) => who === 'environment')]).toEqual([args, []]);
}, 600_000);

maybe('positive controls: every probe signs with the environment\'s keys; with --profile, with the profile\'s', async () => {
  for (const args of PROBES) expect([args, (await signedBy(args)).includes('environment')]).toEqual([args, true]);
  // The premise of letting --profile through: the CLI signs with the profile, not the environment.
  expect(await signedBy(['--profile', 'dev', 'sts', 'get-caller-identity'])).toEqual(expect.arrayContaining(['profile']));
  expect(await signedBy(['sts', 'get-caller-identity', '--profile=dev'])).not.toContain('environment');
}, 120_000);
