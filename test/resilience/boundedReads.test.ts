import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { getAssumeRoleCacheFilepath, getClientRegistrationCacheFilepath } from '../../src/awsCliCache/cachePaths';
import { MAX_CACHE_FILE_BYTES, MAX_CONFIG_FILE_BYTES, MAX_SCRIPT_FILE_BYTES } from '../../src/runtime/files';
import { CODE_CACHE_SIZE_CAP } from '../../src/codeCache';
import { emulatedHomeForEachTest, type EmulatedHome } from '../commands/commandsTestSetup';
import { SEED_SCOPES, SEED_SESSION_NAME, SEED_SSO_REGION, SEED_START_URL } from '../emulator/seedHome';
import { AWSCREDS_BIN } from '../helpers/runAwscreds';
import { CORP_TOKEN_FILE, DEV_ROLE_CACHE, roleCacheDir, ssoCacheDir } from './resilienceSetup';

// Every path awscreds reads, and at each a FIFO, a symlink to /dev/zero, a directory and a file
// over its size cap (sparse: no disk used), with the real built CLI (dist/awscreds.cjs) against
// a temp HOME and the emulator. Each case must end (a 30 s kill is the failure, never a timed
// assertion), not as an internal error (exit 1), and within 50 MiB of the resident memory of the
// same command run normally (/usr/bin/time -v's maximum RSS). Set AWSCREDS_READS_REPORT=FILE to
// write the measured table there.

const home = emulatedHomeForEachTest();
const GUARD_MS = 30_000;
const RSS_SLACK_KB = 50 * 1024;
const ROLE_ARN = 'arn:aws:iam::210987654321:role/Chain';
const WEB_ROLE_ARN = 'arn:aws:iam::210987654321:role/Web';

interface Measured {
  status: number | null;
  stderr: string;
  killedByGuard: boolean;
  seconds: number;
  maxRssKb: number;
}

/** Runs the built CLI (of `bin`) under /usr/bin/time, its measurements in a file of their own; `approve` plays the user of a device-code sign-in. */
function measure(args: readonly string[], env: Record<string, string>, { bin = AWSCREDS_BIN, approve = false } = {}): Promise<Measured> {
  const out = join(mkdtempSync(join(tmpdir(), 'awscreds-time-')), 'time');
  return new Promise((resolve, reject) => {
    // A process group of its own, so that the guard kills awscreds, not only /usr/bin/time.
    const child = spawn('/usr/bin/time', ['-f', '%e %M', '-o', out, process.execPath, bin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    let killedByGuard = false;
    let approved = false;
    const guard = setTimeout(() => {
      killedByGuard = true;
      process.kill(-(child.pid as number), 'SIGKILL');
    }, GUARD_MS);
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      const code = /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(stderr)?.[1];
      if (approve && !approved && code) {
        approved = true;
        home.emulator.approveDeviceCode(code);
      }
    });
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(guard);
      const [seconds, rss] = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').at(-1)?.split(' ') ?? [] : [];
      rmSync(join(out, '..'), { recursive: true, force: true });
      resolve({ status, stderr, killedByGuard, seconds: Number(seconds), maxRssKb: Number(rss) });
    });
    child.stdin.end('');
  });
}

