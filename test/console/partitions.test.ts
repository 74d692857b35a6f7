import { federatedUserName, provenanceOf } from '../../src/console/consoleCredentials';
import { loginUrl, portalShortcutUrl, sessionDuration } from '../../src/console/federation';
import { consoleDestination, federationEndpoint, partitionOf } from '../../src/console/partitions';
import type { ResolvedProfile } from '../../src/config/loadProfile';
import { errorOf } from '../helpers/errorOf';

// The tables behind `awscreds console`: partitions and their hosts, service pages, when
// SessionDuration may be sent, GetFederationToken's name, and the URLs built from them.

describe('the partition table', () => {
  it.each([
    [undefined, 'aws', 'https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com/console/home'],
    ['us-east-1', 'aws', 'https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com/console/home?region=us-east-1'],
    ['eu-west-1', 'aws', 'https://eu-west-1.signin.aws.amazon.com/federation', 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1'],
    ['us-gov-west-1', 'aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation', 'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1'],
    ['us-gov-east-1', 'aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation', 'https://console.amazonaws-us-gov.com/console/home?region=us-gov-east-1'],
    ['cn-north-1', 'aws-cn', 'https://signin.amazonaws.cn/federation', 'https://console.amazonaws.cn/console/home?region=cn-north-1'],
    ['cn-northwest-1', 'aws-cn', 'https://signin.amazonaws.cn/federation', 'https://console.amazonaws.cn/console/home?region=cn-northwest-1'],
  ])('region %s: partition %s, sign-in %s, console %s', (region, partition, signin, home) => {
    expect(partitionOf(region)).toBe(partition);
    expect(federationEndpoint(region, {})).toBe(signin);
    expect(consoleDestination({ region })).toBe(home);
  });

  it('AWS_ENDPOINT_URL_SIGNIN replaces the base URL; /federation is appended', () => {
    expect(federationEndpoint('cn-north-1', { AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:4566/' })).toBe('http://127.0.0.1:4566/federation');
    expect(federationEndpoint('eu-west-1', { AWS_ENDPOINT_URL_SIGNIN: '' })).toBe('https://eu-west-1.signin.aws.amazon.com/federation');
    expect(errorOf(() => federationEndpoint('eu-west-1', { AWS_ENDPOINT_URL_SIGNIN: 'not a url' }))).toMatchObject({ reason: 'CONFIG' });
  });

  it('a region that is not a region\'s shape never becomes part of a host', () => {
    for (const bad of ['x@evil.example#', 'eu-west-1.evil.example/', 'EU-WEST-1', 'eu-west-1 ']) {
      expect(errorOf(() => federationEndpoint(bad, {}))).toMatchObject({ reason: 'USAGE' });
      expect(errorOf(() => consoleDestination({ region: bad }))).toMatchObject({ reason: 'USAGE' });
    }
  });

  it('isolated partitions have no console sign-in: a CONFIG error', () => {
    expect(errorOf(() => partitionOf('us-iso-east-1'))).toMatchObject({ reason: 'CONFIG' });
    expect(errorOf(() => partitionOf('us-isob-east-1'))).toMatchObject({ reason: 'CONFIG' });
  });
});

describe('service pages and destinations', () => {
  it('regional services carry the region; global ones are on the global host without one', () => {
    expect(consoleDestination({ region: 'eu-west-1', service: 'ec2' })).toBe('https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1');
    expect(consoleDestination({ region: 'eu-west-1', service: 'dynamodb' })).toBe('https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1');
    expect(consoleDestination({ region: 'eu-west-1', service: 'iam' })).toBe('https://console.aws.amazon.com/iam/home');
    expect(consoleDestination({ region: 'cn-north-1', service: 'route53' })).toBe('https://console.amazonaws.cn/route53/v2/home');
  });

  it('--destination: any https URL on the console host of the partition, nothing else', () => {
    expect(consoleDestination({ region: 'us-gov-west-1', destination: 'https://console.amazonaws-us-gov.com/s3/home' })).toBe('https://console.amazonaws-us-gov.com/s3/home');
    expect(consoleDestination({ region: 'eu-west-1', destination: 'https://us-east-1.console.aws.amazon.com/ec2/home#Instances' })).toBe('https://us-east-1.console.aws.amazon.com/ec2/home#Instances');
    for (const bad of ['http://console.aws.amazon.com/', 'https://console.aws.amazon.com.evil.example/', 'https://evilconsole.aws.amazon.com/', 'https://user:pw@console.aws.amazon.com/', 'https://console.amazonaws.cn/', 'not a url']) {
      expect(errorOf(() => consoleDestination({ region: 'eu-west-1', destination: bad }))).toMatchObject({ reason: 'USAGE' });
    }
    expect(errorOf(() => consoleDestination({ region: 'eu-west-1', service: 'ec2/../../x' }))).toMatchObject({ reason: 'USAGE' });
  });
});

describe('SessionDuration', () => {
  it('sent for SSO, roles assumed with long-term keys and web identity; never for chains, federation tokens or keys of unknown origin', () => {
    for (const kind of ['sso', 'assumed', 'web-identity'] as const) expect(sessionDuration(kind, 60)).toEqual({ seconds: 3600 });
    expect(sessionDuration('chained', 60)).toEqual({ note: expect.stringContaining('role-chained') });
    expect(sessionDuration('unknown-temporary', 60)).toEqual({ note: expect.stringContaining('unknown origin') });
    expect(sessionDuration('federation-token', 600)).toEqual({});
    expect(sessionDuration('sso', undefined)).toEqual({});
    expect(errorOf(() => sessionDuration('sso', 721))).toMatchObject({ reason: 'USAGE' });
  });

  it('a role counts as chained unless its source is long-term keys in the config files', () => {
    const keys: ResolvedProfile = { kind: 'static', name: 'keys', accessKeyId: 'AKIA', secretAccessKey: 's' };
    const role = (source: Extract<ResolvedProfile, { kind: 'role' }>['source']): ResolvedProfile => ({ kind: 'role', name: 'r', role: { roleArn: 'arn:aws:iam::1:role/R' }, source, chain: ['r'] });
    expect(provenanceOf(role(keys))).toBe('assumed');
    expect(provenanceOf(role({ ...keys, sessionToken: 't' }))).toBe('chained');
    expect(provenanceOf(role({ kind: 'credential-source', name: 'r', source: 'Environment' }))).toBe('chained');
  });
});

describe('names and URLs', () => {
  it('GetFederationToken names: awscreds-<profile>, in its alphabet, at most 32 characters', () => {
    expect(federatedUserName('keys')).toBe('awscreds-keys');
    expect(federatedUserName('my team/prod admin')).toBe('awscreds-my-team-prod-admin');
    expect(federatedUserName('a-very-long-profile-name-for-production')).toHaveLength(32);
  });

  it('the login URL and the portal shortcut are encoded', () => {
    const url = new URL(loginUrl({ endpoint: 'https://signin.aws.amazon.com/federation', issuer: 'awscreds', destination: 'https://console.aws.amazon.com/ec2/home?region=us-east-1#x', signinToken: 'a+b/c=' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ Action: 'login', Issuer: 'awscreds', Destination: 'https://console.aws.amazon.com/ec2/home?region=us-east-1#x', SigninToken: 'a+b/c=' });
    expect(portalShortcutUrl({ startUrl: 'https://d-1.awsapps.com/start/', accountId: '123456789012', roleName: 'Dev' })).toBe('https://d-1.awsapps.com/start/#/console?account_id=123456789012&role_name=Dev');
  });
});
