import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatedHomeForEachTest } from '../commands/commandsTestSetup';
import { NEEDS, needing } from '../helpers/needs';
import { AWSCREDS_BIN, runProcess } from '../helpers/runAwscreds';

// awscreds reads ~/.aws/config and ~/.aws/credentials itself, bounded and regular files only
// (src/runtime/regularFile.ts opens with O_NONBLOCK). The SDK clients would read both again,
// unbounded, for settings of the default profile (defaults mode, FIPS, retry mode, endpoint_url…)
// unless each is given (pinnedClientSettings in src/runtime/network.ts). Traced with strace over
// a cold export that calls all three services: OIDC (token refresh), SSO and STS (a role chain).

const home = emulatedHomeForEachTest();
const maybe = needing('sdkReadsNoSharedFile', NEEDS.strace).test;

/** The opens of the shared files in an strace of `awscreds ARGS`: awscreds' own (O_NONBLOCK), and any other. */
async function opensOfSharedFiles(args: readonly string[]): Promise<{ stderr: string; status: number | null; ours: string[]; others: string[] }> {
  const work = mkdtempSync(join(tmpdir(), 'awscreds-sdkreads-'));
  try {
    const trace = join(work, 'trace');
    const run = await runProcess('strace', ['-f', '-qq', '-e', 'trace=open,openat', '-o', trace, process.execPath, AWSCREDS_BIN, ...args], { ...home.env, SHELL: '/bin/bash' }, '', { guardMs: 60_000 });
    const opens = readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes(`"${home.seeded.configFile}"`) || line.includes(`"${home.seeded.credentialsFile}"`));
    return { stderr: run.stderr, status: run.status, ours: opens.filter((line) => line.includes('O_NONBLOCK')), others: opens.filter((line) => !line.includes('O_NONBLOCK')) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

maybe('a cold export through OIDC, SSO and STS (signed) opens the shared files only through awscreds\' bounded reader', async () => {
  home.reseed({ tokenExpiresInSeconds: 600 }); // within the refresh window: CreateToken is called
  appendFileSync(home.seeded.configFile, '\n[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/Admin\nsource_profile = dev\n');
  const traced = await opensOfSharedFiles(['export', '--profile', 'admin', '--no-cache']);
  expect(traced.stderr).toBe('awscreds: refreshed the SSO token for sso-session "corp".\n');
  expect(traced.status).toBe(0);
  expect(home.emulator.requestsFor('CreateToken').length).toBeGreaterThan(0);
  expect(home.emulator.requestsFor('GetRoleCredentials').length).toBeGreaterThan(0);
  expect(home.emulator.sts.requestsFor('AssumeRole').length).toBeGreaterThan(0);
  expect(traced.ours.length).toBeGreaterThan(0); // positive control: awscreds' own reads are traced
  expect(traced.others).toEqual([]);
}, 90_000);

maybe('a web identity export (STS unsigned) too', async () => {
  const token = join(home.seeded.home, 'web-token');
  writeFileSync(token, 'eyJhbGciOiJSUzI1NiJ9.web.identity');
  appendFileSync(home.seeded.configFile, `\n[profile web]\nweb_identity_token_file = ${token}\nrole_arn = arn:aws:iam::210987654321:role/Web\n`);
  const traced = await opensOfSharedFiles(['export', '--profile', 'web', '--no-cache']);
  expect(traced.stderr).toBe('');
  expect(traced.status).toBe(0);
  expect(home.emulator.sts.requestsFor('AssumeRoleWithWebIdentity').length).toBeGreaterThan(0);
  expect(traced.ours.length).toBeGreaterThan(0);
  expect(traced.others).toEqual([]);
}, 90_000);
