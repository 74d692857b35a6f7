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
