// `awscreds logout`, end to end: Logout at the emulator, then the local files.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { registrationCacheKey, tokenCacheKey } from '../emulator/awsCliCacheFormat';
import { SEED_SSO_REGION, SEED_START_URL, type SeededHome, type SeedHomeOptions } from '../emulator/seedHome';
import { SSO_BEARER_HEADER, startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { runAwscreds } from '../helpers/runAwscreds';
import { CORP_TOKEN_FILE, DEV_ROLE_CACHE, filesIn, seedHome } from './loginHarness';

const LEGACY_TOKEN_FILE = `${tokenCacheKey(SEED_START_URL)}.json`;
const LEGACY_REGISTRATION_FILE = `${registrationCacheKey({ region: SEED_SSO_REGION, startUrl: SEED_START_URL })}.json`;
const ASSUME_ROLE_CACHE = '0123456789abcdef0123456789abcdef01234567.json';

let emulator: SsoEmulator;
let seeded: SeededHome;
let env: Record<string, string>;
const roleDir = (): string => join(seeded.home, '.aws', 'cli', 'cache');

beforeEach(async () => {
  emulator = await startSsoEmulator();
});
afterEach(async () => {
  seeded.cleanup();
  await emulator.stop();
});

/** Signed in to corp and the legacy start URL, with role credentials cached for three profiles and one non-SSO cache file. */
async function signedInEverywhere(options: SeedHomeOptions = {}): Promise<string[]> {
  ({ seeded, env } = seedHome(emulator, { legacyToken: true, registrationCache: true, ...options }));
  appendFileSync(seeded.configFile, '\n[profile dev2]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n');
  if (!options.expired) {
    for (const profile of ['dev', 'dev2', 'legacy']) expect((await runAwscreds(['export', '--profile', profile], env)).status).toBe(0);
  }
  mkdirSync(roleDir(), { recursive: true, mode: 0o700 });
  writeFileSync(join(roleDir(), ASSUME_ROLE_CACHE), '{"ProviderType": "assume-role", "Credentials": {}}', { mode: 0o600 });
  emulator.clearRequests();
  return filesIn(roleDir());
}

describe('awscreds logout', () => {
  it('--profile: ends that sign-in, removes its token and the role credentials of every profile using it', async () => {
    const roleFiles = await signedInEverywhere();
    expect(roleFiles).toHaveLength(4);
    const run = await runAwscreds(['logout', '--profile', 'dev'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const logout = emulator.requestsFor('Logout');
    expect(logout).toHaveLength(1);
    expect(logout[0]?.headers[SSO_BEARER_HEADER]).toBe(true);
    expect(emulator.describeAccessToken(seeded.sessionToken?.accessToken ?? '')?.revoked).toBe(true);
    expect(emulator.describeAccessToken(seeded.legacyToken?.accessToken ?? '')?.revoked).toBe(false);
    expect(run.stderr).toContain('signed out of sso-session "corp" (profile "dev"): ended the session with IAM Identity Center');
    expect(run.stderr).toContain('2 cached role-credential file(s)');

    // Left: the legacy token, both registrations, the legacy role cache and the non-SSO one.
    expect(filesIn(seeded.cacheDir)).not.toContain(CORP_TOKEN_FILE);
    expect(filesIn(seeded.cacheDir)).toContain(LEGACY_TOKEN_FILE);
    expect(filesIn(seeded.cacheDir)).toContain(LEGACY_REGISTRATION_FILE);
    expect(filesIn(seeded.cacheDir)).toHaveLength(3);
    expect(filesIn(roleDir())).not.toContain(DEV_ROLE_CACHE);
    expect(filesIn(roleDir())).toHaveLength(2);
    expect(filesIn(roleDir())).toContain(ASSUME_ROLE_CACHE);

    for (const profile of ['dev', 'dev2']) {
      const exported = await runAwscreds(['export', '--profile', profile], env);
      expect(exported.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
      expect(exported.stderr).toContain(`profile "${profile}" is not signed in`);
    }
    expect((await runAwscreds(['export', '--profile', 'legacy'], env)).status).toBe(0);
  });

  it('--all: what aws sso logout does: every token (Logout for each), every SSO role-credential file', async () => {
    await signedInEverywhere();
    const run = await runAwscreds(['logout', '--all'], env);
    expect(run.status).toBe(0);
    expect(emulator.requestsFor('Logout')).toHaveLength(2);
    expect(emulator.describeAccessToken(seeded.sessionToken?.accessToken ?? '')?.revoked).toBe(true);
    expect(emulator.describeAccessToken(seeded.legacyToken?.accessToken ?? '')?.revoked).toBe(true);
    expect(run.stderr).toContain('ended 2 of 2 session(s) with IAM Identity Center, removed 2 token file(s)');
    expect(filesIn(seeded.cacheDir)).toHaveLength(2); // the two client registrations
    expect(filesIn(seeded.cacheDir)).not.toContain(CORP_TOKEN_FILE);
    expect(filesIn(roleDir())).toEqual([ASSUME_ROLE_CACHE]);
    const exported = await runAwscreds(['export', '--profile', 'legacy'], env);
    expect(exported.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
  });

  it('a failed Logout call still removes the local files, with a warning', async () => {
    await signedInEverywhere();
    emulator.failNext('Logout', { errorType: 'UnauthorizedException', message: 'Session token not found or invalid' });
    const run = await runAwscreds(['logout', '--profile', 'dev'], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/warning: Logout at IAM Identity Center \(region us-east-1\) failed for \S+: UnauthorizedException: HTTP 401: Session token not found or invalid \[endpoint http:\/\/127\.0\.0\.1:\d+\]; removing the local files anyway\./);
    expect(existsSync(join(seeded.cacheDir, CORP_TOKEN_FILE))).toBe(false);
    expect(filesIn(roleDir())).not.toContain(DEV_ROLE_CACHE);
    expect((await runAwscreds(['export', '--profile', 'dev'], env)).status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
  });

  it('an expired token needs no Logout call; a profile not signed in is not an error', async () => {
    await signedInEverywhere({ expired: true });
    const expired = await runAwscreds(['logout', '--profile', 'dev'], env);
    expect(expired.status).toBe(0);
    expect(emulator.requestsFor('Logout')).toHaveLength(0);
    expect(existsSync(join(seeded.cacheDir, CORP_TOKEN_FILE))).toBe(false);
    const again = await runAwscreds(['logout', '--profile', 'dev'], env);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('sso-session "corp" (profile "dev") was not signed in (no token at');
    const conflicting = await runAwscreds(['logout', '--all', '--profile', 'dev'], env);
    expect(conflicting.status).toBe(EXIT_CODES.USAGE.code);
  });
});
