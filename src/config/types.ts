/** The IAM Identity Center settings of an SSO profile, merged from the profile and its sso-session. */
export interface SsoSettings {
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly accountId: string;
  readonly roleName: string;
  /** Session form only: the [sso-session NAME] the profile points at. */
  readonly sessionName?: string;
  /** Session form only: sso_registration_scopes, split on commas. */
  readonly registrationScopes?: readonly string[];
}

/** A profile resolved from ~/.aws/config and ~/.aws/credentials. */
export type ResolvedProfile =
  | { readonly kind: 'sso'; readonly name: string; readonly region?: string; readonly sso: SsoSettings }
  | {
      readonly kind: 'static';
      readonly name: string;
      readonly region?: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken?: string;
    };
