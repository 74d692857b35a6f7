import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { ClientRegistration } from './ClientRegistration';
import type { OidcToken } from './OidcToken';
import type { SignInContext } from './SignInContext';
import type { SignInTarget } from './SignInTarget';

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
