import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { ClientRegistration } from '../awsCliCache/clientRegistrationFile';
import type { SsoSettings } from '../config/loadProfile';
import type { Runtime } from '../runtime/Runtime';
import { profileArgument } from '../runtime/shellWords';

/**
 * What a sign-in is for: an sso-session (session form) or a legacy profile's start URL.
 * A profile's `SsoSettings` is one as it stands.
 */
export type SignInTarget = Pick<SsoSettings, 'startUrl' | 'ssoRegion' | 'sessionName' | 'registrationScopes'>;

/** The two sign-in flows; they register different OIDC clients. */
export type SignInFlow = 'authorization-code' | 'device-code';

/** The part of the CLI context a sign-in or sign-out reads: a command's context fits as is. */
export type SignInContext = Pick<Runtime, 'env' | 'parentProcess' | 'home' | 'now' | 'log' | 'debug' | 'stderrIsTTY' | 'sdk' | 'interrupted'>;

/** What both sign-in flows take. */
export interface SignInFlowInput {
  readonly client: SSOOIDCClient;
  readonly target: SignInTarget;
  readonly context: SignInContext;
  /** Try to open a browser (false: only print the URL, and the code). */
  readonly openBrowser: boolean;
  /** The `awscreds login …` command to suggest in messages. */
  readonly retryCommand: string;
}

/** What both sign-in flows return: the token and the registration it was issued to. */
export interface SignInFlowResult {
  readonly token: OidcToken;
  readonly registration: ClientRegistration;
}

/** What CreateToken answered, before it becomes a cache file. Every field is a secret but expiresIn. */
export interface OidcToken {
  readonly accessToken: string;
  /** seconds */
  readonly expiresIn: number;
  readonly refreshToken?: string;
}

/** The fixed values of the sign-in flows, as the AWS CLI and RFC 8628 / RFC 8252 set them. */

/** Grant types the authorization-code flow registers (and that mark its cached registrations). */
export const AUTHORIZATION_CODE_GRANT_TYPES: readonly string[] = ['authorization_code', 'refresh_token'];
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
/** The listener's path; the registered redirect URI has no port (loopback matching ignores it). */
export const CALLBACK_PATH = '/oauth/callback';
export const REGISTERED_REDIRECT_URI = `http://127.0.0.1${CALLBACK_PATH}`;
/** A cached registration is reused only with more than this left (botocore's _EXPIRY_WINDOW). */
export const REGISTRATION_MIN_REMAINING_MS = 15 * 60 * 1000;
/** How long the callback listener waits for the browser: as long as a device code lives. */
export const AUTHORIZATION_WAIT_SECONDS = 600;
/** RFC 8628: poll every 5 s unless told otherwise, and 5 s more after each slow_down. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const SLOW_DOWN_SECONDS = 5;

/** `sso-session "corp"`, or `start URL https://…` for a legacy profile: what a message names. */
export function describeSignInTarget(target: SignInTarget): string {
  return target.sessionName !== undefined ? `sso-session "${target.sessionName}"` : `start URL ${target.startUrl}`;
}

/** The `awscreds login …` command that signs in to this target again, for messages. */
export function signInCommandLine(target: SignInTarget, profileName: string | undefined, extra = ''): string {
  const what =
    profileName !== undefined ? profileArgument(profileName) : target.sessionName !== undefined ? profileArgument(target.sessionName, '--sso-session') : '--profile PROFILE';
  return `awscreds login ${what}${extra}`;
}
