// A local, in-process IAM Identity Center emulator: the portal ("SSO") and OIDC
// ("SSO OIDC") services on one node:http server, speaking the same rest-json wire
// format as AWS so that the real AWS SDK v3 clients can be pointed at it with
// AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC.
//
// As strict as the service where a client could get it wrong:
// - Regions: a request's region is read from its Host (`portal.sso.<region>.amazonaws.com`,
//   `oidc.<region>.amazonaws.com`: what the SDK sends when it resolves the default endpoint,
//   see awsHostsToEmulatorPreload.cjs), else it is the emulator's `region` (the endpoint variables
//   carry no region). Client registrations, device and authorization codes and tokens belong
//   to the region that issued them and are refused in any other; a portal call at the OIDC
//   host (or the reverse) is an unknown operation.
// - Sign-ins: every session belongs to a start URL (StartDeviceAuthorization's startUrl, the
//   client's issuerUrl for the authorization-code flow) and sees only that start URL's
//   accounts and roles (`directories`).
// - Device codes are approved only by approveDeviceCode() (the verification page does not).
// - A refresh can answer without a new refresh token (`refreshTokenOnRefresh: 'omit'`).
//
// Node built-ins only and no jest imports: the demo server bundles this file.
// Every startSsoEmulator() call owns all of its state; nothing is module-level.
import http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import * as random from './randomValues';
import { createSigninService, type SigninService } from './signinEmulator';
import { createStsService, type StsService } from './stsEmulator';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export type PortalOperation = 'GetRoleCredentials' | 'ListAccounts' | 'ListAccountRoles' | 'Logout';
export type OidcOperation = 'RegisterClient' | 'StartDeviceAuthorization' | 'CreateToken';
/** Operations that fault injection can target. */
export type EmulatorOperation = PortalOperation | OidcOperation;
/**
 * Everything the request log can name: the modelled operations, the browser-facing
 * `/authorize` page (Authorize), the device verification page the emulator serves at
 * `/device` (DeviceVerification), and anything unrouted (Unknown).
 */
export type LoggedOperation = EmulatorOperation | 'Authorize' | 'DeviceVerification' | 'Unknown';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const DEFAULT_START_URL = 'https://d-1234567890.awsapps.com/start';
export const SSO_BEARER_HEADER = 'x-amz-sso_bearer_token';

export interface AccountSpec {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roles: string[];
}

export type RefreshTokenOnRefresh = 'rotate' | 'reuse' | 'omit';

export interface EmulatorOptions {
  /** The emulator's clock in epoch ms (default Date.now). Token, code and client expiry use it. */
  now?: () => number;
  /**
   * The region of requests whose Host names none (sent to `url` through AWS_ENDPOINT_URL_SSO*),
   * and the default of issueSession/registerClient. Default us-east-1.
   */
  region?: string;
  /**
   * Accounts and their roles of DEFAULT_START_URL's sign-ins (default: 123456789012 "Dev
   * account" Dev/ReadOnly, 210987654321 "Prod" Admin).
   */
  accounts?: AccountSpec[];
  /** Accounts of other start URLs. A start URL with none configured has no accounts. */
  directories?: Record<string, AccountSpec[]>;
  /**
   * Approve /authorize requests at once. Default false. Device codes are never approved
   * without approveDeviceCode(): the user must act, as with the real service.
   */
  autoApprove?: boolean;
  /** Role credential lifetime (default 3600). */
  roleCredentialsTtlSeconds?: number;
  /** Access tokens issued by CreateToken (default 3600). */
  accessTokenTtlSeconds?: number;
  /** Client registrations (default 90 days, like the real service). */
  clientRegistrationTtlSeconds?: number;
  /** Device codes (default 600, like the real service). */
  deviceCodeTtlSeconds?: number;
  /** `interval` returned by StartDeviceAuthorization (default 1, what the real service returns). */
  devicePollIntervalSeconds?: number;
  /**
   * Answer SlowDownException when a device code is polled sooner than its interval (measured
   * with the emulator clock), adding 5 s to the interval as RFC 8628 says. Default false so that
   * tests driving the SDK directly are not slowed down; use slowDownNext() for targeted tests.
   */
  enforcePollInterval?: boolean;
  /** Authorization codes from /authorize (default 600). */
  authorizationCodeTtlSeconds?: number;
  /** Page size when max_result is not sent (default 20). */
  defaultPageSize?: number;
  /**
   * The most items a ListAccounts or ListAccountRoles page holds, whatever max_result asks
   * (default: as asked). The service may answer with fewer items than asked: only nextToken
   * says whether more follow.
   */
  maxPageSize?: number;
  /**
   * What CreateToken(refresh_token) answers besides the access token: `rotate` (default) a new
   * refresh token, the old one invalidated; `reuse` the same refresh token again; `omit` no
   * refreshToken at all (the old one stays valid), which the service may do.
   */
  refreshTokenOnRefresh?: RefreshTokenOnRefresh;
}

export interface FaultSpec {
  /** e.g. `UnauthorizedException` (the `Exception` suffix is added when missing). */
  errorType: string;
  /** Defaults to the status AWS uses for that error type (400 when unknown). */
  status?: number;
  message?: string;
  /** How many consecutive calls fail (default 1). */
  times?: number;
}

/** A transport fault: `hang` reads the request and never answers; `close` drops the connection unanswered. */
export interface DisruptionSpec {
  kind: 'hang' | 'close';
  /** How many consecutive calls are disrupted (default 1). */
  times?: number;
}

export interface EmulatorRequest {
  operation: LoggedOperation;
  /** The region the request reached (from its Host, else the emulator's region). */
  region: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; `x-amz-sso_bearer_token` is replaced by whether it was sent. */
  headers: Record<string, string | boolean>;
  /** Parsed JSON body, the raw text when not JSON, undefined when empty. */
  body: JsonValue | undefined;
  /** Response status, filled in when the answer is sent (undefined while pending). */
  status?: number;
  /** `x-amzn-errortype` of the answer, when it was an error. */
  errorType?: string;
  /** Emulator clock at arrival. */
  at: number;
}

export interface RegisterClientOptions {
  clientName?: string;
  scopes?: string[];
  grantTypes?: string[];
  redirectUris?: string[];
  issuerUrl?: string;
  /** Override the registration lifetime (seconds, may be negative for an expired client). */
  expiresInSeconds?: number;
  /** The region it is registered in (default: the emulator's region). */
  region?: string;
}

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  /** undefined when the client registered without grantTypes (device-code clients of the AWS CLI). */
  grantTypes: string[] | undefined;
  redirectUris: string[];
  issuerUrl: string | undefined;
  region: string;
  /** epoch seconds, as RegisterClient returns them */
  clientIdIssuedAt: number;
  clientSecretExpiresAt: number;
}

