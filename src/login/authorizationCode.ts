import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { AwscredsError } from '../runtime/AwscredsError';
import { hideInSdkLog } from '../runtime/sdkLog';
import { renderShellWords } from '../runtime/shellWords';
import { userShell } from '../shells/registry';
import { listenForAuthorizationCode, type AuthorizationCodeListener, type CallbackOutcome } from './callbackServer';
import { defaultRegistrationScopes, getClientRegistration } from './clientRegistration';
import { interruptedError, isAbortError, signInServiceError } from './signInErrors';
import { AUTHORIZATION_WAIT_SECONDS, describeSignInTarget, type SignInFlowInput, type SignInFlowResult } from './signInTarget';
import { openBrowser } from '../runtime/browser';
import { startWaitProgress } from './waitForUser';

/**
 * The authorization-code flow with PKCE (the AWS CLI's default for sso-session profiles): a
 * one-shot listener on 127.0.0.1, the browser sent to the OIDC service's /authorize page,
 * which redirects back to the listener with a code; CreateToken exchanges the code and the
 * PKCE verifier for the token. The wait ends with a token, after 10 minutes, or on Ctrl-C; a
 * page that returns an error (access_denied when the user refuses) is reported and the wait
 * goes on, since any local process could have sent it.
 */
export async function signInWithAuthorizationCode({ client, target, context, openBrowser: mayOpenBrowser, retryCommand }: SignInFlowInput): Promise<SignInFlowResult> {
  const { home, log, debug, interrupted: signal } = context;
  const registration = await getClientRegistration({ client, target, flow: 'authorization-code', home, now: context.now(), log, debug, signal });
  const scopes = registration.scopes ?? defaultRegistrationScopes(target) ?? [];
  const oidcEndpoint = await resolveOidcEndpoint(client);
  debug(`authorize: OIDC endpoint ${oidcEndpoint}`);
  const state = createOAuthState();
  const pkce = createPkcePair();

  let listener: AuthorizationCodeListener;
  try {
    listener = await listenForAuthorizationCode({ state, timeoutMs: AUTHORIZATION_WAIT_SECONDS * 1000, signal, debug });
  } catch (error) {
    throw new AwscredsError(
      'SERVICE',
      `cannot listen on 127.0.0.1 for the browser's return from the sign-in page: ${(error as Error).message}`,
      `sign in with a device code instead: \`${retryCommand} --use-device-code\``,
    );
  }
  try {
    const url = buildAuthorizeUrl({ oidcEndpoint, clientId: registration.clientId, redirectUri: listener.redirectUri, state, scopes, codeChallenge: pkce.challenge });
    log(
      [
        `awscreds: to sign in to ${describeSignInTarget(target)}, open this URL in a browser on this machine:`,
        `    ${url}`,
        `  (no browser here, e.g. over SSH? press Ctrl-C and run \`${retryCommand} --use-device-code\`)`,
      ].map((line) => renderShellWords(line, userShell(context).escape)).join('\n'),
    );
    if (mayOpenBrowser) {
      const opened = await openBrowser({ url, env: context.env, debug });
      log(opened ? 'awscreds: opened the sign-in page in your browser.' : 'awscreds: no browser found on this machine: open the URL yourself.');
    }
    const deadline = context.now().getTime() + AUTHORIZATION_WAIT_SECONDS * 1000;
    const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
    // Any local process can reach the listener, and the state is on the browser's command line:
    // a callback that is not a code CreateToken accepts is reported and the wait goes on.
    for (;;) {
      const progress = startWaitProgress({ log, isTTY: context.stderrIsTTY(), now: context.now, deadline, waitingFor: 'the sign-in in the browser' });
      const outcome = await listener.next();
      if (outcome.kind === 'timeout' || outcome.kind === 'interrupted') {
        progress.stop();
        throw callbackFailure(outcome, target, retryCommand);
      }
      if (outcome.kind !== 'code') {
        progress.stop(`awscreds: ${callbackProblem(outcome, target)}; still waiting (Ctrl-C to stop).`);
        continue;
      }
      progress.stop('awscreds: the browser returned; getting the token.');
      const command = new CreateTokenCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        grantType: 'authorization_code',
        code: outcome.code,
        redirectUri: listener.redirectUri,
        codeVerifier: pkce.verifier,
      });
      let response;
      try {
        response = await client.send(hideInSdkLog(command, ['code', 'codeVerifier']), { abortSignal: signal });
      } catch (error) {
        if (isAbortError(error, signal)) throw interruptedError('while getting the token', retryCommand);
        // A code this sign-in did not ask for (a forged callback): refused, and the wait goes on.
        if (error instanceof Error && (error.name === 'InvalidGrantException' || error.name === 'InvalidRequestException')) {
          log(`awscreds: IAM Identity Center refused the code the browser returned (${error.name}); still waiting (Ctrl-C to stop).`);
          continue;
        }
        throw signInServiceError('CreateToken', 'OIDC', target, error);
      }
      if (!response.accessToken || !response.expiresIn) throw signInServiceError('CreateToken', 'OIDC', target, new Error('the answer lacks accessToken or expiresIn'));
      return {
        token: { accessToken: response.accessToken, expiresIn: response.expiresIn, ...(response.refreshToken ? { refreshToken: response.refreshToken } : {}) },
        registration,
      };
    }
  } finally {
    listener.close();
  }
}

