import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { registrationCacheKey, pythonJsonDumps } from './awsCliCacheFormat';
import { SeededHome, childEnv, seedSignedInHome } from './seedHome';
import { SsoEmulator, startSsoEmulator } from './ssoEmulator';

const SESSION_FILE = 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json'; // sha1("corp"), from Python's hashlib
const LEGACY_FILE = '7487b5b67d5fa1132cf33fa93ae51ef38cc37752.json'; // sha1(start URL)
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

let emulator: SsoEmulator;
const homes: SeededHome[] = [];

beforeAll(async () => {
  emulator = await startSsoEmulator();
});
afterAll(async () => {
  for (const h of homes) h.cleanup();
  await emulator.stop();
});

function seed(opts: Parameters<typeof seedSignedInHome>[1] = {}): SeededHome {
  const seeded = seedSignedInHome(emulator, opts);
  homes.push(seeded);
  return seeded;
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function getJson(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

describe('awsCliCacheFormat', () => {
  test('registration cache keys match botocore (checked with Python json.dumps(sort_keys=True))', () => {
    const startUrl = 'https://d-1234567890.awsapps.com/start';
    expect(registrationCacheKey({ region: 'us-east-1', startUrl, scopes: ['sso:account:access'], sessionName: 'corp' })).toBe(
      'bc8a1afdb0f5cdc2c789b8a6cd51898e2be3c37c',
    );
    expect(registrationCacheKey({ region: 'us-east-1', startUrl })).toBe('365414a68be7c9bfc776c660981dbdbd942acea4');
    expect(pythonJsonDumps({ b: [1, 'é'], a: null }, true)).toBe('{"a": null, "b": [1, "\\u00e9"]}');
  });
});

describe('seedSignedInHome', () => {
  test('writes the config and an AWS CLI token cache file for the corp session', async () => {
    const seeded = seed();
    expect(Object.keys(seeded.env).sort()).toEqual([
      'AWS_CONFIG_FILE',
      'AWS_ENDPOINT_URL_SIGNIN',
      'AWS_ENDPOINT_URL_SSO',
      'AWS_ENDPOINT_URL_SSO_OIDC',
      'AWS_ENDPOINT_URL_STS',
      'AWS_SHARED_CREDENTIALS_FILE',
      'HOME',
    ]);
    expect(seeded.env.HOME).toBe(seeded.home);
    expect(seeded.env.AWS_CONFIG_FILE).toBe(join(seeded.home, '.aws', 'config'));
    expect(seeded.env.AWS_SHARED_CREDENTIALS_FILE?.startsWith(seeded.home)).toBe(true);
    expect(seeded.env.AWS_ENDPOINT_URL_SSO).toBe(emulator.url);
    expect(seeded.env.AWS_ENDPOINT_URL_SSO_OIDC).toBe(emulator.url);
    expect(seeded.env.AWS_ENDPOINT_URL_STS).toBe(emulator.url);
    expect(seeded.env.AWS_ENDPOINT_URL_SIGNIN).toBe(emulator.url);

    expect(mode(seeded.home)).toBe(0o700);
    expect(mode(seeded.cacheDir)).toBe(0o700);
    expect(mode(seeded.configFile)).toBe(0o600);
    const config = readFileSync(seeded.configFile, 'utf8');
    expect(config).toContain('[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n');
    expect(config).toContain(
      '[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n',
    );
    expect(config).toContain('[profile legacy]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n');
    expect(config).toContain('sso_role_name = ReadOnly');

    expect(readdirSync(seeded.cacheDir)).toEqual([SESSION_FILE]);
    const file = join(seeded.cacheDir, SESSION_FILE);
    expect(mode(file)).toBe(0o600);
    const raw = readFileSync(file, 'utf8');
    const parsed = JSON.parse(raw) as Record<string, string>;
    expect(Object.keys(parsed)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ]);
    // Python's json.dumps separators, as the AWS CLI writes it.
    expect(raw).toBe(pythonJsonDumps(parsed));
    expect(raw.startsWith('{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "')).toBe(true);
    expect(parsed.expiresAt).toMatch(TIMESTAMP);
    expect(parsed.registrationExpiresAt).toMatch(TIMESTAMP);
    expect(Date.parse(parsed.expiresAt ?? '')).toBeGreaterThan(Date.now() + 3500_000);

    expect(emulator.describeAccessToken(parsed.accessToken ?? '')?.valid).toBe(true);
    expect(emulator.getClient(parsed.clientId ?? '')?.grantTypes).toEqual(['authorization_code', 'refresh_token']);

    // The seeded token works against the portal.
    const res = await getJson(`${emulator.url}/assignment/accounts`, { 'x-amz-sso_bearer_token': parsed.accessToken ?? '' });
    expect(res.status).toBe(200);
  });

  test('expired, legacy, registration cache and signed-out variants', () => {
    const expired = seed({ expired: true, legacyToken: true, registrationCache: true });
    const files = readdirSync(expired.cacheDir).sort();
    expect(files).toEqual(
      [SESSION_FILE, LEGACY_FILE, 'bc8a1afdb0f5cdc2c789b8a6cd51898e2be3c37c.json', '365414a68be7c9bfc776c660981dbdbd942acea4.json'].sort(),
    );
    const session = JSON.parse(readFileSync(join(expired.cacheDir, SESSION_FILE), 'utf8')) as Record<string, string>;
    expect(Date.parse(session.expiresAt ?? '')).toBeLessThan(Date.now());
    expect(emulator.describeAccessToken(session.accessToken ?? '')).toMatchObject({ valid: false, expired: true });
    expect(session.refreshToken).toBe(expired.sessionToken?.refreshToken);

    const legacyRaw = readFileSync(join(expired.cacheDir, LEGACY_FILE), 'utf8');
    const legacy = JSON.parse(legacyRaw) as Record<string, string>;
    expect(Object.keys(legacy)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt']);
    expect(emulator.getClient(legacy.clientId ?? '')?.scopes).toEqual([]);

    const registration = JSON.parse(readFileSync(join(expired.cacheDir, 'bc8a1afdb0f5cdc2c789b8a6cd51898e2be3c37c.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(registration)).toEqual(['clientId', 'clientSecret', 'expiresAt', 'scopes', 'grantTypes']);
    expect(registration.clientId).toBe(session.clientId);

    const out = seed({ signedOut: true });
    expect(readdirSync(out.cacheDir)).toEqual([]);
    expect(existsSync(out.configFile)).toBe(true);
    expect(out.sessionToken).toBeUndefined();

    const noRefresh = seed({ refreshToken: false });
    expect(JSON.parse(readFileSync(join(noRefresh.cacheDir, SESSION_FILE), 'utf8'))).not.toHaveProperty('refreshToken');
  });

  test('childEnv drops the parent AWS_* variables', () => {
    const env = childEnv({ HOME: '/h', AWS_CONFIG_FILE: '/h/c' }, { PATH: '/bin', AWS_PROFILE: 'x', AWS_ACCESS_KEY_ID: 'AKIA', HOME: '/old' });
    expect(env).toEqual({ PATH: '/bin', HOME: '/h', AWS_CONFIG_FILE: '/h/c' });
  });
});

describe('serve.ts (bundled the way the demo uses it)', () => {
  let dir: string;
  let bundle: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'awscreds-serve-'));
    bundle = join(dir, 'serve.cjs');
    await build({
      entryPoints: [join(__dirname, 'serve.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function startServe(args: string[] = []) {
    const child = spawn(process.execPath, [bundle, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const firstLine = new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        const nl = buf.indexOf('\n');
        if (nl >= 0) resolve(buf.slice(0, nl));
      });
      child.on('exit', () => reject(new Error(`serve exited before printing: ${buf}`)));
    });
    return { child, exited, firstLine };
  }

  test('prints {url, home, env}, serves the seeded token, exits when stdin closes or on SIGTERM', async () => {
    const a = startServe();
    const info = JSON.parse(await a.firstLine) as { url: string; home: string; env: Record<string, string> };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.env.HOME).toBe(info.home);
    expect(info.env.AWS_ENDPOINT_URL_SSO).toBe(info.url);
    const token = JSON.parse(readFileSync(join(info.home, '.aws', 'sso', 'cache', SESSION_FILE), 'utf8')) as { accessToken: string };
    const res = await getJson(`${info.url}/federation/credentials?account_id=123456789012&role_name=Dev`, {
      'x-amz-sso_bearer_token': token.accessToken,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('roleCredentials.sessionToken');
    a.child.stdin.end();
    expect(await a.exited).toBe(0);
    expect(existsSync(info.home)).toBe(false);

    const b = startServe(['--signed-out']);
    const infoB = JSON.parse(await b.firstLine) as { home: string };
    expect(readdirSync(join(infoB.home, '.aws', 'sso', 'cache'))).toEqual([]);
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    expect(existsSync(infoB.home)).toBe(false);
  });
});
