import { isRegion } from '../config/configValues';
import { AwscredsError } from '../runtime/AwscredsError';

/**
 * Where the console lives in each AWS partition: its sign-in (federation) endpoint and its
 * console host. aws has regional hosts (`{region}.signin.aws.amazon.com`,
 * `{region}.console.aws.amazon.com`) besides the global ones used for us-east-1 and for no
 * region; aws-us-gov and aws-cn have one host each. README "Console" shows this table.
 */
export const PARTITIONS = {
  aws: { signinHost: 'signin.aws.amazon.com', consoleHost: 'console.aws.amazon.com', regional: true },
  'aws-us-gov': { signinHost: 'signin.amazonaws-us-gov.com', consoleHost: 'console.amazonaws-us-gov.com', regional: false },
  'aws-cn': { signinHost: 'signin.amazonaws.cn', consoleHost: 'console.amazonaws.cn', regional: false },
} as const;
export type PartitionName = keyof typeof PARTITIONS;

/**
 * The partition of a region (none: aws). The isolated partitions have no federation endpoint.
 * The region becomes part of a host name the keys are sent to: anything but a region's shape
 * (`eu-west-1`) is refused, so `x@evil.example#` cannot redirect them.
 */
export function partitionOf(region: string | undefined): PartitionName {
  if (region === undefined) return 'aws';
  if (!isRegion(region)) throw new AwscredsError('USAGE', `"${region}" is not a region name.`, 'give one such as eu-west-1: `--region eu-west-1`.');
  if (/^cn-/.test(region)) return 'aws-cn';
  if (/^us-gov-/.test(region)) return 'aws-us-gov';
  if (/-iso[a-z]?-/.test(region)) {
    throw new AwscredsError('CONFIG', `region ${region} is in an isolated partition without console sign-in.`, 'give a commercial, GovCloud or China region: `--region REGION`.');
  }
  return 'aws';
}

/** `host` for the partition and region: the regional variant in aws outside us-east-1. */
function regionalHost(partition: PartitionName, host: string, region: string | undefined): string {
  return PARTITIONS[partition].regional && region !== undefined && region !== 'us-east-1' ? `${region}.${host}` : host;
}

/**
 * The federation endpoint: AWS_ENDPOINT_URL_SIGNIN (its base URL, `/federation` appended) when
 * set, else the sign-in host of the region's partition.
 */
export function federationEndpoint(region: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const partition = partitionOf(region);
  const base = env.AWS_ENDPOINT_URL_SIGNIN;
  if (base) {
    if (!URL.canParse(base)) throw new AwscredsError('CONFIG', 'AWS_ENDPOINT_URL_SIGNIN is not a URL.', 'set it to a base URL such as https://signin.example, or unset it.');
    return `${base.replace(/\/+$/, '')}/federation`;
  }
  return `https://${regionalHost(partition, PARTITIONS[partition].signinHost, region)}/federation`;
}

/** Services whose console is global (no region) or whose path is not `{name}/home`. */
const SERVICE_PATHS: Readonly<Record<string, { path: string; global?: true }>> = {
  iam: { path: 'iam/home', global: true },
  billing: { path: 'billing/home', global: true },
  organizations: { path: 'organizations/v2/home', global: true },
  route53: { path: 'route53/v2/home', global: true },
  cloudfront: { path: 'cloudfront/v4/home', global: true },
  support: { path: 'support/home', global: true },
  dynamodb: { path: 'dynamodbv2/home' },
  sso: { path: 'singlesignon/home' },
};

/**
 * The console URL to land on: `--destination` (any https URL on the partition's console host),
 * `--service NAME` (its page; global services without a region), else the console home.
 */
export function consoleDestination({ region, service, destination }: { region: string | undefined; service?: string; destination?: string }): string {
  const partition = partitionOf(region);
  const host = PARTITIONS[partition].consoleHost;
  if (destination !== undefined) {
    const url = URL.canParse(destination) ? new URL(destination) : undefined;
    if (!url || url.protocol !== 'https:' || !(url.hostname === host || url.hostname.endsWith(`.${host}`)) || url.username || url.password) {
      throw new AwscredsError('USAGE', `--destination is not a console URL of partition ${partition}.`, `give an https://…${host}/… URL, or use --service NAME.`);
    }
    return url.href;
  }
  if (service !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(service)) {
    throw new AwscredsError('USAGE', `--service "${service}" is not a service name.`, 'give a name such as ec2, s3 or iam: `--service ec2`.');
  }
  const known = service === undefined ? undefined : SERVICE_PATHS[service];
  const path = service === undefined ? 'console/home' : (known?.path ?? `${service}/home`);
  if (known?.global || region === undefined) return `https://${host}/${path}`;
  return `https://${regionalHost(partition, host, region)}/${path}?region=${encodeURIComponent(region)}`;
}
