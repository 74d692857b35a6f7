import type { MiddlewareStack, RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

// How long awscreds waits for IAM Identity Center, and how often it tries again: one place,
// used by the SDK client factories in main.ts. Type-only imports: loading this module loads no SDK.

export const NETWORK_POLICY = {
  /** A TCP connection not made by then is abandoned (a dropped SYN, a black-holed route). */
  connectionTimeoutMs: 3000,
  /** One attempt, from sending to the whole response, connection included. */
  requestTimeoutMs: 4500,
  /** Attempts per call at most (first one included). */
  maxAttempts: 3,
  /**
   * No retry starts that could end later than this after the call began: a hung service fails a
   * call within about 10 s, so an export (refresh + GetRoleCredentials) within 20 s.
   */
  callBudgetMs: 10_000,
  /**
   * From the moment an export needs a shared cache entry (a token refresh, role credentials), it
   * ends within this: it waits for the lock (src/runtime/fileLock.ts) until then, and the calls
   * it makes under the lock are cut off then (`untilDeadline`), so a late lock holder gets only
   * what is left. Two calls of `callBudgetMs` fit.
   */
  exportBudgetMs: 20_000,
  /** Full-jitter exponential backoff: a delay in [0, min(cap, base * 2^retry)). */
  backoffBaseMs: 100,
  throttlingBackoffBaseMs: 500,
  backoffCapMs: 2000,
} as const;

/** What the SDK client factories pass as `requestHandler`: the timeouts, as errors (not warnings). */
export function requestHandlerOptions(policy = NETWORK_POLICY): { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true } {
  return { connectionTimeout: policy.connectionTimeoutMs, requestTimeout: policy.requestTimeoutMs, throwOnRequestTimeout: true };
}

interface BudgetToken extends RetryToken {
  readonly startedAt: number;
}

function token(retryCount: number, delay: number, startedAt: number): BudgetToken {
  return { startedAt, getRetryCount: () => retryCount, getRetryDelay: () => delay };
}

/** ECONNREFUSED anywhere in the error's cause chain: nothing listens there, and nothing will in a second. */
export function isConnectionRefused(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === 'ECONNREFUSED') return true;
  }
  return false;
}

/** Send options that end a call still running at `deadline` (epoch ms): the SDK rejects it with an AbortError. */
export function untilDeadline(deadline: number | undefined): { abortSignal?: AbortSignal } {
  // AbortSignal.timeout's timer does not keep the process alive.
  return deadline === undefined ? {} : { abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) };
}

/** The SDK's AbortError for a call that `untilDeadline` ended: its cause is the signal's TimeoutError. */
export function isDeadlineAbort(error: unknown): boolean {
  const e = error as { name?: unknown; cause?: { name?: unknown } } | undefined;
  return e?.name === 'AbortError' && e.cause?.name === 'TimeoutError';
}

/**
 * The SDK retry strategy: 5xx, throttling (429) and network errors (reset, timeout) are tried
 * again after a jittered backoff, at most `maxAttempts` times in all and never past the call's
 * budget; a 4xx other than throttling is never retried, nor a refused connection, nor a call
 * ended at its deadline.
 */
export function boundedRetryStrategy(policy = NETWORK_POLICY, random: () => number = Math.random, clock: () => number = Date.now): RetryStrategyV2 {
  return {
    acquireInitialRetryToken: async () => token(0, 0, clock()),
    refreshRetryTokenForRetry: async (previous: RetryToken, info: RetryErrorInfo) => {
      const startedAt = (previous as BudgetToken).startedAt ?? clock();
      const retries = previous.getRetryCount() + 1;
      const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT' || info.errorType === 'SERVER_ERROR';
      if (!retryable || isConnectionRefused(info.error) || isDeadlineAbort(info.error) || retries >= policy.maxAttempts) throw info.error ?? new Error('not retried');
      const base = info.errorType === 'THROTTLING' ? policy.throttlingBackoffBaseMs : policy.backoffBaseMs;
      const delay = Math.floor(random() * Math.min(policy.backoffCapMs, base * 2 ** (retries - 1)));
      if (clock() - startedAt + delay + policy.requestTimeoutMs > policy.callBudgetMs) throw info.error ?? new Error('out of time');
      return token(retries, delay, startedAt);
    },
    recordSuccess: () => undefined,
  };
}

/** The endpoint a failed call went to, recorded on its error by `nameEndpointInErrors`. */
export const ENDPOINT_OF_ERROR = Symbol.for('awscreds.endpoint');

/**
 * Adds a middleware that records, on any error a call ends with, the endpoint it was sent to
 * (`fallback` when the SDK had not resolved one yet), so messages can name it.
 */
export function nameEndpointInErrors(stack: MiddlewareStack<any, any>, fallback: string): void {
  stack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error !== null && typeof error === 'object') {
          const url = (context as { endpointV2?: { url?: URL } }).endpointV2?.url;
          Object.defineProperty(error, ENDPOINT_OF_ERROR, { value: url ? url.origin : fallback, enumerable: false, configurable: true });
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'awscredsNameEndpointInErrors', priority: 'high', override: true },
  );
}

/**
 * Where the SDK sends a service's calls: AWS_ENDPOINT_URL_<SERVICE> (or AWS_ENDPOINT_URL), as the
 * SDK reads them, else the regional AWS endpoint (STS's global one for 'aws-global').
 */
export function serviceEndpoint(service: AwsService, region: string, env: Readonly<Record<string, string | undefined>>): string {
  const configured = endpointFromEnv(service, env);
  if (configured !== undefined) return configured;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  if (service === 'sts') return region === 'aws-global' ? 'https://sts.amazonaws.com' : `https://sts.${region}.${suffix}`;
  return service === 'sso' ? `https://portal.sso.${region}.${suffix}` : `https://oidc.${region}.${suffix}`;
}

type AwsService = 'sso' | 'sso-oidc' | 'sts';

/** AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL, else none (the SDK's own endpoint rules). */
export function endpointFromEnv(service: AwsService, env: Readonly<Record<string, string | undefined>>): string | undefined {
  return { sso: env.AWS_ENDPOINT_URL_SSO, 'sso-oidc': env.AWS_ENDPOINT_URL_SSO_OIDC, sts: env.AWS_ENDPOINT_URL_STS }[service] || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * Client settings the SDK would otherwise look up in ~/.aws/config and ~/.aws/credentials, for
 * the default profile, with an unbounded read of its own: awscreds has read the files (bounded,
 * regular files only) and uses none of these settings. Endpoints come from AWS_ENDPOINT_URL_*
 * only (serviceEndpoint), never from a profile's endpoint_url.
 */
export function pinnedClientSettings(endpoint: string | undefined): Record<string, unknown> {
  return {
    defaultsMode: 'legacy',
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    ignoreConfiguredEndpointUrls: true,
    ...(endpoint === undefined ? {} : { endpoint }),
    authSchemePreference: [],
    userAgentAppId: async () => undefined,
    maxAttempts: NETWORK_POLICY.maxAttempts,
    retryMode: 'standard',
    disableClockSkewCorrection: false,
  };
}
