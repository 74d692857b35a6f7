import { join } from 'node:path';
import type { SsoEmulator } from './ssoEmulator';

/**
 * The environment that makes a node child (awscreds) resolve the AWS default endpoints for
 * its SSO region and still reach `emulator` (see awsHostsToEmulatorPreload.cjs): use it instead of
 * AWS_ENDPOINT_URL_SSO*, which hide the region.
 */
export function awsHostsToEmulatorEnv(emulator: SsoEmulator): Record<string, string> {
  return { NODE_OPTIONS: `--require ${join(__dirname, 'awsHostsToEmulatorPreload.cjs')}`, AWSCREDS_TEST_AWS_HOSTS_TO: emulator.url };
}
