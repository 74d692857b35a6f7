import { appendFileSync } from 'node:fs';
import { fromProcess } from '@aws-sdk/credential-provider-process';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { AWSCREDS_BIN, runAwscreds } from '../helpers/runAwscreds';
import { emulatedHome, type EmulatedHome } from './commandsTestSetup';

let home: EmulatedHome;
afterEach(async () => home?.stop());

/** Runs `body` with the seeded home's variables on process.env (the SDK finds the config file by it), then puts everything back. */
async function withProcessEnv<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/**
 * A profile whose credential_process runs awscreds. The SDK starts it with the real process's
 * environment, which jest's sandboxed process.env does not reach: `env` carries the home's.
 */
function addProcessProfile(): void {
  const env = Object.entries(home.seeded.env).map(([k, v]) => `${k}=${v}`).join(' ');
  appendFileSync(home.seeded.configFile, `\n[profile via-awscreds]\ncredential_process = env ${env} ${process.execPath} ${AWSCREDS_BIN} process --profile dev\n`);
}

describe('awscreds process', () => {
  it('gives the AWS SDK the complete set through credential_process', async () => {
    home = await emulatedHome();
    addProcessProfile();
    const credentials = await withProcessEnv(home.seeded.env, () => fromProcess({ profile: 'via-awscreds', ignoreCache: true })());
    const issued = home.emulator.issuedRoleCredentials.at(-1);
    expect(credentials).toEqual(
      expect.objectContaining({
        accessKeyId: issued?.accessKeyId,
        secretAccessKey: issued?.secretAccessKey,
        sessionToken: issued?.sessionToken,
        expiration: new Date(Math.floor((issued?.expiration ?? 0) / 1000) * 1000),
      }),
    );
  });

  it('prints exactly the credential_process document', async () => {
    home = await emulatedHome();
    const run = await runAwscreds(['process', '--profile', 'dev'], home.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const issued = home.emulator.issuedRoleCredentials.at(-1);
    expect(run.stdout).toBe(
      `${JSON.stringify({
        Version: 1,
        AccessKeyId: issued?.accessKeyId,
        SecretAccessKey: issued?.secretAccessKey,
        SessionToken: issued?.sessionToken,
        Expiration: new Date(Math.floor((issued?.expiration ?? 0) / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      })}\n`,
    );
  });

  it('prints a long-term set without SessionToken or Expiration', async () => {
    home = await emulatedHome();
    appendFileSync(home.seeded.configFile, '\n[profile keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    const run = await runAwscreds(['process', '--profile', 'keys'], home.env);
    expect(JSON.parse(run.stdout)).toEqual({ Version: 1, AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
  });

  it('fails with nothing on stdout and the reason on stderr, and the SDK passes the failure on', async () => {
    home = await emulatedHome({ seed: { signedOut: true } });
    const run = await runAwscreds(['process', '--profile', 'dev'], home.env);
    expect(run.status).toBe(EXIT_CODES.NOT_SIGNED_IN.code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^awscreds: profile "dev" is not signed in/);

    addProcessProfile();
    const sdk = withProcessEnv(home.seeded.env, () => fromProcess({ profile: 'via-awscreds', ignoreCache: true })());
    await expect(sdk).rejects.toThrow(/profile "dev" is not signed in/);
  });
});