export interface IssueTokenOptions {
  /** Lifetime from the emulator's now (default accessTokenTtlSeconds); negative = already expired. */
  expiresInSeconds?: number;
  /** The client the session belongs to (needed for a refresh token). */
  clientId?: string;
  /** Issue a refresh token too (requires clientId; default: when the client may refresh). */
  refreshToken?: boolean;
  /** The sign-in's start URL (default DEFAULT_START_URL): it sees that start URL's accounts. */
  startUrl?: string;
  /** The region the session belongs to (default: the client's, else the emulator's region). */
  region?: string;
}

export interface IssuedSession {
  accessToken: string;
  refreshToken?: string;
  /** epoch ms */
  expiresAt: number;
  expiresIn: number;
  sessionId: string;
}

export interface AccessTokenInfo {
  valid: boolean;
  expired: boolean;
  revoked: boolean;
  /** epoch ms */
  expiresAt: number;
  clientId?: string;
  sessionId: string;
  startUrl: string;
  region: string;
}

export type DeviceAuthorizationStatus = 'pending' | 'approved' | 'denied' | 'consumed';

export interface DeviceAuthorizationInfo {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  region: string;
  status: DeviceAuthorizationStatus;
  /** epoch ms */
  expiresAt: number;
  interval: number;
  /** CreateToken calls made with this device code. */
  polls: number;
}

export interface RoleCredentialsBody {
  roleCredentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    expiration: number;
  };
}

export interface IssuedRoleCredentials {
  accountId: string;
  roleName: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** epoch ms */
  expiration: number;
}

export interface AuthorizeInfo {
  clientId: string;
  redirectUri: string;
  state: string;
  scopes: string[];
  outcome: 'waiting' | 'approved' | 'denied' | 'rejected';
}

export interface SsoEmulator {
  /** `http://127.0.0.1:PORT`, for both AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC. */
  readonly url: string;
  readonly port: number;
  /** The region of requests that name none (options.region). */
  readonly region: string;
  /** Every request received, in order. Clear it with `clearRequests()` (or `requests.length = 0`). */
  readonly requests: EmulatorRequest[];
  requestsFor(operation: LoggedOperation): EmulatorRequest[];
  clearRequests(): void;

  /** The emulator's clock (options.now plus advanceClock offsets), epoch ms. */
  now(): number;
  /** Moves the emulator's clock forward (or back, with a negative number). */
  advanceClock(seconds: number): void;

  /** The accounts of a start URL's sign-ins (default DEFAULT_START_URL). */
  getAccounts(startUrl?: string): AccountSpec[];
  setAccounts(accounts: AccountSpec[], startUrl?: string): void;

  issueAccessToken(options?: IssueTokenOptions): string;
  issueSession(options?: IssueTokenOptions): IssuedSession;
  revokeAccessToken(token: string): boolean;
  revokeRefreshToken(token: string): boolean;
  describeAccessToken(token: string): AccessTokenInfo | undefined;

  registerClient(options?: RegisterClientOptions): RegisteredClient;
  getClient(clientId: string): RegisteredClient | undefined;

  /** Snapshot of every device authorization, oldest first. */
  deviceAuthorizations(): DeviceAuthorizationInfo[];
  /** The user approves the code: the only way a device code becomes approved. */
  approveDeviceCode(userCode: string): void;
  denyDeviceCode(userCode: string): void;

  /** Snapshot of /authorize requests seen, oldest first. */
  authorizations(): AuthorizeInfo[];
  /** Approves the /authorize requests waiting (all, or the one with `state`); with none waiting, approves the next one. */
  approveAuthorization(state?: string): void;
  /** Denies like approveAuthorization approves: the browser is sent `error=access_denied`. */
  denyAuthorization(state?: string): void;
  /** /authorize requests only: device codes always need approveDeviceCode(). */
  setAutoApprove(on: boolean): void;
  setRefreshTokenOnRefresh(mode: RefreshTokenOnRefresh): void;

  failNext(operation: EmulatorOperation, fault: FaultSpec): void;
  /** See EmulatorOptions.maxPageSize (undefined: pages as large as asked). */
  setMaxPageSize(size: number | undefined): void;
  /** The next call(s) of `operation` hang or lose their connection (see DisruptionSpec); cleared by clearFaults. */
  disruptNext(operation: EmulatorOperation, disruption: DisruptionSpec): void;
  /** The next `count` device-code CreateToken calls answer SlowDownException. */
  slowDownNext(count?: number): void;
  /** Replaces the next GetRoleCredentials 200 body(ies) by transform(validBody), e.g. to drop sessionToken. */
  transformNextRoleCredentials(transform: (body: RoleCredentialsBody) => JsonValue, times?: number): void;
  clearFaults(): void;

  /** Every set of role credentials handed out, oldest first. */
  readonly issuedRoleCredentials: IssuedRoleCredentials[];

  /**
   * STS on the same URL (for AWS_ENDPOINT_URL_STS): POST / with a form-encoded body. It accepts
   * requests signed with the role credentials GetRoleCredentials issued, keys it issued itself
   * and long-term keys registered with `sts.registerAccessKey`.
   */
  readonly sts: StsService;
  /** The console sign-in endpoint at /federation (signinEmulator.ts); AWS_ENDPOINT_URL_SIGNIN = url. */
  readonly signin: SigninService;

  /** Closes the server and every open socket. Idempotent. */
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Error model
// ---------------------------------------------------------------------------

const DEFAULT_STATUS: Record<string, number> = {
  UnauthorizedException: 401,
  ForbiddenException: 403,
  InvalidRequestException: 400,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  AuthorizationPendingException: 400,
  SlowDownException: 400,
  ExpiredTokenException: 400,
  AccessDeniedException: 400,
  InvalidClientException: 401,
  InvalidClientMetadataException: 400,
  InvalidGrantException: 400,
  InvalidRedirectUriException: 400,
  InvalidScopeException: 400,
  InvalidRequestRegionException: 400,
  UnauthorizedClientException: 400,
  UnsupportedGrantTypeException: 400,
  InternalServerException: 500,
};

class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly errorType: string,
    message: string,
    status?: number,
  ) {
    super(message);
    this.status = status ?? DEFAULT_STATUS[errorType] ?? 400;
  }
}

function normaliseErrorType(errorType: string): string {
  return errorType.endsWith('Exception') ? errorType : `${errorType}Exception`;
}