function callbackFailure(outcome: Extract<CallbackOutcome, { kind: 'timeout' | 'interrupted' }>, target: Parameters<typeof describeSignInTarget>[0], retryCommand: string): AwscredsError {
  if (outcome.kind === 'interrupted') return interruptedError('while waiting for the sign-in in the browser', retryCommand);
  return new AwscredsError(
    'NOT_SIGNED_IN',
    `the browser did not return from the sign-in page for ${describeSignInTarget(target)} within ${AUTHORIZATION_WAIT_SECONDS / 60} min (the page was closed, or never opened).`,
    `run \`${retryCommand}\` again and finish the sign-in in the browser; on a machine without a browser (e.g. over SSH) run \`${retryCommand} --use-device-code\`.`,
  );
}

/** One line on a callback that ended no sign-in: the page's error, or no code. */
function callbackProblem(outcome: Extract<CallbackOutcome, { kind: 'error' | 'no-code' }>, target: Parameters<typeof describeSignInTarget>[0]): string {
  const what = describeSignInTarget(target);
  if (outcome.kind === 'no-code') return `the sign-in page for ${what} returned without a code or an error`;
  if (outcome.error === 'access_denied') return `the sign-in to ${what} was denied in the browser (access_denied): choose Allow, or press Ctrl-C`;
  const hint = outcome.error === 'invalid_scope' ? ` (check sso_registration_scopes in [sso-session ${target.sessionName ?? '…'}])` : '';
  return `the sign-in page for ${what} returned error=${outcome.error}${outcome.description ? ` (${outcome.description})` : ''}${hint}`;
}

/**
 * The browser's sign-in URL: `<oidc endpoint>/authorize` with the parameters the AWS CLI
 * sends, in its order. It holds no secret (the challenge, not the verifier), so it may be
 * printed and passed to a browser on its command line.
 */
export function buildAuthorizeUrl({
  oidcEndpoint,
  clientId,
  redirectUri,
  state,
  scopes,
  codeChallenge,
}: {
  readonly oidcEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly scopes: readonly string[];
  readonly codeChallenge: string;
}): string {
  const query = new URLSearchParams([
    ['response_type', 'code'],
    ['client_id', clientId],
    ['redirect_uri', redirectUri],
    ['state', state],
    ['code_challenge_method', 'S256'],
    ['scopes', scopes.join(' ')],
    ['code_challenge', codeChallenge],
  ]);
  return `${oidcEndpoint.replace(/\/$/, '')}/authorize?${query.toString()}`;
}

const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
const VERIFIER_LENGTH = 64;

export interface PkcePair {
  /** 64 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1). A secret: never log it. */
  readonly verifier: string;
  /** base64url(sha256(verifier)), unpadded: sent in the authorize URL. */
  readonly challenge: string;
}

/**
 * A PKCE verifier and its S256 challenge, as the AWS CLI makes them. `pick(n)` returns a
 * uniform integer in [0, n): crypto.randomInt unless a test passes its own.
 */
export function createPkcePair(pick: (n: number) => number = randomInt): PkcePair {
  let verifier = '';
  for (let i = 0; i < VERIFIER_LENGTH; i++) verifier += VERIFIER_ALPHABET.charAt(pick(VERIFIER_ALPHABET.length));
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') };
}

/** A fresh, unguessable `state` for one authorize request (checked on the callback). */
export function createOAuthState(random: () => string = randomUUID): string {
  return random();
}

class EndpointResolved extends Error {
  constructor(readonly url: string) {
    super('endpoint resolved');
  }
}

/**
 * The base URL this OIDC client sends its requests to, resolved by the SDK itself (the
 * `endpoint` option, AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL, the config file's services,
 * else `https://oidc.<region>.amazonaws.com`): the browser's authorize page lives there too.
 * It builds a CreateToken request and stops it before anything is sent.
 */
export async function resolveOidcEndpoint(client: SSOOIDCClient): Promise<string> {
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
  const probe = new CreateTokenCommand({ clientId: 'endpoint-probe', clientSecret: 'endpoint-probe', grantType: 'endpoint-probe' });
  probe.middlewareStack.add(
    (_next, context) => async (args) => {
      const request = args.request as { protocol?: string; hostname?: string; port?: number; path?: string };
      const port = request.port !== undefined ? `:${request.port}` : '';
      const base = (request.path ?? '').replace(/\/token$/, '').replace(/\/$/, '');
      // Not a failure: keep the SDK's logger from reporting this stop under --debug.
      context.logger = undefined;
      throw new EndpointResolved(`${request.protocol ?? 'https:'}//${request.hostname ?? ''}${port}${base}`);
    },
    { step: 'build', name: 'awscredsResolveOidcEndpoint', priority: 'high' },
  );
  try {
    await client.send(probe);
  } catch (error) {
    if (error instanceof EndpointResolved) return error.url;
    throw error;
  }
  throw new Error('resolveOidcEndpoint: the request was not stopped before sending');
}
