import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startSsoEmulator, type SsoEmulator } from './ssoEmulator';
import { STS_MESSAGES } from './stsEmulator';

// The emulator's STS refuses what AWS refuses: every request is checked against the secrets it
// issued or was given, with AWS's error codes and messages. The real SDK client signs.

const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
let emulator: SsoEmulator;
const saved = { ...process.env };

beforeAll(async () => {
  emulator = await startSsoEmulator();
  process.env.AWS_CONFIG_FILE = '/nonexistent/awscreds-sts-test/config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/awscreds-sts-test/credentials';
  emulator.sts.registerAccessKey({ ...KEY, arn: 'arn:aws:iam::111122223333:user/alice' });
});
afterAll(async () => {
  process.env = saved;
  await emulator.stop();
});

const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, region = 'eu-west-1'): STSClient =>
  new STSClient({ region, endpoint: emulator.url, credentials, maxAttempts: 1 });

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message, status: (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function ssoRoleCredentials(): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken: string }> {
  const accessToken = emulator.issueAccessToken();
  const client = new SSOClient({ region: 'us-east-1', endpoint: emulator.url, maxAttempts: 1 });
  const { roleCredentials } = await client.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName: 'Dev' }));
  const { accessKeyId, secretAccessKey, sessionToken } = roleCredentials as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  return { accessKeyId, secretAccessKey, sessionToken };
}

it('accepts a registered key and SSO role credentials, each as its own identity', async () => {
  const who = await sts(KEY).send(new GetCallerIdentityCommand({}));
  expect(who).toMatchObject({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/alice' });
  const role = await ssoRoleCredentials();
  const assumed = await sts(role).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/Admin', RoleSessionName: 's1' }));
  expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::210987654321:assumed-role/Admin/s1');
  expect(emulator.sts.issued.at(-1)?.callerArn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_Dev_/);
  // Chaining with what it issued works too.
  const c = assumed.Credentials;
  const chained = await sts({ accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string }).send(new GetCallerIdentityCommand({}));
  expect(chained.Arn).toBe('arn:aws:sts::210987654321:assumed-role/Admin/s1');
});

it('refuses a partial set, a stranger key, a wrong secret and an expired token as AWS does', async () => {
  const role = await ssoRoleCredentials();
  const { sessionToken: _token, ...partial } = role;
  expect(await errorOf(sts(partial).send(new GetCallerIdentityCommand({})))).toEqual({ name: 'InvalidClientTokenId', message: STS_MESSAGES.InvalidClientTokenId, status: 403 });
  expect(await errorOf(sts({ ...role, sessionToken: `${role.sessionToken.slice(0, -4)}AAA=` }).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId' });
  expect(await errorOf(sts({ accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: KEY.secretAccessKey }).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
  expect(await errorOf(sts({ ...KEY, secretAccessKey: `x${KEY.secretAccessKey.slice(1)}` }).send(new GetCallerIdentityCommand({})))).toEqual({ name: 'SignatureDoesNotMatch', message: STS_MESSAGES.SignatureDoesNotMatch, status: 403 });
  emulator.advanceClock(7200);
  try {
    expect(await errorOf(sts(role).send(new GetCallerIdentityCommand({})))).toEqual({ name: 'ExpiredToken', message: STS_MESSAGES.ExpiredToken, status: 400 });
  } finally {
    emulator.advanceClock(-7200);
  }
  // Positive control: the complete set is accepted.
  expect((await sts(role).send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
});

it('applies role rules: AccessDenied, ExternalId and the one-hour limit of role chaining', async () => {
  emulator.sts.setRole('arn:aws:iam::444444444444:role/Locked', { deny: true });
  emulator.sts.setRole('arn:aws:iam::444444444444:role/Ext', { externalId: 'ext-1' });
  const denied = await errorOf(sts(KEY).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444444444444:role/Locked', RoleSessionName: 'ss' })));
  expect(denied).toMatchObject({ name: 'AccessDenied', status: 403, message: 'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444444444444:role/Locked' });
  expect(await errorOf(sts(KEY).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444444444444:role/Ext', RoleSessionName: 'ss', ExternalId: 'wrong' })))).toMatchObject({ name: 'AccessDenied' });
  expect((await sts(KEY).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444444444444:role/Ext', RoleSessionName: 'ss', ExternalId: 'ext-1' }))).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  const role = await ssoRoleCredentials();
  const first = (await sts(role).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/A', RoleSessionName: 'ss' }))).Credentials;
  const chained = sts({ accessKeyId: first?.AccessKeyId as string, secretAccessKey: first?.SecretAccessKey as string, sessionToken: first?.SessionToken as string });
  expect(await errorOf(chained.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/B', RoleSessionName: 'ss', DurationSeconds: 7200 })))).toMatchObject({ name: 'ValidationError' });
});