/** OIDC `error` codes: `AuthorizationPendingException` → `authorization_pending`. */
function oidcErrorCode(errorType: string): string {
  if (errorType === 'InternalServerException') return 'server_error';
  return errorType
    .replace(/Exception$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

// ---------------------------------------------------------------------------
// Internal state records
// ---------------------------------------------------------------------------

interface ClientRecord extends RegisteredClient {
  /** epoch ms */
  expiresAtMs: number;
}

interface SessionRecord {
  id: string;
  clientId: string | undefined;
  startUrl: string;
  region: string;
  revoked: boolean;
}

interface AccessTokenRecord {
  token: string;
  sessionId: string;
  clientId: string | undefined;
  expiresAt: number;
  revoked: boolean;
}

interface RefreshTokenRecord {
  token: string;
  sessionId: string;
  clientId: string;
  revoked: boolean;
}

interface DeviceRecord extends DeviceAuthorizationInfo {
  lastPollAt: number | undefined;
}

interface AuthCodeRecord {
  code: string;
  clientId: string;
  region: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}

interface WaitingAuthorize {
  info: AuthorizeInfo;
  region: string;
  res: http.ServerResponse;
  entry: EmulatorRequest;
  codeChallenge: string;
}

const PORTAL_ROUTES: Record<string, { method: string; operation: PortalOperation }> = {
  '/federation/credentials': { method: 'GET', operation: 'GetRoleCredentials' },
  '/assignment/accounts': { method: 'GET', operation: 'ListAccounts' },
  '/assignment/roles': { method: 'GET', operation: 'ListAccountRoles' },
  '/logout': { method: 'POST', operation: 'Logout' },
};

const OIDC_ROUTES: Record<string, { method: string; operation: OidcOperation }> = {
  '/client/register': { method: 'POST', operation: 'RegisterClient' },
  '/device_authorization': { method: 'POST', operation: 'StartDeviceAuthorization' },
  '/token': { method: 'POST', operation: 'CreateToken' },
};

/** The hosts the SDK resolves by default, each naming its service and region. */
const AWS_HOST = /^(portal\.sso|oidc)\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?::\d+)?$/;

const SUPPORTED_GRANT_TYPES = new Set(['authorization_code', 'refresh_token', DEVICE_CODE_GRANT]);
const MAX_BODY_BYTES = 1024 * 1024;

export function defaultAccounts(): AccountSpec[] {
  return [
    { accountId: '123456789012', accountName: 'Dev account', emailAddress: 'dev@example.com', roles: ['Dev', 'ReadOnly'] },
    { accountId: '210987654321', accountName: 'Prod', emailAddress: 'prod@example.com', roles: ['Admin'] },
  ];
}

function cloneAccounts(accounts: AccountSpec[]): AccountSpec[] {
  return accounts.map((a) => ({ ...a, roles: [...a.roles] }));
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || hostname === '::1';
}

/** RFC 8252 §7.3: loopback redirect URIs match whatever port the client picked. */
function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  let a: URL;
  let b: URL;
  try {
    a = new URL(registered);
    b = new URL(requested);
  } catch {
    return false;
  }
  return (
    a.protocol === 'http:' &&
    b.protocol === 'http:' &&
    isLoopbackHost(a.hostname) &&
    a.hostname === b.hostname &&
    a.pathname === b.pathname &&
    a.search === b.search
  );
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function stripPadding(value: string): string {
  return value.replace(/=+$/, '');
}

// ---------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------

export async function startSsoEmulator(options: EmulatorOptions = {}): Promise<SsoEmulator> {
  const baseNow = options.now ?? Date.now;
  let clockOffsetMs = 0;
  const now = (): number => baseNow() + clockOffsetMs;

  const roleTtl = options.roleCredentialsTtlSeconds ?? 3600;
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;
  const clientTtl = options.clientRegistrationTtlSeconds ?? 90 * 24 * 3600;
  const deviceTtl = options.deviceCodeTtlSeconds ?? 600;
  const deviceInterval = options.devicePollIntervalSeconds ?? 1;
  const authCodeTtl = options.authorizationCodeTtlSeconds ?? 600;
  const defaultPageSize = options.defaultPageSize ?? 20;
  let maxPageSize = options.maxPageSize ?? Number.POSITIVE_INFINITY;
  let refreshTokenOnRefresh: RefreshTokenOnRefresh = options.refreshTokenOnRefresh ?? 'rotate';
  let autoApprove = options.autoApprove ?? false;
  const homeRegion = options.region ?? 'us-east-1';

  const directories = new Map<string, AccountSpec[]>();
  for (const [startUrl, list] of Object.entries(options.directories ?? {})) directories.set(startUrl, cloneAccounts(list));
  directories.set(DEFAULT_START_URL, cloneAccounts(options.accounts ?? defaultAccounts()));
  const accountsOf = (startUrl: string): AccountSpec[] => directories.get(startUrl) ?? [];
  const requests: EmulatorRequest[] = [];
  const issuedRoleCredentials: IssuedRoleCredentials[] = [];
  const clients = new Map<string, ClientRecord>();
  const sessions = new Map<string, SessionRecord>();
  const accessTokens = new Map<string, AccessTokenRecord>();
  const refreshTokens = new Map<string, RefreshTokenRecord>();
  const devices = new Map<string, DeviceRecord>(); // by deviceCode
  const authCodes = new Map<string, AuthCodeRecord>();
  const authorizeLog: AuthorizeInfo[] = [];
  const waitingAuthorize: WaitingAuthorize[] = [];
  const presetDecisions: Array<'approve' | 'deny'> = [];
  const faults = new Map<EmulatorOperation, FaultSpec[]>();
  const disruptions = new Map<EmulatorOperation, DisruptionSpec[]>();
  let slowDowns = 0;
  const roleBodyTransforms: Array<(body: RoleCredentialsBody) => JsonValue> = [];
  const sts = createStsService({
    now,
    // IAM Identity Center role credentials sign STS calls as the permission set's role.
    externalIdentities: () =>
      issuedRoleCredentials.map((c) => ({
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration: c.expiration,
        arn: `arn:aws:sts::${c.accountId}:assumed-role/AWSReservedSSO_${c.roleName}_0123456789abcdef/user@example.com`,
        accountId: c.accountId,
      })),
  });

  const signin = createSigninService({ now, identity: (accessKeyId) => sts.identity(accessKeyId) });

  // ----- state helpers ------------------------------------------------------

  function publicClient(c: ClientRecord): RegisteredClient {
    return {
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      clientName: c.clientName,
      scopes: [...c.scopes],
      grantTypes: c.grantTypes ? [...c.grantTypes] : undefined,
      redirectUris: [...c.redirectUris],
      issuerUrl: c.issuerUrl,
      region: c.region,
      clientIdIssuedAt: c.clientIdIssuedAt,
      clientSecretExpiresAt: c.clientSecretExpiresAt,
    };
  }

  /**
   * Which grants a client may use. The AWS CLI registers device-code clients without
   * grantTypes (with scopes for sso-session profiles, none for legacy ones) and
   * authorization-code clients with ["authorization_code","refresh_token"].
   * IAM Identity Center issues refresh tokens only to clients registered with scopes
   * (sso:account:access) or that declared the refresh_token grant: that is why legacy
   * profiles never refresh.
   */
  function clientAllows(c: ClientRecord, grant: string): boolean {
    if (c.grantTypes) return c.grantTypes.includes(grant);
    if (grant === DEVICE_CODE_GRANT) return true;
    if (grant === 'refresh_token') return c.scopes.length > 0;
    return false;
  }

  function createClient(opts: RegisterClientOptions): ClientRecord {
    const issuedAt = now();
    const expiresAtMs = issuedAt + (opts.expiresInSeconds ?? clientTtl) * 1000;
    const record: ClientRecord = {
      clientId: random.clientId(),
      clientSecret: random.clientSecret(),
      clientName: opts.clientName ?? 'awscreds-emulator-client',
      scopes: opts.scopes ? [...opts.scopes] : [],
      grantTypes: opts.grantTypes ? [...opts.grantTypes] : undefined,
      redirectUris: opts.redirectUris ? [...opts.redirectUris] : [],
      issuerUrl: opts.issuerUrl,
      region: opts.region ?? homeRegion,
      clientIdIssuedAt: Math.floor(issuedAt / 1000),
      clientSecretExpiresAt: Math.floor(expiresAtMs / 1000),
      expiresAtMs,
    };
    clients.set(record.clientId, record);
    return record;
  }

  function startSession(clientId: string | undefined, startUrl: string, region: string): SessionRecord {
    const session: SessionRecord = { id: random.opaqueId(), clientId, startUrl, region, revoked: false };
    sessions.set(session.id, session);
    return session;
  }

  function mintAccessToken(session: SessionRecord, ttlSeconds: number): AccessTokenRecord {
    const record: AccessTokenRecord = {
      token: random.oidcAccessToken(),
      sessionId: session.id,
      clientId: session.clientId,
      expiresAt: now() + ttlSeconds * 1000,
      revoked: false,
    };
    accessTokens.set(record.token, record);
    return record;
  }

  function mintRefreshToken(session: SessionRecord, clientId: string): RefreshTokenRecord {
    const record: RefreshTokenRecord = { token: random.oidcRefreshToken(), sessionId: session.id, clientId, revoked: false };
    refreshTokens.set(record.token, record);
    return record;
  }

  function issueSession(opts: IssueTokenOptions = {}): IssuedSession {
    let client: ClientRecord | undefined;
    if (opts.clientId !== undefined) {
      client = clients.get(opts.clientId);
      if (!client) throw new Error(`issueSession: unknown clientId ${opts.clientId}`);
    }
    const wantRefresh = opts.refreshToken ?? (client ? clientAllows(client, 'refresh_token') : false);
    if (wantRefresh && !client) throw new Error('issueSession: a refresh token needs a clientId');
    const ttl = opts.expiresInSeconds ?? accessTokenTtl;
    const session = startSession(client?.clientId, opts.startUrl ?? DEFAULT_START_URL, opts.region ?? client?.region ?? homeRegion);
    const access = mintAccessToken(session, ttl);
    const issued: IssuedSession = { accessToken: access.token, expiresAt: access.expiresAt, expiresIn: ttl, sessionId: session.id };
    if (wantRefresh && client) issued.refreshToken = mintRefreshToken(session, client.clientId).token;
    return issued;
  }

  function describeAccessToken(token: string): AccessTokenInfo | undefined {
    const record = accessTokens.get(token);
    if (!record) return undefined;
    const session = sessions.get(record.sessionId);
    const revoked = record.revoked || (session?.revoked ?? false);
    const expired = now() >= record.expiresAt;
    const info: AccessTokenInfo = {
      valid: !revoked && !expired,
      expired,
      revoked,
      expiresAt: record.expiresAt,
      sessionId: record.sessionId,
      startUrl: session?.startUrl ?? DEFAULT_START_URL,
      region: session?.region ?? homeRegion,
    };
    if (record.clientId !== undefined) info.clientId = record.clientId;
    return info;
  }

  function findDeviceByUserCode(userCode: string): DeviceRecord {
    for (const d of devices.values()) if (d.userCode === userCode) return d;
    throw new Error(`unknown user code ${userCode}`);
  }

  function decideDevice(userCode: string, status: 'approved' | 'denied'): void {
    const d = findDeviceByUserCode(userCode);
    if (d.status === 'consumed') throw new Error(`device code for ${userCode} was already exchanged`);
    d.status = status;
  }

  function deviceSnapshot(d: DeviceRecord): DeviceAuthorizationInfo {
    return {
      deviceCode: d.deviceCode,
      userCode: d.userCode,
      clientId: d.clientId,
      startUrl: d.startUrl,
      region: d.region,
      status: d.status,
      expiresAt: d.expiresAt,
      interval: d.interval,
      polls: d.polls,
    };
  }

  function takeFault(operation: EmulatorOperation): FaultSpec | undefined {
    const queue = faults.get(operation);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    const remaining = (head.times ?? 1) - 1;
    if (remaining <= 0) queue.shift();
    else head.times = remaining;
    return head;
  }

  // ----- HTTP plumbing ------------------------------------------------------

  function baseHeaders(): Record<string, string> {
    return { 'x-amzn-requestid': randomUUID(), date: new Date().toUTCString() };
  }

  function sendJson(res: http.ServerResponse, entry: EmulatorRequest, status: number, body: JsonValue | undefined): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    entry.status = status;
    res.writeHead(status, {
      ...baseHeaders(),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  function sendError(res: http.ServerResponse, entry: EmulatorRequest, family: 'portal' | 'oidc', err: ApiError): void {
    const body: JsonValue =
      family === 'portal' ? { message: err.message } : { error: oidcErrorCode(err.errorType), error_description: err.message };
    const text = JSON.stringify(body);
    entry.status = err.status;
    entry.errorType = err.errorType;
    res.writeHead(err.status, {
      ...baseHeaders(),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      'x-amzn-errortype': err.errorType,
    });
    res.end(text);
  }

  function sendHtml(res: http.ServerResponse, entry: EmulatorRequest, status: number, title: string): void {
    const text = `<!doctype html><html><head><title>${title}</title></head><body><p>${title}</p></body></html>`;
    entry.status = status;
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  }

  function sendRedirect(res: http.ServerResponse, entry: EmulatorRequest, location: string): void {
    entry.status = 302;
    res.writeHead(302, { location, 'content-length': '0', 'cache-control': 'no-store' });
    res.end();
  }

  function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          reject(new ApiError('InvalidRequestException', 'Request body too large'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  function parseBody(text: string): JsonValue | undefined {
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }

  function logHeaders(req: http.IncomingMessage, portal: boolean): Record<string, string | boolean> {
    const out: Record<string, string | boolean> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    if (SSO_BEARER_HEADER in out) out[SSO_BEARER_HEADER] = true;
    else if (portal) out[SSO_BEARER_HEADER] = false;
    return out;
  }

  // ----- portal -------------------------------------------------------------

  /** The caller's valid access token and its session; a token of another region is unknown here. */
  function bearer(req: http.IncomingMessage, region: string): { token: AccessTokenRecord; session: SessionRecord } {
    const header = req.headers[SSO_BEARER_HEADER];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) throw new ApiError('UnauthorizedException', 'Session token not found or invalid');
    const record = accessTokens.get(token);
    const info = describeAccessToken(token);
    const session = record ? sessions.get(record.sessionId) : undefined;
    if (!record || !info || !info.valid || !session || session.region !== region) {
      throw new ApiError('UnauthorizedException', 'Session token not found or invalid');
    }
    // A token of a client registered for other scopes only (an IDE's CodeWhisperer/Q sign-in)
    // cannot reach accounts: AWS answers 401 (granted#940). No scopes at all (legacy) can.
    const client = record.clientId !== undefined ? clients.get(record.clientId) : undefined;
    if (client && client.scopes.length > 0 && !client.scopes.includes('sso:account:access')) {
      throw new ApiError('UnauthorizedException', 'Session token not found or invalid');
    }
    return { token: record, session };
  }

  function pageSize(query: URLSearchParams): number {
    const raw = query.get('max_result');
    if (raw === null || raw === '') return defaultPageSize;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 100) {
      throw new ApiError('InvalidRequestException', `Invalid max_result ${raw}: must be between 1 and 100`);
    }
    return n;
  }

  function pageStart(query: URLSearchParams, scope: string): number {
    const raw = query.get('next_token');
    if (raw === null || raw === '') return 0;
    const match = /^([^:]+):(\d+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!match || match[1] !== scope) throw new ApiError('InvalidRequestException', 'Invalid next_token');
    return Number(match[2]);
  }

  function paginate<T>(items: T[], query: URLSearchParams, scope: string): { page: T[]; nextToken?: string } {
    const size = Math.min(pageSize(query), maxPageSize);
    const start = pageStart(query, scope);
    const page = items.slice(start, start + size);
    const end = start + page.length;
    if (end < items.length) return { page, nextToken: Buffer.from(`${scope}:${end}`).toString('base64url') };
    return { page };
  }

  function mintRoleCredentials(accountId: string, roleName: string): RoleCredentialsBody {
    const issued: IssuedRoleCredentials = {
      accountId,
      roleName,
      accessKeyId: random.accessKeyId(),
      secretAccessKey: random.secretAccessKey(),
      sessionToken: random.sessionToken(),
      expiration: now() + roleTtl * 1000,
    };
    issuedRoleCredentials.push(issued);
    return {
      roleCredentials: {
        accessKeyId: issued.accessKeyId,
        secretAccessKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
        expiration: issued.expiration,
      },
    };
  }

  function handlePortal(operation: PortalOperation, req: http.IncomingMessage, query: URLSearchParams, region: string): JsonValue | undefined {
    const { token, session: signIn } = bearer(req, region);
    // A sign-in sees the accounts of its own start URL only.
    const accounts = accountsOf(signIn.startUrl);
    switch (operation) {
      case 'GetRoleCredentials': {
        const accountId = query.get('account_id');
        const roleName = query.get('role_name');
        if (!accountId || !roleName) throw new ApiError('InvalidRequestException', 'account_id and role_name are required');
        const account = accounts.find((a) => a.accountId === accountId);
        // What the real portal answers for an account or role not assigned to the user.
        if (!account || !account.roles.includes(roleName)) throw new ApiError('ForbiddenException', 'No access', 403);
        const body = mintRoleCredentials(accountId, roleName);
        const transform = roleBodyTransforms.shift();
        return transform ? transform(body) : (body as unknown as JsonValue);
      }
      case 'ListAccounts': {
        const { page, nextToken } = paginate(accounts, query, 'accounts');
        const body: { [key: string]: JsonValue } = {
          accountList: page.map((a) => {
            const info: { [key: string]: JsonValue } = { accountId: a.accountId, accountName: a.accountName };
            if (a.emailAddress !== undefined) info.emailAddress = a.emailAddress;
            return info;
          }),
        };
        if (nextToken !== undefined) body.nextToken = nextToken;
        return body;
      }
      case 'ListAccountRoles': {
        const accountId = query.get('account_id');
        if (!accountId) throw new ApiError('InvalidRequestException', 'account_id is required');
        const account = accounts.find((a) => a.accountId === accountId);
        if (!account) throw new ApiError('ForbiddenException', 'No access', 403);
        const { page, nextToken } = paginate(account.roles, query, `roles/${accountId}`);
        const body: { [key: string]: JsonValue } = { roleList: page.map((roleName) => ({ roleName, accountId })) };
        if (nextToken !== undefined) body.nextToken = nextToken;
        return body;
      }
      case 'Logout': {
        const session = sessions.get(token.sessionId);
        if (session) session.revoked = true;
        token.revoked = true;
        return undefined;
      }
    }
  }

  // ----- OIDC ---------------------------------------------------------------

  function bodyObject(body: JsonValue | undefined): { [key: string]: JsonValue } {
    if (body === undefined) return {};
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ApiError('InvalidRequestException', 'Request body must be a JSON object');
    }
    return body;
  }

  function optString(body: { [key: string]: JsonValue }, key: string): string | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new ApiError('InvalidRequestException', `${key} must be a string`);
    return value;
  }

  function reqString(body: { [key: string]: JsonValue }, key: string): string {
    const value = optString(body, key);
    if (value === undefined || value === '') throw new ApiError('InvalidRequestException', `${key} is required`);
    return value;
  }

  function optStringList(body: { [key: string]: JsonValue }, key: string): string[] | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
      throw new ApiError('InvalidRequestException', `${key} must be a list of strings`);
    }
    return value;
  }

  /** Client registrations are regional: a client registered elsewhere is unknown here. */
  function authenticateClient(body: { [key: string]: JsonValue }, region: string): ClientRecord {
    const id = reqString(body, 'clientId');
    const secret = optString(body, 'clientSecret');
    const client = clients.get(id);
    if (!client || client.clientSecret !== secret || client.region !== region) throw new ApiError('InvalidClientException', 'Invalid client credentials');
    if (now() >= client.expiresAtMs) throw new ApiError('InvalidClientException', 'Client registration has expired');
    return client;
  }

  function registerClientOp(body: { [key: string]: JsonValue }, region: string): JsonValue {
    const clientName = reqString(body, 'clientName');
    const clientType = reqString(body, 'clientType');
    if (clientType !== 'public') throw new ApiError('InvalidClientMetadataException', `Unsupported client type: ${clientType}`);
    const scopes = optStringList(body, 'scopes');
    if (scopes?.some((s) => s.trim() === '')) throw new ApiError('InvalidScopeException', 'Invalid scope');
    const grantTypes = optStringList(body, 'grantTypes');
    for (const g of grantTypes ?? []) {
      if (!SUPPORTED_GRANT_TYPES.has(g)) throw new ApiError('InvalidClientMetadataException', `Unsupported grant type: ${g}`);
    }
    const redirectUris = optStringList(body, 'redirectUris');
    if (grantTypes?.includes('authorization_code') && (!redirectUris || redirectUris.length === 0)) {
      throw new ApiError('InvalidRedirectUriException', 'redirectUris are required for the authorization_code grant');
    }
    for (const uri of redirectUris ?? []) {
      let parsed: URL;
      try {
        parsed = new URL(uri);
      } catch {
        throw new ApiError('InvalidRedirectUriException', `Invalid redirect URI: ${uri}`);
      }
      if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
        throw new ApiError('InvalidRedirectUriException', `Redirect URI must be a loopback address: ${uri}`);
      }
    }
    const issuerUrl = optString(body, 'issuerUrl');
    const opts: RegisterClientOptions = { clientName, region };
    if (scopes) opts.scopes = scopes;
    if (grantTypes) opts.grantTypes = grantTypes;
    if (redirectUris) opts.redirectUris = redirectUris;
    if (issuerUrl !== undefined) opts.issuerUrl = issuerUrl;
    const client = createClient(opts);
    return {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      clientIdIssuedAt: client.clientIdIssuedAt,
      clientSecretExpiresAt: client.clientSecretExpiresAt,
    };
  }

  function startDeviceAuthorizationOp(body: { [key: string]: JsonValue }, region: string): JsonValue {
    const client = authenticateClient(body, region);
    const startUrl = reqString(body, 'startUrl');
    try {
      new URL(startUrl);
    } catch {
      throw new ApiError('InvalidRequestException', `Invalid startUrl: ${startUrl}`);
    }
    if (!clientAllows(client, DEVICE_CODE_GRANT)) {
      throw new ApiError('UnauthorizedClientException', 'Client is not authorized to use the device code grant');
    }
    let code = random.userCode();
    while ([...devices.values()].some((d) => d.userCode === code)) code = random.userCode();
    const record: DeviceRecord = {
      deviceCode: random.deviceCode(),
      userCode: code,
      clientId: client.clientId,
      startUrl,
      region: client.region,
      status: 'pending',
      expiresAt: now() + deviceTtl * 1000,
      interval: deviceInterval,
      polls: 0,
      lastPollAt: undefined,
    };
    devices.set(record.deviceCode, record);
    const verificationUri = `${url}/device`;
    return {
      deviceCode: record.deviceCode,
      userCode: record.userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${encodeURIComponent(record.userCode)}`,
      expiresIn: deviceTtl,
      interval: deviceInterval,
    };
  }

  function tokenResponse(client: ClientRecord, session: SessionRecord, refresh: boolean): JsonValue {
    const access = mintAccessToken(session, accessTokenTtl);
    const body: { [key: string]: JsonValue } = { accessToken: access.token, tokenType: 'Bearer', expiresIn: accessTokenTtl };
    if (refresh) body.refreshToken = mintRefreshToken(session, client.clientId).token;
    return body;
  }

  function createTokenOp(body: { [key: string]: JsonValue }, region: string): JsonValue {
    const grantType = reqString(body, 'grantType');
    const client = authenticateClient(body, region);
    if (!SUPPORTED_GRANT_TYPES.has(grantType)) throw new ApiError('UnsupportedGrantTypeException', `Unsupported grant type: ${grantType}`);
    if (!clientAllows(client, grantType)) {
      throw new ApiError('UnauthorizedClientException', `Client is not authorized to use the ${grantType} grant`);
    }
    const mayRefresh = clientAllows(client, 'refresh_token');

    if (grantType === DEVICE_CODE_GRANT) {
      const code = reqString(body, 'deviceCode');
      const device = devices.get(code);
      if (!device || device.clientId !== client.clientId) throw new ApiError('InvalidGrantException', 'Invalid device code provided');
      device.polls += 1;
      const t = now();
      const tooSoon = options.enforcePollInterval === true && device.lastPollAt !== undefined && t - device.lastPollAt < device.interval * 1000;
      device.lastPollAt = t;
      if (t >= device.expiresAt) throw new ApiError('ExpiredTokenException', 'Device code has expired');
      if (device.status === 'consumed') throw new ApiError('InvalidGrantException', 'Device code has already been used');
      if (slowDowns > 0) {
        slowDowns -= 1;
        throw new ApiError('SlowDownException', 'Client is polling too quickly');
      }
      if (tooSoon) {
        device.interval += 5;
        throw new ApiError('SlowDownException', 'Client is polling too quickly');
      }
      if (device.status === 'denied') throw new ApiError('AccessDeniedException', 'Authorization was denied');
      if (device.status === 'pending') throw new ApiError('AuthorizationPendingException', 'Authorization is still pending');
      device.status = 'consumed';
      return tokenResponse(client, startSession(client.clientId, device.startUrl, client.region), mayRefresh);
    }

    if (grantType === 'refresh_token') {
      const token = reqString(body, 'refreshToken');
      const record = refreshTokens.get(token);
      const session = record ? sessions.get(record.sessionId) : undefined;
      if (!record || !session || record.revoked || session.revoked || record.clientId !== client.clientId) {
        throw new ApiError('InvalidGrantException', 'Invalid refresh token provided');
      }
      if (refreshTokenOnRefresh === 'rotate') {
        record.revoked = true;
        return tokenResponse(client, session, true);
      }
      const access = mintAccessToken(session, accessTokenTtl);
      const answer: { [key: string]: JsonValue } = { accessToken: access.token, tokenType: 'Bearer', expiresIn: accessTokenTtl };
      if (refreshTokenOnRefresh === 'reuse') answer.refreshToken = record.token;
      return answer;
    }

    // authorization_code
    const code = reqString(body, 'code');
    const redirectUri = reqString(body, 'redirectUri');
    const verifier = reqString(body, 'codeVerifier');
    const record = authCodes.get(code);
    if (!record || record.clientId !== client.clientId || record.region !== region) throw new ApiError('InvalidGrantException', 'Invalid authorization code provided');
    if (record.used) throw new ApiError('InvalidGrantException', 'Authorization code has already been used');
    if (now() >= record.expiresAt) throw new ApiError('InvalidGrantException', 'Authorization code has expired');
    if (record.redirectUri !== redirectUri) throw new ApiError('InvalidGrantException', 'redirectUri does not match the authorization request');
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new ApiError('InvalidRequestException', 'Invalid code verifier');
    if (s256(verifier) !== record.codeChallenge) throw new ApiError('InvalidGrantException', 'Code verifier does not match the code challenge');
    record.used = true;
    // The authorization-code flow signs in to the start URL the client named as issuer.
    return tokenResponse(client, startSession(client.clientId, client.issuerUrl ?? DEFAULT_START_URL, client.region), mayRefresh);
  }

  // ----- browser-facing pages ----------------------------------------------

  function redirectTo(redirectUri: string, params: Record<string, string>): string {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
    return target.toString();
  }

  function completeAuthorize(w: WaitingAuthorize, decision: 'approve' | 'deny'): void {
    if (decision === 'deny') {
      w.info.outcome = 'denied';
      sendRedirect(w.res, w.entry, redirectTo(w.info.redirectUri, { error: 'access_denied', state: w.info.state }));
      return;
    }
    const code = random.authorizationCode();
    authCodes.set(code, {
      code,
      clientId: w.info.clientId,
      region: w.region,
      redirectUri: w.info.redirectUri,
      codeChallenge: w.codeChallenge,
      expiresAt: now() + authCodeTtl * 1000,
      used: false,
    });
    w.info.outcome = 'approved';
    sendRedirect(w.res, w.entry, redirectTo(w.info.redirectUri, { code, state: w.info.state }));
  }

  function handleAuthorize(query: URLSearchParams, res: http.ServerResponse, entry: EmulatorRequest): void {
    const region = entry.region;
    const clientIdParam = query.get('client_id') ?? '';
    const redirectUri = query.get('redirect_uri') ?? '';
    const state = query.get('state') ?? '';
    const client = clients.get(clientIdParam);
    const scopes = (query.get('scopes') ?? query.get('scope') ?? '').split(' ').filter((s) => s !== '');
    const info: AuthorizeInfo = { clientId: clientIdParam, redirectUri, state, scopes, outcome: 'rejected' };
    authorizeLog.push(info);
    // Never redirect to an unverified URI (RFC 6749 §4.1.2.1): answer an error page instead.
    if (!client || now() >= client.expiresAtMs || client.region !== region) {
      sendHtml(res, entry, 400, 'invalid_client: unknown or expired client_id');
      return;
    }
    if (!redirectUri || !client.redirectUris.some((r) => redirectUriMatches(r, redirectUri))) {
      sendHtml(res, entry, 400, 'invalid_redirect_uri: redirect_uri is not registered for this client');
      return;
    }
    const fail = (error: string, description: string): void => {
      const params: Record<string, string> = { error, error_description: description };
      if (state) params.state = state;
      sendRedirect(res, entry, redirectTo(redirectUri, params));
    };
    if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
    if (!clientAllows(client, 'authorization_code')) return fail('unauthorized_client', 'client may not use authorization_code');
    if (!state) return fail('invalid_request', 'state is required');
    if (query.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
    const challenge = stripPadding(query.get('code_challenge') ?? '');
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail('invalid_request', 'code_challenge must be base64url(sha256(verifier))');
    if (scopes.some((s) => !client.scopes.includes(s))) return fail('invalid_scope', 'scopes were not registered by the client');

    info.outcome = 'waiting';
    const waiting: WaitingAuthorize = { info, region, res, entry, codeChallenge: challenge };
    const preset = presetDecisions.shift();
    if (autoApprove) return completeAuthorize(waiting, 'approve');
    if (preset) return completeAuthorize(waiting, preset);
    waitingAuthorize.push(waiting);
    res.on('close', () => {
      const i = waitingAuthorize.indexOf(waiting);
      if (i >= 0) waitingAuthorize.splice(i, 1);
    });
  }

  function decideAuthorization(decision: 'approve' | 'deny', state?: string): void {
    const targets = waitingAuthorize.filter((w) => state === undefined || w.info.state === state);
    if (targets.length === 0) {
      if (state !== undefined) throw new Error(`no /authorize request is waiting with state ${state}`);
      presetDecisions.push(decision);
      return;
    }
    for (const w of targets) {
      waitingAuthorize.splice(waitingAuthorize.indexOf(w), 1);
      completeAuthorize(w, decision);
    }
  }

  function handleDeviceVerification(query: URLSearchParams, res: http.ServerResponse, entry: EmulatorRequest): void {
    const userCode = query.get('user_code') ?? '';
    const device = [...devices.values()].find((d) => d.userCode === userCode);
    if (!device || now() >= device.expiresAt) {
      sendHtml(res, entry, 404, 'Unknown or expired code');
      return;
    }
    // The page asks the user to allow the request; only approveDeviceCode() (the user's
    // explicit decision) approves it. Visiting the page approves nothing.
    sendHtml(res, entry, 200, `Authorize request ${userCode}?`);
  }

  // ----- dispatch -----------------------------------------------------------

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    // STS (query protocol): every action is a form-encoded POST to `/`, a path SSO never uses.
    if (parsed.pathname === '/federation') {
      const body = await readBody(req).catch(() => undefined);
      if (body !== undefined) signin.handle(req, parsed, body, res);
      return;
    }
    if (method === 'POST' && parsed.pathname === '/') {
      const body = await readBody(req).catch(() => undefined);
      if (body !== undefined) sts.handle(req, body, res);
      return;
    }
    // An AWS host names the service and region; the emulator's own address names neither.
    const host = AWS_HOST.exec(req.headers.host ?? '');
    const region = host?.[2] ?? homeRegion;
    const hostService = host ? (host[1] === 'oidc' ? 'oidc' : 'portal') : undefined;
    const portalRoute = hostService === 'oidc' ? undefined : PORTAL_ROUTES[parsed.pathname];
    // `/token?aws_iam=t` is CreateTokenWithIAM, which the emulator does not implement.
    const oidcRoute =
      hostService === 'portal' || (parsed.pathname === '/token' && parsed.searchParams.has('aws_iam')) ? undefined : OIDC_ROUTES[parsed.pathname];
    let operation: LoggedOperation = 'Unknown';
    if (portalRoute && portalRoute.method === method) operation = portalRoute.operation;
    else if (oidcRoute && oidcRoute.method === method) operation = oidcRoute.operation;
    else if (parsed.pathname === '/authorize' && method === 'GET' && hostService !== 'portal') operation = 'Authorize';
    else if (parsed.pathname === '/device' && method === 'GET' && hostService !== 'portal') operation = 'DeviceVerification';

    const query: Record<string, string> = {};
    for (const [k, v] of parsed.searchParams) query[k] = v;
    const entry: EmulatorRequest = {
      operation,
      region,
      method,
      path: parsed.pathname,
      query,
      headers: logHeaders(req, portalRoute !== undefined),
      body: undefined,
      at: now(),
    };
    requests.push(entry);

    let text: string;
    try {
      text = await readBody(req);
    } catch (err) {
      if (!res.headersSent && err instanceof ApiError) sendError(res, entry, portalRoute ? 'portal' : 'oidc', err);
      return;
    }
    entry.body = parseBody(text);

    if (operation === 'Authorize') return handleAuthorize(parsed.searchParams, res, entry);
    if (operation === 'DeviceVerification') return handleDeviceVerification(parsed.searchParams, res, entry);
    if (operation === 'Unknown') {
      return sendError(res, entry, portalRoute ? 'portal' : 'oidc', new ApiError('UnknownOperationException', `No operation for ${method} ${parsed.pathname}`, 404));
    }

    const family = portalRoute ? 'portal' : 'oidc';
    const disruption = disruptions.get(operation)?.[0];
    if (disruption) {
      const left = (disruption.times ?? 1) - 1;
      if (left <= 0) disruptions.get(operation)?.shift();
      else disruption.times = left;
      entry.errorType = disruption.kind === 'hang' ? 'Hang' : 'ConnectionClosed';
      if (disruption.kind === 'close') req.socket.destroy();
      return; // a hung request is answered never: stop() closes its socket
    }
    try {
      const fault = takeFault(operation);
      if (fault) {
        const errorType = normaliseErrorType(fault.errorType);
        throw new ApiError(errorType, fault.message ?? `Injected ${errorType}`, fault.status);
      }
      let result: JsonValue | undefined;
      if (portalRoute) {
        result = handlePortal(portalRoute.operation, req, parsed.searchParams, region);
      } else {
        const body = bodyObject(typeof entry.body === 'string' ? invalidJson() : entry.body);
        if (operation === 'RegisterClient') result = registerClientOp(body, region);
        else if (operation === 'StartDeviceAuthorization') result = startDeviceAuthorizationOp(body, region);
        else result = createTokenOp(body, region);
      }
      sendJson(res, entry, 200, result);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError('InternalServerException', err instanceof Error ? err.message : String(err), 500);
      sendError(res, entry, family, apiError);
    }
  }

  function invalidJson(): never {
    throw new ApiError('InvalidRequestException', 'Request body is not valid JSON');
  }

  // ----- server -------------------------------------------------------------

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  let stopping: Promise<void> | undefined;

  const emulator: SsoEmulator = {
    url,
    port,
    region: homeRegion,
    requests,
    requestsFor: (operation) => requests.filter((r) => r.operation === operation),
    clearRequests: () => {
      requests.length = 0;
    },
    now,
    advanceClock: (seconds) => {
      clockOffsetMs += seconds * 1000;
    },
    getAccounts: (startUrl = DEFAULT_START_URL) => cloneAccounts(accountsOf(startUrl)),
    setAccounts: (list, startUrl = DEFAULT_START_URL) => {
      directories.set(startUrl, cloneAccounts(list));
    },
    issueAccessToken: (opts) => issueSession(opts).accessToken,
    issueSession,
    revokeAccessToken: (token) => {
      const record = accessTokens.get(token);
      if (!record) return false;
      record.revoked = true;
      return true;
    },
    revokeRefreshToken: (token) => {
      const record = refreshTokens.get(token);
      if (!record) return false;
      record.revoked = true;
      return true;
    },
    describeAccessToken,
    registerClient: (opts = {}) => publicClient(createClient(opts)),
    getClient: (id) => {
      const c = clients.get(id);
      return c ? publicClient(c) : undefined;
    },
    deviceAuthorizations: () => [...devices.values()].map(deviceSnapshot),
    approveDeviceCode: (userCode) => decideDevice(userCode, 'approved'),
    denyDeviceCode: (userCode) => decideDevice(userCode, 'denied'),
    authorizations: () => authorizeLog.map((a) => ({ ...a, scopes: [...a.scopes] })),
    approveAuthorization: (state) => decideAuthorization('approve', state),
    denyAuthorization: (state) => decideAuthorization('deny', state),
    setAutoApprove: (on) => {
      autoApprove = on;
    },
    setRefreshTokenOnRefresh: (mode) => {
      refreshTokenOnRefresh = mode;
    },
    setMaxPageSize: (size) => {
      maxPageSize = size ?? Number.POSITIVE_INFINITY;
    },
    failNext: (operation, fault) => {
      const queue = faults.get(operation) ?? [];
      queue.push({ ...fault });
      faults.set(operation, queue);
    },
    disruptNext: (operation, disruption) => {
      const queue = disruptions.get(operation) ?? [];
      queue.push({ ...disruption });
      disruptions.set(operation, queue);
    },
    slowDownNext: (count = 1) => {
      slowDowns += count;
    },
    transformNextRoleCredentials: (transform, times = 1) => {
      for (let i = 0; i < times; i += 1) roleBodyTransforms.push(transform);
    },
    clearFaults: () => {
      faults.clear();
      disruptions.clear();
      slowDowns = 0;
      roleBodyTransforms.length = 0;
      presetDecisions.length = 0;
    },
    issuedRoleCredentials,
    sts,
    signin,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
  return emulator;
}
