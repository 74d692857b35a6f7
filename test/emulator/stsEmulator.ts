// STS for the local emulator: AssumeRole, AssumeRoleWithWebIdentity, GetFederationToken and GetCallerIdentity over
// the query protocol (form-encoded POST to `/`, XML answers), as the AWS SDK v3 STS client and
// the AWS CLI send them. Every signed request is checked the way AWS checks it: the access key
// must be one the emulator issued (SSO role credentials, earlier AssumeRole results) or a
// long-term test key registered with registerAccessKey; a temporary key needs its own session
// token; the SigV4 signature must verify with that key's secret. Refusals use AWS's codes and
// messages (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken, AccessDenied).
//
// Node built-ins only and no jest imports: the demo server bundles this file.
import type http from 'node:http';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import * as random from './randomValues';

export type StsOperation = 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetFederationToken' | 'GetCallerIdentity';
const OPERATIONS: readonly string[] = ['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetFederationToken', 'GetCallerIdentity'];

/** A key STS knows: long-term (registered) or temporary (issued by the emulator). */
export interface StsIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary keys only: the token that must accompany the key. */
  readonly sessionToken?: string;
  /** Temporary keys only, epoch ms. */
  readonly expiration?: number;
  /** The caller's ARN, as GetCallerIdentity and AccessDenied messages show it. */
  readonly arn: string;
  readonly accountId: string;
  /** Whether the key came from AssumeRole (role chaining caps the session at one hour). */
  readonly fromAssumeRole?: boolean;
  /** AssumeRole called with temporary credentials (the console sign-in refuses SessionDuration for it). */
  readonly chained?: boolean;
  /** Issued by GetFederationToken (likewise no SessionDuration). */
  readonly federated?: boolean;
}

/** What a role accepts. Roles without a rule can be assumed by any valid caller. */
export interface StsRoleRule {
  /** Refuse every AssumeRole (AccessDenied, as a trust policy that does not name the caller). */
  readonly deny?: boolean;
  /** Only these caller ARNs may assume it (others get AccessDenied). */
  readonly trustedArns?: readonly string[];
  /** The ExternalId the trust policy requires. */
  readonly externalId?: string;
  /** The trust policy requires MFA: SerialNumber must be this and TokenCode `mfaCode`. */
  readonly mfaSerial?: string;
  readonly mfaCode?: string;
  /** MaxSessionDuration of the role (default 3600). */
  readonly maxSessionDurationSeconds?: number;
  /** AssumeRoleWithWebIdentity: the token that is accepted (default: any non-empty token). */
  readonly webIdentityToken?: string;
}

export interface IssuedStsCredentials {
  readonly operation: 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetFederationToken';
  readonly roleArn: string;
  readonly roleSessionName: string;
  /** The key that signed AssumeRole (undefined for web identity). */
  readonly callerAccessKeyId?: string;
  readonly callerArn?: string;
  readonly externalId?: string;
  readonly serialNumber?: string;
  readonly tokenCode?: string;
  /** GetFederationToken: its session policy. */
  readonly policy?: string;
  readonly durationSeconds: number;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** epoch ms */
  readonly expiration: number;
}

export interface StsRequestLog {
  readonly operation: StsOperation | 'Unknown';
  readonly params: Record<string, string>;
  /** The access key id the request was signed with, when it was signed. */
  readonly accessKeyId?: string;
  /** `sts` region of the signature's credential scope. */
  readonly signingRegion?: string;
  readonly host?: string;
  status?: number;
  errorCode?: string;
}

export interface StsService {
  /** Registers a key that may sign requests: long-term (an IAM user's), or temporary with its session token. */
  registerAccessKey(key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; arn?: string }): void;
  /** Sets what a role accepts (AccessDenied, ExternalId, MFA, duration, web identity token). */
  setRole(roleArn: string, rule: StsRoleRule): void;
  /** The next `times` calls of `operation` fail with this error code (and AWS's status for it). */
  failNext(operation: StsOperation, code: string, message?: string, times?: number): void;
  /** The next `times` calls of `operation` are read and never answered (the emulator's stop closes them). */
  hangNext(operation: StsOperation, times?: number): void;
  /** Every set issued, oldest first. */
  readonly issued: IssuedStsCredentials[];
  /** Every STS request, oldest first. */
  readonly requests: StsRequestLog[];
  requestsFor(operation: StsOperation): StsRequestLog[];
  /** The key with this id, if STS would accept it (registered, issued here or elsewhere in the emulator). */
  identity(accessKeyId: string): StsIdentity | undefined;
  /** Answers one STS request (the caller has read the body). */
  handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): StsRequestLog;
}

