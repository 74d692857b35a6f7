import { AwscredsError } from '../runtime/AwscredsError';

// The part of ~/.aws/config that `awscreds populate` owns: one block per sso-session, between
// two comment lines. Everything before and after a block is the user's and is kept byte for
// byte; inside it, awscreds writes every section the same way each run, so a run with nothing
// new gives the same bytes.

/** One generated profile: its name and its keys in the order they are written. */
export interface GeneratedProfile {
  readonly name: string;
  readonly keys: ReadonlyArray<readonly [key: string, value: string]>;
}

/** The config text split around a session's block. */
export interface SplitConfig {
  /** Text before the block (or the whole file when there is none). */
  readonly before: string;
  /** Text after the block's end line. */
  readonly after: string;
  /** Whether the file has the block. */
  readonly hasBlock: boolean;
  /** The block's sections by profile name, each as the text it renders to. */
  readonly generated: ReadonlyMap<string, string>;
  /** `\r\n` when the file's lines end so, else `\n`. */
  readonly eol: string;
}

export function beginLine(session: string): string {
  return `# awscreds populate: begin sso-session ${session} (generated; a later run rewrites it)`;
}

export function endLine(session: string): string {
  return `# awscreds populate: end sso-session ${session}`;
}

/** Splits `text` around the block of `session`; a begin line without its end line is refused, not guessed at. */
export function splitConfig(text: string, session: string, file: string): SplitConfig {
  const eol = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n';
  const begin = findLine(text, beginLine(session), 0);
  if (begin === undefined) return { before: text, after: '', hasBlock: false, generated: new Map(), eol };
  const end = findLine(text, endLine(session), begin.end);
  if (end === undefined) {
    throw new AwscredsError('CONFIG', `${file} has the begin line of awscreds' sso-session ${session} block, but not its end line.`, `restore the line "${endLine(session)}", or delete the block.`);
  }
  const generated = new Map<string, string>();
  let current: string | undefined;
  for (const raw of text.slice(begin.end, end.start).split('\n')) {
    const line = raw.replace(/\r$/, '');
    const header = /^\[profile ([^\]\s]+)\]$/.exec(line);
    if (header) current = header[1] as string;
    if (current !== undefined && line !== '') generated.set(current, `${generated.get(current) ?? ''}${line}\n`);
  }
  return { before: text.slice(0, begin.start), after: text.slice(end.end), hasBlock: true, generated, eol };
}

function findLine(text: string, line: string, from: number): { start: number; end: number } | undefined {
  for (let at = text.indexOf(line, from); at !== -1; at = text.indexOf(line, at + 1)) {
    const startsLine = at === 0 || text[at - 1] === '\n';
    const rest = text.slice(at + line.length, at + line.length + 2);
    const endsLine = rest === '' || rest.startsWith('\n') || rest === '\r\n' || rest.startsWith('\r\n');
    if (startsLine && endsLine) return { start: at, end: at + line.length + (rest.startsWith('\r\n') ? 2 : rest.startsWith('\n') ? 1 : 0) };
  }
  return undefined;
}

/** One section as the block holds it (lines end in `\n`; the file's own line ending is applied on output). */
export function renderSection(profile: GeneratedProfile): string {
  return `[profile ${profile.name}]\n${profile.keys.map(([key, value]) => `${key} = ${value}\n`).join('')}`;
}

/**
 * The file with the session's block holding `sections` (sorted by name), or without the block
 * when there are none. A new block goes at the end, after a blank line.
 */
export function joinConfig(split: SplitConfig, session: string, sections: ReadonlyMap<string, string>): string {
  const names = [...sections.keys()].sort();
  const block = sections.size === 0 ? '' : [`${beginLine(session)}\n`, names.map((n) => sections.get(n)).join('\n'), `${endLine(session)}\n`].join('').replace(/\n/g, split.eol);
  if (split.hasBlock) return `${split.before}${block}${split.after}`;
  if (block === '') return split.before;
  return `${separator(split.before, split.eol)}${block}`;
}

/** `text` followed by what puts the next line after a blank line. */
export function separator(text: string, eol: string): string {
  if (text === '') return '';
  const ended = text.endsWith('\n') ? text : `${text}${eol}`;
  return ended.endsWith(`${eol}${eol}`) || ended === eol ? ended : `${ended}${eol}`;
}
