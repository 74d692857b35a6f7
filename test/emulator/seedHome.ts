// Creates a throw-away HOME that looks like one `aws configure sso` + `aws sso login`
// left behind, wired to an emulator. No jest imports: the demo server bundles it.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SsoEmulator } from './ssoEmulator';
import {
  formatRegistrationCacheFile,
  formatTokenCacheFile,
  registrationCacheKey,
  tokenCacheKey,
} from './awsCliCacheFormat';

export const SEED_START_URL = 'https://d-1234567890.awsapps.com/start';
export const SEED_SSO_REGION = 'us-east-1';
export const SEED_SESSION_NAME = 'corp';
export const SEED_ACCOUNT_ID = '123456789012';
export const SEED_SCOPES = ['sso:account:access'];

export interface SeedHomeOptions {
  /** Write no token files at all (config only): everything is signed out. Default false. */
  signedOut?: boolean;
  /** Make the seeded token(s) expired (by the emulator's clock); the refresh token stays valid. */
  expired?: boolean;
  /** Token lifetime in seconds when not expired (default 3600). */
  tokenExpiresInSeconds?: number;
  /** Also seed the legacy profile's token (sha1 of the start URL). Default false. */
  legacyToken?: boolean;
  /** Give the corp token a refresh token (default true, as the authorization-code flow does). */
  refreshToken?: boolean;
  /** Also write the client-registration cache files the AWS CLI keeps. Default false. */
  registrationCache?: boolean;
  /** Parent directory of the temp HOME (default os.tmpdir()). */
  parentDir?: string;
}

export interface SeededToken {
  file: string;
  accessToken: string;
  refreshToken?: string;
  clientId: string;
  clientSecret: string;
  /** epoch ms */
  expiresAt: number;
}

export interface SeededHome {
  home: string;
  /**
   * HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_ENDPOINT_URL_SSO,
   * AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL_SIGNIN (console),
   * and nothing else. Use childEnv() to merge it over a parent
   * environment with every other AWS_* variable removed.
   */
  env: Record<string, string>;
  configFile: string;
  credentialsFile: string;
  cacheDir: string;
  /** The corp session's token, unless signedOut. */
  sessionToken?: SeededToken;
  /** The legacy profile's token, when legacyToken (and not signedOut). */
  legacyToken?: SeededToken;
  /** Deletes the home directory. */
  cleanup(): void;
}

export function seededConfig(): string {
  return [
    '[profile dev]',
    `sso_session = ${SEED_SESSION_NAME}`,
    `sso_account_id = ${SEED_ACCOUNT_ID}`,
    'sso_role_name = Dev',
    'region = eu-west-1',
    '',
    `[sso-session ${SEED_SESSION_NAME}]`,
    `sso_start_url = ${SEED_START_URL}`,
    `sso_region = ${SEED_SSO_REGION}`,
    `sso_registration_scopes = ${SEED_SCOPES.join(',')}`,
    '',
    '[profile legacy]',
    `sso_start_url = ${SEED_START_URL}`,
    `sso_region = ${SEED_SSO_REGION}`,
    `sso_account_id = ${SEED_ACCOUNT_ID}`,
    'sso_role_name = ReadOnly',
    '',
  ].join('\n');
}

function writePrivate(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600); // mode is ignored when the file already existed
}

function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * `parent` (default process.env) without any AWS_* variable or SHELL, with `env` on top: the
 * environment to spawn the CLI (or the AWS CLI) with against a seeded home.
 */
export function childEnv(env: Record<string, string>, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    // SHELL too: CI runs with none, so a test that works only with the developer's SHELL fails there.
    if (value !== undefined && !key.startsWith('AWS_') && key !== 'SHELL') out[key] = value;
  }
  return { ...out, ...env };
}

