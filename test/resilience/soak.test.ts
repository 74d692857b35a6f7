import { readdirSync } from 'node:fs';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { allCommands } from '../../src/cli/commands/allCommands';
import { runCli } from '../../src/cli/runCli';
import { boundedRetryStrategy, requestHandlerOptions } from '../../src/runtime/network';
import type { Runtime } from '../../src/runtime/Runtime';
import { seedSignedInHome, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { testContext } from '../helpers/testContext';
import { roleCacheDir, ssoCacheDir } from './resilienceSetup';

// Soak: a thousand exports in a row, in-process through runCli with the real pieces (files,
// locks, SDK clients over HTTP to the emulator), leave no extra files, no growing cache
// directory and no leaked descriptors.

let emulator: SsoEmulator;
let seeded: SeededHome;
let context: Runtime;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  emulator = await startSsoEmulator();
  seeded = seedSignedInHome(emulator);
  const options = (region: string) => ({ region, endpoint: emulator.url, requestHandler: requestHandlerOptions(), retryStrategy: boundedRetryStrategy() });
  context = testContext({
    env: { ...seeded.env, SHELL: '/bin/bash' },
    home: seeded.home,
    now: () => new Date(),
    sdk: {
      sso: async (region) => new SSOClient(options(region)),
      oidc: async (region) => new SSOOIDCClient(options(region)),
      // SSO profiles only here: neither is called.
      sts: async () => {
        throw new Error('the soak uses no STS');
      },
      credentialSource: async () => {
        throw new Error('the soak uses no credential_source');
      },
    },
  });
});
afterAll(async () => {
  seeded.cleanup();
  await emulator.stop();
});

const openDescriptors = (): number => readdirSync('/proc/self/fd').length;
const cacheFiles = (): string[] => [...readdirSync(ssoCacheDir(seeded.home)).map((n) => `sso/${n}`), ...readdirSync(roleCacheDir(seeded.home)).map((n) => `cli/${n}`)].sort();

async function exportDev(extra: string[] = []): Promise<void> {
  const result = await runCli(['export', '--profile', 'dev', ...extra], context, allCommands());
  if (result.exitCode !== 0 || !result.stdout.includes('AWS_SESSION_TOKEN')) throw new Error(`export failed: ${result.exitCode}`);
}

it('1,000 warm exports: same files, same descriptors, no request', async () => {
  await exportDev(); // fills the role cache
  await exportDev();
  const files = cacheFiles();
  const fds = openDescriptors();
  emulator.clearRequests();
  for (let i = 0; i < 1000; i++) await exportDev();
  expect(cacheFiles()).toEqual(files);
  expect(openDescriptors()).toBe(fds);
  expect(emulator.requests).toHaveLength(0);
  expect(files).toEqual(expect.arrayContaining([expect.stringMatching(/^cli\/[0-9a-f]{40}\.json$/)]));
}, 120_000);

it('100 cold exports (every one fetches, locks and rewrites the cache): same files, same descriptors', async () => {
  // --min-ttl 720: cached credentials (an hour left) never qualify, so each export fetches.
  for (let i = 0; i < 3; i++) await exportDev(['--min-ttl', '720']);
  const files = cacheFiles();
  const fds = openDescriptors();
  emulator.clearRequests();
  for (let i = 0; i < 100; i++) await exportDev(['--min-ttl', '720']);
  expect(emulator.requestsFor('GetRoleCredentials')).toHaveLength(100); // positive control: all went the cold way
  expect(cacheFiles()).toEqual(files);
  expect(files.some((f) => f.endsWith('.lock') || f.endsWith('.tmp'))).toBe(false);
  expect(openDescriptors()).toBe(fds);
}, 180_000);
