// Random values shaped like the ones IAM Identity Center and STS hand out.
// Node built-ins only: this file is bundled into the demo server as well.
import { randomBytes, randomInt } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// Device user codes avoid look-alike characters, like the real ones (e.g. "QXJT-NMKB").
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

/** Overwrites one random position of `value` with `char`, avoiding `taken` positions. */
function plant(value: string, char: string, taken: Set<number>, from = 0): string {
  let index = randomInt(from, value.length);
  while (taken.has(index)) index = randomInt(from, value.length);
  taken.add(index);
  return value.slice(0, index) + char + value.slice(index + 1);
}

/** `ASIA` + 16 upper-case alphanumerics: a temporary (STS-issued) access key id. */
export function accessKeyId(): string {
  return `ASIA${pick(UPPER_ALNUM, 16)}`;
}

/** 40 characters of the base64 alphabet, always containing both `/` and `+`. */
export function secretAccessKey(): string {
  const taken = new Set<number>();
  let secret = pick(BASE64_ALPHABET, 40);
  secret = plant(secret, '/', taken);
  secret = plant(secret, '+', taken);
  return secret;
}

/**
 * An STS-like session token: the usual `IQoJb3JpZ2luX2Vj` prefix followed by padded
 * standard base64, 472 characters, always containing `+`, `/` and ending in `==`.
 */
export function sessionToken(): string {
  for (;;) {
    const token = `IQoJb3JpZ2luX2Vj${randomBytes(340).toString('base64')}`;
    if (token.includes('+') && token.includes('/') && token.endsWith('==')) return token;
  }
}

/** An opaque OIDC access token in the style of IAM Identity Center (`aoa…:MGUC…`). */
export function oidcAccessToken(): string {
  return `aoaAAAAAG${randomBytes(96).toString('base64')}:MGUC${randomBytes(72).toString('base64')}`;
}

/** An opaque OIDC refresh token (`aor…`). */
export function oidcRefreshToken(): string {
  return `aorAAAAAG${randomBytes(120).toString('base64')}:MGQC${randomBytes(70).toString('base64')}`;
}

export function clientId(): string {
  return randomBytes(16).toString('base64url');
}

/** Client secrets are JWT-shaped (`eyJ…`) in the real service. */
export function clientSecret(): string {
  const header = Buffer.from('{"kid":"key-1564028099","alg":"ES384"}').toString('base64url');
  return `${header}.${randomBytes(280).toString('base64url')}.${randomBytes(96).toString('base64url')}`;
}

export function deviceCode(): string {
  return randomBytes(64).toString('base64url');
}

export function userCode(): string {
  return `${pick(USER_CODE_ALPHABET, 4)}-${pick(USER_CODE_ALPHABET, 4)}`;
}

export function authorizationCode(): string {
  return randomBytes(48).toString('base64url');
}

export function opaqueId(): string {
  return randomBytes(12).toString('hex');
}