export interface StsServiceOptions {
  now: () => number;
  /** Temporary keys issued elsewhere in the emulator (IAM Identity Center role credentials). */
  externalIdentities: () => Iterable<StsIdentity>;
}

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const ERROR_STATUS: Record<string, number> = {
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  AccessDenied: 403,
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  ExpiredToken: 400,
  ValidationError: 400,
  InvalidIdentityToken: 400,
  InvalidAction: 400,
  RegionDisabledException: 403,
  Throttling: 400,
};

/** AWS's own wording for the errors a caller sees most. */
export const STS_MESSAGES = {
  InvalidClientTokenId: 'The security token included in the request is invalid.',
  SignatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  ExpiredToken: 'The security token included in the request is expired',
  MissingAuthenticationToken: 'Request is missing Authentication Token',
} as const;

class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
/** epoch ms → `2026-01-02T03:04:05Z`, as STS writes dates. */
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** RFC 3986 encoding as SigV4 canonicalises query strings. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Checks a request's SigV4 `Authorization` header against `secret`. Returns the region of the
 * credential scope, or throws SignatureDoesNotMatch / IncompleteSignature as STS does.
 */
export function verifySigV4(req: http.IncomingMessage, body: string, secret: string): void {
  const auth = String(req.headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) throw new StsError('IncompleteSignature', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.`);
  const [, credential = '', signedHeaderList = '', signature = ''] = match;
  const [, date = '', region = '', service = '', terminator = ''] = credential.split('/');
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (terminator !== 'aws4_request' || service !== 'sts' || !amzDate.startsWith(date)) {
    throw new StsError('SignatureDoesNotMatch', STS_MESSAGES.SignatureDoesNotMatch);
  }
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) throw new StsError('SignatureDoesNotMatch', STS_MESSAGES.SignatureDoesNotMatch);
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const value = req.headers[name];
      const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const canonicalQuery = [...url.searchParams]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const payloadHash = sha256Hex(Buffer.from(body, 'utf8'));
  const sentHash = req.headers['x-amz-content-sha256'];
  if (typeof sentHash === 'string' && sentHash !== 'UNSIGNED-PAYLOAD' && sentHash !== payloadHash) {
    throw new StsError('SignatureDoesNotMatch', STS_MESSAGES.SignatureDoesNotMatch);
  }
  const canonicalRequest = [req.method ?? 'POST', url.pathname, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new StsError('SignatureDoesNotMatch', STS_MESSAGES.SignatureDoesNotMatch);
}

/** The access key id and region named in a SigV4 Authorization header, if any. */
function credentialScope(req: http.IncomingMessage): { accessKeyId: string; region: string } | undefined {
  const match = /Credential=([^/\s,]+)\/\d{8}\/([^/\s,]+)\//.exec(String(req.headers.authorization ?? ''));
  return match ? { accessKeyId: match[1] as string, region: match[2] as string } : undefined;
}

export function createStsService(options: StsServiceOptions): StsService {
  const { now } = options;
  const longTerm = new Map<string, StsIdentity>();
  const issuedKeys = new Map<string, StsIdentity>();
  const roles = new Map<string, StsRoleRule>();
  const faults = new Map<StsOperation, Array<{ code: string; message?: string }>>();
  const hangs = new Map<StsOperation, number>();
  const issued: IssuedStsCredentials[] = [];
  const requests: StsRequestLog[] = [];

  function findIdentity(accessKeyId: string): StsIdentity | undefined {
    const known = longTerm.get(accessKeyId) ?? issuedKeys.get(accessKeyId);
    if (known) return known;
    for (const identity of options.externalIdentities()) if (identity.accessKeyId === accessKeyId) return identity;
    return undefined;
  }

  /** The caller of a signed request, checked as AWS checks it (key, token, expiry, signature). */
  function authenticate(req: http.IncomingMessage, body: string): StsIdentity {
    const scope = credentialScope(req);
    if (!scope) throw new StsError('MissingAuthenticationToken', STS_MESSAGES.MissingAuthenticationToken);
    const identity = findIdentity(scope.accessKeyId);
    if (!identity) throw new StsError('InvalidClientTokenId', STS_MESSAGES.InvalidClientTokenId);
    const token = req.headers['x-amz-security-token'];
    if (identity.sessionToken !== undefined) {
      // A temporary key without its own token is a "security token" AWS cannot match.
      if (token !== identity.sessionToken) throw new StsError('InvalidClientTokenId', STS_MESSAGES.InvalidClientTokenId);
      if (identity.expiration !== undefined && identity.expiration <= now()) throw new StsError('ExpiredToken', STS_MESSAGES.ExpiredToken);
    } else if (token !== undefined) {
      // A long-term key sent with a session token: the token cannot belong to it.
      throw new StsError('InvalidClientTokenId', STS_MESSAGES.InvalidClientTokenId);
    }
    verifySigV4(req, body, identity.secretAccessKey);
    return identity;
  }

  function roleOf(roleArn: string | undefined): { roleArn: string; accountId: string; roleName: string; rule: StsRoleRule } {
    const match = roleArn ? ROLE_ARN.exec(roleArn) : null;
    if (!roleArn || !match) throw new StsError('ValidationError', `${roleArn ?? 'RoleArn'} is invalid`);
    return { roleArn, accountId: match[1] as string, roleName: match[2] as string, rule: roles.get(roleArn) ?? {} };
  }

  function durationOf(params: Record<string, string>, rule: StsRoleRule, chained: boolean): number {
    if (params.DurationSeconds === undefined) return 3600;
    const duration = Number(params.DurationSeconds);
    if (!Number.isInteger(duration) || duration < 900) {
      throw new StsError('ValidationError', `1 validation error detected: Value '${params.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
    }
    if (chained && duration > 3600) throw new StsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    if (duration > (rule.maxSessionDurationSeconds ?? 3600)) throw new StsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    return duration;
  }

  function sessionNameOf(params: Record<string, string>): string {
    const name = params.RoleSessionName;
    if (name === undefined || !SESSION_NAME.test(name)) {
      throw new StsError('ValidationError', `1 validation error detected: Value '${name ?? 'null'}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
    }
    return name;
  }

  function issue(
    base: Omit<IssuedStsCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration'>,
    accountId: string,
    roleName: string,
    kind: Partial<Pick<StsIdentity, 'chained' | 'federated' | 'arn'>> = {},
  ): IssuedStsCredentials {
    const record: IssuedStsCredentials = {
      ...base,
      accessKeyId: random.accessKeyId(),
      secretAccessKey: random.secretAccessKey(),
      sessionToken: random.sessionToken(),
      expiration: now() + base.durationSeconds * 1000,
    };
    issued.push(record);
    issuedKeys.set(record.accessKeyId, {
      accessKeyId: record.accessKeyId,
      secretAccessKey: record.secretAccessKey,
      sessionToken: record.sessionToken,
      expiration: record.expiration,
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${base.roleSessionName}`,
      accountId,
      fromAssumeRole: base.operation !== 'GetFederationToken',
      ...kind,
    });
    return record;
  }

  function credentialsXml(record: IssuedStsCredentials, accountId: string, roleName: string): string {
    return (
      `<AssumedRoleUser><AssumedRoleId>AROA${accountId}EXAMPLE:${xmlEscape(record.roleSessionName)}</AssumedRoleId>` +
      `<Arn>arn:aws:sts::${accountId}:assumed-role/${xmlEscape(roleName)}/${xmlEscape(record.roleSessionName)}</Arn></AssumedRoleUser>` +
      `<Credentials><AccessKeyId>${record.accessKeyId}</AccessKeyId><SecretAccessKey>${xmlEscape(record.secretAccessKey)}</SecretAccessKey>` +
      `<SessionToken>${xmlEscape(record.sessionToken)}</SessionToken><Expiration>${isoSeconds(record.expiration)}</Expiration></Credentials>`
    );
  }

  function assumeRole(caller: StsIdentity, params: Record<string, string>): string {
    const role = roleOf(params.RoleArn);
    const roleSessionName = sessionNameOf(params);
    const denied = (): StsError => new StsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${role.roleArn}`);
    const { rule } = role;
    if (rule.deny || (rule.trustedArns && !rule.trustedArns.includes(caller.arn))) throw denied();
    if (rule.externalId !== undefined && params.ExternalId !== rule.externalId) throw denied();
    if (rule.mfaSerial !== undefined) {
      if (params.SerialNumber !== rule.mfaSerial || params.TokenCode === undefined) throw denied();
      if (params.TokenCode !== rule.mfaCode) throw new StsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
    }
    const durationSeconds = durationOf(params, rule, caller.fromAssumeRole === true);
    const record = issue(
      {
        operation: 'AssumeRole',
        roleArn: role.roleArn,
        roleSessionName,
        callerAccessKeyId: caller.accessKeyId,
        callerArn: caller.arn,
        durationSeconds,
        ...(params.ExternalId !== undefined ? { externalId: params.ExternalId } : {}),
        ...(params.SerialNumber !== undefined ? { serialNumber: params.SerialNumber } : {}),
        ...(params.TokenCode !== undefined ? { tokenCode: params.TokenCode } : {}),
      },
      role.accountId,
      role.roleName,
      { chained: caller.sessionToken !== undefined },
    );
    return `<AssumeRoleResponse xmlns="${XMLNS}"><AssumeRoleResult>${credentialsXml(record, role.accountId, role.roleName)}</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
  }

  function assumeRoleWithWebIdentity(params: Record<string, string>): string {
    const role = roleOf(params.RoleArn);
    const roleSessionName = sessionNameOf(params);
    const token = params.WebIdentityToken;
    if (!token || (role.rule.webIdentityToken !== undefined && token !== role.rule.webIdentityToken)) {
      throw new StsError('InvalidIdentityToken', 'Couldn\'t retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements');
    }
    if (role.rule.deny) throw new StsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    const durationSeconds = durationOf(params, role.rule, false);
    const record = issue({ operation: 'AssumeRoleWithWebIdentity', roleArn: role.roleArn, roleSessionName, durationSeconds }, role.accountId, role.roleName);
    return (
      `<AssumeRoleWithWebIdentityResponse xmlns="${XMLNS}"><AssumeRoleWithWebIdentityResult>` +
      `<SubjectFromWebIdentityToken>system:serviceaccount:default:test</SubjectFromWebIdentityToken><Audience>sts.amazonaws.com</Audience>` +
      `${credentialsXml(record, role.accountId, role.roleName)}<Provider>oidc.example.com</Provider>` +
      `</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`
    );
  }

  /** GetFederationToken: long-term keys only; Name 2-32 characters; 900-129600 s (the root user 3600). */
  function federationToken(caller: StsIdentity, params: Record<string, string>): string {
    if (caller.sessionToken !== undefined) throw new StsError('AccessDenied', 'Cannot call GetFederationToken with session credentials');
    const name = params.Name ?? '';
    if (!/^[\w+=,.@-]{2,32}$/.test(name)) {
      throw new StsError('ValidationError', `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 32`);
    }
    const durationSeconds = params.DurationSeconds === undefined ? 43200 : Number(params.DurationSeconds);
    const max = caller.arn.endsWith(':root') ? 3600 : 129600;
    if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > max) {
      throw new StsError('ValidationError', `The requested DurationSeconds ${params.DurationSeconds ?? ''} is out of range (900-${max}).`);
    }
    const arn = `arn:aws:sts::${caller.accountId}:federated-user/${name}`;
    const record = issue(
      { operation: 'GetFederationToken', roleArn: '', roleSessionName: name, callerAccessKeyId: caller.accessKeyId, callerArn: caller.arn, durationSeconds, ...(params.Policy !== undefined ? { policy: params.Policy } : {}) },
      caller.accountId,
      name,
      { federated: true, arn },
    );
    return (
      `<GetFederationTokenResponse xmlns="${XMLNS}"><GetFederationTokenResult><FederatedUser><Arn>${xmlEscape(arn)}</Arn><FederatedUserId>${caller.accountId}:${xmlEscape(name)}</FederatedUserId></FederatedUser>` +
      `<Credentials><AccessKeyId>${record.accessKeyId}</AccessKeyId><SecretAccessKey>${xmlEscape(record.secretAccessKey)}</SecretAccessKey>` +
      `<SessionToken>${xmlEscape(record.sessionToken)}</SessionToken><Expiration>${isoSeconds(record.expiration)}</Expiration></Credentials>` +
      `</GetFederationTokenResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetFederationTokenResponse>`
    );
  }

  function callerIdentity(caller: StsIdentity): string {
    const userId = caller.arn.includes(':assumed-role/') ? `AROA${caller.accountId}EXAMPLE:${caller.arn.split('/').pop() ?? ''}` : `AIDA${caller.accountId}EXAMPLE`;
    return `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult><Arn>${xmlEscape(caller.arn)}</Arn><UserId>${xmlEscape(userId)}</UserId><Account>${caller.accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  }

  function send(res: http.ServerResponse, log: StsRequestLog, status: number, xml: string): void {
    log.status = status;
    res.writeHead(status, { 'content-type': 'text/xml', 'content-length': String(Buffer.byteLength(xml)), 'x-amzn-requestid': randomUUID() });
    res.end(xml);
  }

  function handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): StsRequestLog {
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body)) params[k] = v;
    const action = params.Action;
    const operation = action !== undefined && OPERATIONS.includes(action) ? (action as StsOperation) : 'Unknown';
    const scope = credentialScope(req);
    // Secrets stay out of the log: the web identity token and MFA code are kept (tests check them), nothing else is secret here.
    const log: StsRequestLog = {
      operation,
      params,
      ...(scope ? { accessKeyId: scope.accessKeyId, signingRegion: scope.region } : {}),
      ...(req.headers.host ? { host: req.headers.host } : {}),
    };
    requests.push(log);
    const hang = operation === 'Unknown' ? 0 : (hangs.get(operation) ?? 0);
    if (operation !== 'Unknown' && hang > 0) {
      hangs.set(operation, hang - 1);
      log.errorCode = 'Hang';
      return log;
    }
    try {
      if (operation === 'Unknown') throw new StsError('InvalidAction', `Could not find operation ${action ?? '(no Action)'} for version ${params.Version ?? '(none)'}`);
      const fault = faults.get(operation)?.shift();
      if (fault) throw new StsError(fault.code, fault.message ?? `Injected ${fault.code}`);
      let xml: string;
      if (operation === 'AssumeRoleWithWebIdentity') xml = assumeRoleWithWebIdentity(params);
      else {
        const caller = authenticate(req, body);
        xml = operation === 'AssumeRole' ? assumeRole(caller, params) : operation === 'GetFederationToken' ? federationToken(caller, params) : callerIdentity(caller);
      }
      send(res, log, 200, xml);
    } catch (error) {
      const err = error instanceof StsError ? error : new StsError('InternalFailure', String(error));
      log.errorCode = err.code;
      const type = err.code === 'InternalFailure' ? 'Receiver' : 'Sender';
      send(
        res,
        log,
        ERROR_STATUS[err.code] ?? (err.code === 'InternalFailure' ? 500 : 400),
        `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${err.code}</Code><Message>${xmlEscape(err.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    }
    return log;
  }

  return {
    registerAccessKey: ({ accessKeyId, secretAccessKey, sessionToken, arn }) => {
      const accountId = /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(arn ?? '')?.[1] ?? '111122223333';
      longTerm.set(accessKeyId, { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}), arn: arn ?? `arn:aws:iam::${accountId}:user/test-user`, accountId });
    },
    setRole: (roleArn, rule) => void roles.set(roleArn, { ...rule }),
    hangNext: (operation, times = 1) => void hangs.set(operation, (hangs.get(operation) ?? 0) + times),
    failNext: (operation, code, message, times = 1) => {
      const queue = faults.get(operation) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(message === undefined ? { code } : { code, message });
      faults.set(operation, queue);
    },
    issued,
    requests,
    requestsFor: (operation) => requests.filter((r) => r.operation === operation),
    identity: findIdentity,
    handle,
  };
}