export function seedSignedInHome(emulator: SsoEmulator, opts: SeedHomeOptions = {}): SeededHome {
  const home = mkdtempSync(join(opts.parentDir ?? tmpdir(), 'awscreds-home-'));
  chmodSync(home, 0o700);
  const awsDir = join(home, '.aws');
  const cacheDir = join(awsDir, 'sso', 'cache');
  makePrivateDir(awsDir);
  makePrivateDir(join(awsDir, 'sso'));
  makePrivateDir(cacheDir);

  const configFile = join(awsDir, 'config');
  const credentialsFile = join(awsDir, 'credentials');
  writePrivate(configFile, seededConfig());

  const env: Record<string, string> = {
    HOME: home,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_ENDPOINT_URL_SSO: emulator.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emulator.url,
    AWS_ENDPOINT_URL_STS: emulator.url,
    AWS_ENDPOINT_URL_SIGNIN: emulator.url,
  };

  const seeded: SeededHome = {
    home,
    env,
    configFile,
    credentialsFile,
    cacheDir,
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
  if (opts.signedOut) return seeded;

  const ttl = opts.expired ? -3600 : (opts.tokenExpiresInSeconds ?? 3600);

  // Session form: what `aws sso login --profile dev` (authorization code + PKCE) leaves.
  const authClient = emulator.registerClient({
    clientName: `botocore-client-${SEED_SESSION_NAME}`,
    scopes: SEED_SCOPES,
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1/oauth/callback'],
    issuerUrl: SEED_START_URL,
  });
  const withRefresh = opts.refreshToken ?? true;
  const session = emulator.issueSession({ clientId: authClient.clientId, expiresInSeconds: ttl, refreshToken: withRefresh });
  const sessionFile = join(cacheDir, `${tokenCacheKey(SEED_START_URL, SEED_SESSION_NAME)}.json`);
  const registrationExpiresAt = authClient.clientSecretExpiresAt * 1000;
  writePrivate(
    sessionFile,
    formatTokenCacheFile({
      startUrl: SEED_START_URL,
      region: SEED_SSO_REGION,
      accessToken: session.accessToken,
      expiresAt: session.expiresAt,
      clientId: authClient.clientId,
      clientSecret: authClient.clientSecret,
      registrationExpiresAt,
      ...(session.refreshToken !== undefined ? { refreshToken: session.refreshToken } : {}),
    }),
  );
  seeded.sessionToken = {
    file: sessionFile,
    accessToken: session.accessToken,
    clientId: authClient.clientId,
    clientSecret: authClient.clientSecret,
    expiresAt: session.expiresAt,
    ...(session.refreshToken !== undefined ? { refreshToken: session.refreshToken } : {}),
  };
  if (opts.registrationCache) {
    const key = registrationCacheKey({
      region: SEED_SSO_REGION,
      startUrl: SEED_START_URL,
      scopes: SEED_SCOPES,
      sessionName: SEED_SESSION_NAME,
    });
    writePrivate(
      join(cacheDir, `${key}.json`),
      formatRegistrationCacheFile({
        clientId: authClient.clientId,
        clientSecret: authClient.clientSecret,
        expiresAt: registrationExpiresAt,
        scopes: SEED_SCOPES,
        grantTypes: ['authorization_code', 'refresh_token'],
      }),
    );
  }

  if (opts.legacyToken) {
    // Legacy form: device code flow, client registered without scopes, so no refresh token.
    const deviceClient = emulator.registerClient({ clientName: 'botocore-client-legacy' });
    const legacy = emulator.issueSession({ clientId: deviceClient.clientId, expiresInSeconds: ttl, refreshToken: false });
    const legacyFile = join(cacheDir, `${tokenCacheKey(SEED_START_URL)}.json`);
    writePrivate(
      legacyFile,
      formatTokenCacheFile({
        startUrl: SEED_START_URL,
        region: SEED_SSO_REGION,
        accessToken: legacy.accessToken,
        expiresAt: legacy.expiresAt,
        clientId: deviceClient.clientId,
        clientSecret: deviceClient.clientSecret,
        registrationExpiresAt: deviceClient.clientSecretExpiresAt * 1000,
      }),
    );
    seeded.legacyToken = {
      file: legacyFile,
      accessToken: legacy.accessToken,
      clientId: deviceClient.clientId,
      clientSecret: deviceClient.clientSecret,
      expiresAt: legacy.expiresAt,
    };
    if (opts.registrationCache) {
      const key = registrationCacheKey({ region: SEED_SSO_REGION, startUrl: SEED_START_URL });
      writePrivate(
        join(cacheDir, `${key}.json`),
        formatRegistrationCacheFile({
          clientId: deviceClient.clientId,
          clientSecret: deviceClient.clientSecret,
          expiresAt: deviceClient.clientSecretExpiresAt * 1000,
        }),
      );
    }
  }
  return seeded;
}
