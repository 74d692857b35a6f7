// Points Debian's AWS CLI v2 (2.9.x, which predates AWS_ENDPOINT_URL_*) at a local emulator:
// botocore reads service data from AWS_DATA_PATH before its own, so an endpoint rule set
// whose single unconditional rule returns the emulator's URL sends every SSO, SSO OIDC and STS
// call there. No jest imports: any test (or script) may use it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's `awscli` package: AWS CLI v2. (A pyenv `aws` earlier on PATH may be v1, without SSO.) */
export const DEBIAN_AWS_CLI = '/usr/bin/aws';

/** The services whose endpoints the data path overrides, with their API versions. */
const SERVICES: ReadonlyArray<readonly [service: string, apiVersion: string]> = [
  ['sso', '2019-06-10'],
  ['sso-oidc', '2019-06-10'],
  ['sts', '2011-06-15'],
];

/** An endpoint rule set (version 1.0) with the builtIns botocore passes and one rule: `url`. */
function ruleSetTo(url: string): unknown {
  return {
    version: '1.0',
    parameters: {
      Region: { builtIn: 'AWS::Region', required: false, documentation: 'The AWS region.', type: 'String' },
      UseDualStack: { builtIn: 'AWS::UseDualStack', required: true, default: false, documentation: 'Dual-stack.', type: 'Boolean' },
      UseFIPS: { builtIn: 'AWS::UseFIPS', required: true, default: false, documentation: 'FIPS.', type: 'Boolean' },
      Endpoint: { builtIn: 'SDK::Endpoint', required: false, documentation: 'Endpoint override.', type: 'String' },
    },
    rules: [{ conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' }],
  };
}

export interface AwsCliDataPath {
  /** The directory to pass as AWS_DATA_PATH. */
  readonly dir: string;
  /** `{ AWS_DATA_PATH: dir }`, to merge into the AWS CLI's environment. */
  readonly env: Record<string, string>;
  cleanup(): void;
}

/**
 * Writes `sso/2019-06-10/endpoint-rule-set-1.json` and `sso-oidc/2019-06-10/endpoint-rule-set-1.json`
 * under a new temporary directory, each sending its service to `emulatorUrl`.
 */
export function createAwsCliDataPath(emulatorUrl: string, parentDir: string = tmpdir()): AwsCliDataPath {
  const dir = mkdtempSync(join(parentDir, 'awscreds-aws-data-'));
  for (const [service, apiVersion] of SERVICES) {
    const serviceDir = join(dir, service, apiVersion);
    mkdirSync(serviceDir, { recursive: true });
    writeFileSync(join(serviceDir, 'endpoint-rule-set-1.json'), JSON.stringify(ruleSetTo(emulatorUrl), null, 2));
  }
  return { dir, env: { AWS_DATA_PATH: dir }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
