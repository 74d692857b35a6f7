import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { formatIsoUtc, parseBotocoreDate } from '../../src/awsCliCache/assumeRoleFile';
import { assumeRoleCacheArgs, getAssumeRoleCacheFilepath } from '../../src/awsCliCache/cachePaths';
import type { RoleSettings } from '../../src/config/loadProfile';

// The assume-role cache file name, computed by Python the way botocore computes it
// (BaseAssumeRoleCredentialFetcher._create_cache_key), for settings of every shape.
const cases: RoleSettings[] = [
  { roleArn: 'arn:aws:iam::210987654321:role/Admin' },
  { roleArn: 'arn:aws:iam::210987654321:role/Admin', roleSessionName: 'alice' },
  { roleArn: 'arn:aws:iam::210987654321:role/path/Admin', externalId: 'ext-42', mfaSerial: 'arn:aws:iam::111122223333:mfa/alice', durationSeconds: 900 },
  { roleArn: 'arn:aws:iam::210987654321:role/Admin', externalId: 'caf\u00e9 "quoted"', roleSessionName: 'x@y.z' },
  // An empty role_session_name is generated, and then left out of the key, as botocore does.
  { roleArn: 'arn:aws:iam::210987654321:role/Admin', roleSessionName: '' },
];

it('names each file as botocore does: SHA-1 of json.dumps(args, sort_keys=True)', () => {
  const python = `
import hashlib, json, sys
for line in sys.stdin:
    args = json.loads(line)
    if not args.get('RoleSessionName'):
        args.pop('RoleSessionName', None)
    print(hashlib.sha1(json.dumps(args, sort_keys=True).encode('utf-8')).hexdigest())
`;
  const input = cases
    .map((role) => JSON.stringify({ RoleArn: role.roleArn, ...(role.roleSessionName !== undefined ? { RoleSessionName: role.roleSessionName } : {}), ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}), ...(role.mfaSerial !== undefined ? { SerialNumber: role.mfaSerial } : {}), ...(role.durationSeconds !== undefined ? { DurationSeconds: role.durationSeconds } : {}) }))
    .join('\n');
  const run = spawnSync('python3', ['-c', python], { input, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const expected = run.stdout.trim().split('\n').map((hash) => `${hash}.json`);
  expect(cases.map((role) => basename(getAssumeRoleCacheFilepath('/home/u', assumeRoleCacheArgs(role))))).toEqual(expected);
  expect(new Set(expected).size).toBe(cases.length - 1); // the empty session name is the first case's key
});

it('reads the dates botocore writes, and writes its isoformat', () => {
  const date = new Date('2026-01-02T03:04:05Z');
  for (const text of ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05+00:00', '2026-01-02T03:04:05UTC', '2026-01-02 03:04:05+00:00']) expect(parseBotocoreDate(text)?.toISOString()).toBe(date.toISOString());
  expect(parseBotocoreDate('soon')).toBeUndefined();
  expect(formatIsoUtc(date)).toBe('2026-01-02T03:04:05+00:00');
  expect(formatIsoUtc(new Date('2026-01-02T03:04:05.250Z'))).toBe('2026-01-02T03:04:05.250000+00:00');
});
