// The shapes of a resolved profile, one per kind. Each kind has its module beside this file
// (how it is resolved, described, whether it holds a secret); loadProfile.ts dispatches over
// them with exhaustive switches, so a new kind here is a compile error wherever it is missing.

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

/** What a sign-in needs: the settings an sso-session (or a legacy profile) gives. */
export type SsoSignIn = Pick<SsoSettings, 'startUrl' | 'ssoRegion' | 'sessionName' | 'registrationScopes'>;

/** The `credential_source` values the AWS CLI accepts (its canonical provider names, case as written). */
export const CREDENTIAL_SOURCES = ['Environment', 'EcsContainer', 'Ec2InstanceMetadata'] as const;
export type CredentialSourceName = (typeof CREDENTIAL_SOURCES)[number];

/** The AssumeRole settings of a profile, as the AWS CLI reads them. */
export interface RoleSettings {
  readonly roleArn: string;
  /** role_session_name; without it a `botocore-session-<epoch seconds>` name is generated. */
  readonly roleSessionName?: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
  readonly durationSeconds?: number;
}

/** Where a role profile's source credentials come from when it has `credential_source`. */
export interface CredentialSource {
  readonly kind: 'credential-source';
  /** The profile that names it. */
  readonly name: string;
  readonly source: CredentialSourceName;
}

/** IAM Identity Center: sso_account_id and sso_role_name, legacy form or through an sso-session. */
export interface SsoProfile {
  readonly kind: 'sso';
  readonly name: string;
  readonly region?: string;
  readonly sso: SsoSettings;
}

/** Long-term keys (or a session token written into a file). */
export interface StaticProfile {
  readonly kind: 'static';
  readonly name: string;
  readonly region?: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** role_arn with source_profile or credential_source: AssumeRole with the source's credentials. */
export interface RoleProfile {
  readonly kind: 'role';
  readonly name: string;
  readonly region?: string;
  readonly role: RoleSettings;
  readonly source: ResolvedProfile | CredentialSource;
  /** Profile names from this one down to the root of the chain, for messages. */
  readonly chain: readonly string[];
}

/** web_identity_token_file with role_arn: AssumeRoleWithWebIdentity. */
export interface WebIdentityProfile {
  readonly kind: 'web-identity';
  readonly name: string;
  readonly region?: string;
  readonly role: Pick<RoleSettings, 'roleArn' | 'roleSessionName'>;
  readonly tokenFile: string;
}

/** credential_process: run a command that prints the credentials as JSON. */
export interface ProcessProfile {
  readonly kind: 'process';
  readonly name: string;
  readonly region?: string;
  readonly command: string;
  /** `[profile x] of FILE`, for messages. */
  readonly where: string;
}

/** A profile resolved from ~/.aws/config and ~/.aws/credentials. */
export type ResolvedProfile = SsoProfile | StaticProfile | RoleProfile | WebIdentityProfile | ProcessProfile;

export type ProfileKind = ResolvedProfile['kind'];

/**
 * The end of an exhaustive switch over profile kinds: the compiler rejects the call while a
 * kind has no case (naming it). At run time (a value from outside the types) it throws.
 */
export function unknownKind(profile: never): never {
  throw new Error(`unknown profile kind: ${JSON.stringify((profile as { kind?: unknown }).kind)}`);
}