/** A copy of the package (dist/, shell/, package.json; node_modules linked) whose assets a case may break. */
let packageCopy: string;
beforeAll(() => {
  packageCopy = mkdtempSync(join(tmpdir(), 'awscreds-package-'));
  const root = join(__dirname, '..', '..');
  for (const part of ['dist', 'shell', 'package.json']) cpSync(join(root, part), join(packageCopy, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(packageCopy, 'node_modules'));
});
afterAll(() => rmSync(packageCopy, { recursive: true, force: true }));

interface Row {
  /** What the path is, for the test's name. */
  readonly name: string;
  readonly args: readonly string[];
  /** The path the case replaces (after the normal run). */
  path(h: EmulatedHome): string;
  /** The reader's size cap: the oversized case is one byte more. */
  readonly cap: number;
  /** Before the normal run: config and files the row needs. */
  setup?(h: EmulatedHome): void;
  /** After the normal run, before the case: what makes the command read the path again. */
  again?(h: EmulatedHome): void;
  readonly packageCopy?: boolean;
  readonly approve?: boolean;
  /** Extra environment, and what stderr shows when the case was really read (a silent reader's report). */
  readonly env?: Record<string, string>;
  readonly readShows?: RegExp;
}

const privateCache = (h: EmulatedHome): string => join(h.seeded.home, '.cache', 'awscreds');
const roleCache = (h: EmulatedHome): string => join(roleCacheDir(h.seeded.home), DEV_ROLE_CACHE);
const dropRoleCache = (h: EmulatedHome): void => rmSync(roleCache(h), { force: true });
const webTokenFile = (h: EmulatedHome): string => join(h.seeded.home, 'web-identity-token');

const ROWS: Row[] = [
  { name: '~/.aws/config (AWS_CONFIG_FILE)', args: ['export', '--profile', 'dev'], path: (h) => h.seeded.configFile, cap: MAX_CONFIG_FILE_BYTES },
  { name: '~/.aws/credentials', args: ['export', '--profile', 'dev'], path: (h) => h.seeded.credentialsFile, cap: MAX_CONFIG_FILE_BYTES },
  { name: 'SSO token cache', args: ['export', '--profile', 'dev', '--no-login'], path: (h) => join(ssoCacheDir(h.seeded.home), CORP_TOKEN_FILE), cap: MAX_CACHE_FILE_BYTES, again: dropRoleCache },
  {
    name: 'client registration cache',
    args: ['login', '--profile', 'dev', '--use-device-code', '--no-browser'],
    path: (h) => getClientRegistrationCacheFilepath(h.seeded.home, { ssoRegion: SEED_SSO_REGION, startUrl: SEED_START_URL, scopes: SEED_SCOPES, sessionName: SEED_SESSION_NAME }),
    cap: MAX_CACHE_FILE_BYTES,
    approve: true,
  },
  { name: 'role credentials cache', args: ['export', '--profile', 'dev'], path: roleCache, cap: MAX_CACHE_FILE_BYTES },
  {
    name: 'assume-role cache (role chain)',
    args: ['export', '--profile', 'chain'],
    setup: (h) => appendFileSync(h.seeded.configFile, `\n[profile chain]\nrole_arn = ${ROLE_ARN}\nsource_profile = dev\n`),
    path: (h) => getAssumeRoleCacheFilepath(h.seeded.home, { RoleArn: ROLE_ARN }),
    cap: MAX_CACHE_FILE_BYTES,
  },
  {
    name: 'web_identity_token_file',
    args: ['export', '--profile', 'web', '--no-cache'],
    setup: (h) => {
      writeFileSync(webTokenFile(h), 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl');
      appendFileSync(h.seeded.configFile, `\n[profile web]\nweb_identity_token_file = ${webTokenFile(h)}\nrole_arn = ${WEB_ROLE_ARN}\n`);
    },
    path: webTokenFile,
    cap: MAX_CACHE_FILE_BYTES,
  },
  { name: 'remembered config (private cache)', args: ['export', '--profile', 'dev'], path: (h) => join(privateCache(h), 'config-profile.json'), cap: 4 * 1024 * 1024 },
  {
    name: 'V8 code cache (private cache)',
    args: ['export', '--profile', 'dev'],
    path: (h) => join(privateCache(h), readdirSync(privateCache(h)).find((n) => /^v8-.*\.bin$/.test(n)) ?? 'no-code-cache-written'),
    cap: CODE_CACHE_SIZE_CAP,
    env: { AWSCREDS_CODE_CACHE_REPORT: '1' },
    readShows: /code cache untrusted file: (not a regular file|a symbolic link|larger than)/,
  },
  { name: 'failure record beside the role lock', args: ['export', '--profile', 'dev'], path: (h) => `${roleCache(h)}.lock.failed`, cap: 4096, again: dropRoleCache },
  { name: 'role credentials lock', args: ['export', '--profile', 'dev'], path: (h) => `${roleCache(h)}.lock`, cap: 4096, again: dropRoleCache },
  { name: 'rc file (~/.bashrc)', args: ['hook', 'install', '--shell', 'bash'], setup: (h) => writeFileSync(join(h.seeded.home, '.bashrc'), '# mine\n'), path: (h) => join(h.seeded.home, '.bashrc'), cap: MAX_SCRIPT_FILE_BYTES },
  { name: 'hook asset (shell/hook.bash)', args: ['hook', 'bash'], path: () => join(packageCopy, 'shell', 'hook.bash'), cap: MAX_SCRIPT_FILE_BYTES, packageCopy: true },
  { name: 'completion asset (shell/completion.bash)', args: ['completion', 'bash'], path: () => join(packageCopy, 'shell', 'completion.bash'), cap: MAX_SCRIPT_FILE_BYTES, packageCopy: true },
];

const CASES: Array<[string, (path: string, cap: number) => void]> = [
  ['a FIFO', (path) => void execFileSync('mkfifo', ['-m', '600', path])],
  ['a symlink to /dev/zero', (path) => symlinkSync('/dev/zero', path)],
  ['a directory', (path) => mkdirSync(path, { mode: 0o700 })],
  ['a file one byte over the cap', (path, cap) => (writeFileSync(path, '', { mode: 0o600 }), truncateSync(path, cap + 1))],
];

const measured: string[] = [];
afterAll(() => {
  const report = process.env.AWSCREDS_READS_REPORT;
  if (report) writeFileSync(report, `${measured.join('\n')}\n`);
});

describe.each(ROWS)('$name', (row) => {
  it.each(CASES)('%s: ends, without an internal error, within 50 MiB of a normal run', async (label, make) => {
    const h = home;
    const env = { ...h.env, XDG_CACHE_HOME: join(h.seeded.home, '.cache'), ...row.env };
    const bin = row.packageCopy ? join(packageCopy, 'dist', 'awscreds.cjs') : AWSCREDS_BIN;
    row.setup?.(h);
    const normal = await measure(row.args, env, { bin, approve: row.approve === true });
    expect({ path: row.name, normal: normal.status, stderr: normal.stderr }).toEqual({ path: row.name, normal: 0, stderr: expect.any(String) });
    row.again?.(h);
    const path = row.path(h);
    const original = existsSync(path) ? readFileSync(path) : undefined;
    rmSync(path, { force: true, recursive: true });
    make(path, row.cap);
    let run: Measured;
    try {
      run = await measure(row.args, env, { bin, approve: row.approve === true });
    } finally {
      rmSync(path, { force: true, recursive: true });
      if (row.packageCopy && original) writeFileSync(path, original);
    }
    measured.push(`${row.name} | ${label} | exit ${run.status} | ${run.seconds.toFixed(2)} s | ${(run.maxRssKb / 1024).toFixed(1)} MiB (normal ${(normal.maxRssKb / 1024).toFixed(1)} MiB, ${normal.seconds.toFixed(2)} s)`);
    // The row and case name every failure.
    if (row.readShows) expect({ path: row.name, case: label, stderr: run.stderr }).toEqual({ path: row.name, case: label, stderr: expect.stringMatching(row.readShows) });
    expect({ path: row.name, case: label, killedByGuard: run.killedByGuard }).toEqual({ path: row.name, case: label, killedByGuard: false });
    expect({ path: row.name, case: label, status: run.status, internalError: run.status === 1 ? run.stderr : undefined }).toEqual({
      path: row.name,
      case: label,
      status: expect.any(Number),
      internalError: undefined,
    });
    expect({ path: row.name, case: label, rssOverNormalKb: run.maxRssKb - normal.maxRssKb <= RSS_SLACK_KB ? 'within 50 MiB' : run.maxRssKb - normal.maxRssKb }).toEqual({
      path: row.name,
      case: label,
      rssOverNormalKb: 'within 50 MiB',
    });
  }, 90_000);
});
