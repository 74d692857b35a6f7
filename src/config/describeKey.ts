const SETTING_NAME = /^[A-Za-z0-9_.@-]{1,64}$/;

/**
 * A key name fit for an error message. A value pasted or wrapped onto a line of its own can
 * parse as a key name, so a name that looks random (long, mixed case and digits, like a
 * secret key) or has characters no setting has is not shown: it may be part of a secret.
 */
export function describeKey(name: string): string {
  const looksRandom = name.length >= 16 && /[a-z]/.test(name) && /[A-Z]/.test(name) && /\d/.test(name);
  return SETTING_NAME.test(name) && !looksRandom ? `"${name}"` : 'a key whose name is not shown (it looks like a pasted value)';
}
