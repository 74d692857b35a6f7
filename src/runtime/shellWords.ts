/**
 * A word of a command that a message suggests (`aws sso login --profile NAME`), marked so
 * that it is quoted for the shell the user will paste it into. Domain code does not know that
 * shell: it marks the word, and the message is finished where it is printed
 * (`AwscredsError.toUserText`, with the user's shell's `escape`). A word every shell reads as
 * itself stays as it is, so most messages hold no mark at all.
 */

// Safe bare in bash, zsh, fish, nu and sh: no quoting, globbing, expansion or `-` option start.
const BARE_EVERYWHERE = /^[A-Za-z0-9_][A-Za-z0-9._/@:+-]*$/;
const OPEN = '\ue000';
const CLOSE = '\ue001';
// The word travels as base64url, which cannot hold either mark: a word cannot end its mark early.
const MARKED = /\ue000([A-Za-z0-9_-]*)\ue001/g;

/** `value` as one word of a suggested command, to be quoted for the user's shell when printed. */
export function shellWord(value: string): string {
  return BARE_EVERYWHERE.test(value) ? value : `${OPEN}${Buffer.from(value, 'utf8').toString('base64url')}${CLOSE}`;
}

/**
 * `--profile NAME` as a user should type it: the name one word, joined to the option with `=`
 * when it starts with a dash, so that no parser takes it for an option.
 */
export function profileArgument(name: string, option = '--profile'): string {
  return name.startsWith('-') ? shellWord(`${option}=${name}`) : `${option} ${shellWord(name)}`;
}

/** `text` with each marked word quoted by `quote` (a shell's escape). */
export function renderShellWords(text: string, quote: (word: string) => string): string {
  return text.replace(MARKED, (_, encoded: string) => quote(Buffer.from(encoded, 'base64url').toString('utf8')));
}
