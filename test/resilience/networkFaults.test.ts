import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { NETWORK_POLICY } from '../../src/runtime/network';
import { emulatedHomeForEachTest } from '../commands/commandsTestSetup';
import { runAwscredsGuarded } from './resilienceSetup';

// Every network call bounded: the emulator hangs, drops connections, answers 500 and 429, or is
// not there at all, and awscreds (real SDK clients, as built) must end with a message naming
// the endpoint. No timed assertion: the guard only stops a child that would never end.

const home = emulatedHomeForEachTest();

const GUARD_MS = 40_000; // above the 20 s bound; firing it fails the test

const exportDev = (extra: Record<string, string> = {}) => runAwscredsGuarded(['export', '--profile', 'dev'], { ...home.env, ...extra }, GUARD_MS);

it('a hung GetRoleCredentials fails, naming the endpoint, after a bounded number of attempts', async () => {
  home.emulator.disruptNext('GetRoleCredentials', { kind: 'hang', times: 10 });
  const run = await exportDev();
  expect(run.killedByGuard).toBe(false);
  expect(run.status).toBe(EXIT_CODES.SERVICE.code);
  expect(run.stdout).toBe('false\n');
  expect(run.stderr).toContain('no response in time');
  expect(run.stderr).toContain(`endpoint ${home.emulator.url}`);
  const attempts = home.emulator.requestsFor('GetRoleCredentials').length;
  expect(attempts).toBeGreaterThanOrEqual(1);
  expect(attempts).toBeLessThan(NETWORK_POLICY.maxAttempts + 1);
}, 60_000);

it('a hung token refresh fails the refresh, and the export goes on with the still-valid token', async () => {
  home.reseed({ tokenExpiresInSeconds: 600 });
  home.emulator.disruptNext('CreateToken', { kind: 'hang', times: 10 });
  const run = await exportDev();
  expect(run.killedByGuard).toBe(false);
  expect(run.status).toBe(0);
  expect(run.stderr).toContain('refreshing the SSO token failed (no response in time');
  expect(run.stderr).toContain(`endpoint ${home.emulator.url}`);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
}, 60_000);

it('a refused connection fails at once: one attempt, and the message names the endpoint', async () => {
  const closed = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const endpoint = `http://127.0.0.1:${closed}`;
  const run = await exportDev({ AWS_ENDPOINT_URL_SSO: endpoint });
  expect(run.killedByGuard).toBe(false);
  expect(run.status).toBe(EXIT_CODES.SERVICE.code);
  expect(run.stderr).toContain('connection refused');
  expect(run.stderr).toContain(`endpoint ${endpoint}`);
  expect(run.stderr).not.toContain('attempts'); // a single attempt: no count shown
}, 60_000);

it.each([
  ['500', { errorType: 'InternalServerException', status: 500 }],
  ['429', { errorType: 'TooManyRequestsException', status: 429 }],
])('a %s is retried with backoff, and the export succeeds once the service recovers', async (_label, fault) => {
  home.emulator.failNext('GetRoleCredentials', { ...fault, times: NETWORK_POLICY.maxAttempts - 1 });
  const run = await exportDev();
  expect(run.status).toBe(0);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(NETWORK_POLICY.maxAttempts);
  expect(run.stdout).toContain(home.emulator.issuedRoleCredentials[0]?.accessKeyId);
}, 60_000);

it('500s that do not stop are tried a bounded number of times, and the message says how many', async () => {
  home.emulator.failNext('GetRoleCredentials', { errorType: 'InternalServerException', status: 500, times: 50 });
  const run = await exportDev();
  expect(run.status).toBe(EXIT_CODES.SERVICE.code);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(NETWORK_POLICY.maxAttempts);
  expect(run.stderr).toContain(`${NETWORK_POLICY.maxAttempts} attempts`);
  expect(run.stderr).toContain(`endpoint ${home.emulator.url}`);
}, 60_000);

it('a dropped connection is retried', async () => {
  home.emulator.disruptNext('GetRoleCredentials', { kind: 'close' });
  const run = await exportDev();
  expect(run.status).toBe(0);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(2);
}, 60_000);

it.each([
  ['400', { errorType: 'InvalidRequestException', status: 400 }, EXIT_CODES.SERVICE.code],
  ['403', { errorType: 'ForbiddenException', status: 403 }, EXIT_CODES.CONFIG.code],
  ['401', { errorType: 'UnauthorizedException', status: 401 }, EXIT_CODES.NOT_SIGNED_IN.code],
])('a %s is never retried', async (_label, fault, code) => {
  home.emulator.failNext('GetRoleCredentials', { ...fault, times: 5 });
  const run = await exportDev();
  expect(run.status).toBe(code);
  expect(home.emulator.requestsFor('GetRoleCredentials')).toHaveLength(1);
}, 60_000);

// STS too: a role chain's AssumeRole that never answers ends within the same bound.
it('a hung AssumeRole fails, naming the endpoint, after a bounded number of attempts', async () => {
  appendFileSync(home.seeded.configFile, '\n[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/Admin\nsource_profile = dev\n');
  home.emulator.sts.hangNext('AssumeRole', 10);
  const run = await runAwscredsGuarded(['export', '--profile', 'admin'], home.env, GUARD_MS);
  expect(run.killedByGuard).toBe(false);
  expect(run.status).toBe(EXIT_CODES.SERVICE.code);
  expect(run.stdout).toBe('false\n');
  expect(run.stderr).toContain('no response in time');
  expect(run.stderr).toContain(`endpoint ${home.emulator.url}`);
  const attempts = home.emulator.sts.requestsFor('AssumeRole').length;
  expect(attempts).toBeGreaterThanOrEqual(1);
  expect(attempts).toBeLessThan(NETWORK_POLICY.maxAttempts + 1);
}, 60_000);
