import type { SsoSettings } from '../config/types';

/**
 * What a sign-in is for: an sso-session (session form) or a legacy profile's start URL.
 * A profile's `SsoSettings` is one as it stands.
 */
export type SignInTarget = Pick<SsoSettings, 'startUrl' | 'ssoRegion' | 'sessionName' | 'registrationScopes'>;

/** The two sign-in flows; they register different OIDC clients. */
export type SignInFlow = 'authorization-code' | 'device-code';
