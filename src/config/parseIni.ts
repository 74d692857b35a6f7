import { AwscredsError } from '../runtime/AwscredsError';
import { describeKey } from './configValues';

/** A value is a string, or a nested block (`s3 =` followed by indented `k = v` lines). */
export type IniValue = string | Readonly<Record<string, string>>;
export type IniSection = Record<string, IniValue>;
/** Section name exactly as written between the brackets → its keys, as written, in file order. */
export type IniSections = Record<string, IniSection>;

/**
 * One file as Python's RawConfigParser reads it, before botocore copies [DEFAULT] into each
 * section. The whole file is checked when it is parsed; a section's keys are built only when
 * asked for, so a 10,000-profile file costs an export one pass over its text, not 10,000
 * sections it does not use.
 */
export interface ParsedIni {
  /** Every section but [DEFAULT], by its name as written between the brackets (not trimmed), in file order. */
  readonly names: readonly string[];
  /** The keys a section sets itself (not those of [DEFAULT]), built on first use; undefined for no such section. */
  section(name: string): IniSection | undefined;
  /** The keys of the [DEFAULT] section(s): every other section of the file inherits them. */
  readonly defaults: IniSection;
  /**
   * Lines the AWS CLI reads in a way the writer may not have meant (text after a header's `]`,
   * an indented line that continues a value, a key with `/` or `+`), as `file:line: note`, for
   * --debug. They never quote the line: it may hold a secret.
   */
  readonly notes: readonly string[];
}

/**
 * Parses ~/.aws/config or ~/.aws/credentials as the AWS CLI does: botocore hands the file to
 * Python's RawConfigParser (strict, `=` or `:` between key and value, whole-line `#`/`;`
 * comments only, so `# x` after a value stays part of it) and then reads an empty value
 * followed by indented `key = value` lines as a nested block. Like RawConfigParser:
 * - a header is `[` + anything + the line's last `]`; text after that `]` is ignored;
 * - a line indented deeper than the key line before it continues that key's value (joined
 *   with newlines), even when it looks like a key or a header;
 * - key names may hold any character but the delimiters;
 * - [DEFAULT] is no section of its own: its keys go to `defaults` (see withDefaults).
 * Where the AWS CLI refuses the whole file (repeated section, repeated key, a line it cannot
 * parse, a key before any section, a nested line without `=`) this throws a CONFIG error
 * naming file:line. Lines are never echoed: they may hold a secret.
 */
export function parseIniFile(text: string, filePath: string): ParsedIni {
  // A BOM is tolerated (a Windows editor writes one), though Python keeps it as a character.
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const layout = walkLines(text, from, text.length, 1, filePath);
  const built = new Map<string, IniSection>();
  const section = (name: string): IniSection | undefined => {
    const known = built.get(name);
    if (known) return known;
    const index = layout.sectionIndex.get(name);
    if (index === undefined) return undefined;
    // From its header to the next header, the section reads as it did in the whole file
    // (the walk over the whole file has found nothing to refuse).
    const start = layout.headerStarts[index] as number;
    const end = layout.headerStarts[index + 1] ?? text.length;
    const raw = walkLines(text, start, end, layout.headerLines[index] as number, filePath, true).collected;
    const made = joinValues(raw.get(name) ?? Object.create(null), name, filePath);
    built.set(name, made);
    return made;
  };
  if (layout.names.length > 0) {
    // botocore refuses a nested-block line without `=` when it reads the value: those of the
    // first section first, then the [DEFAULT] keys that section inherits, then the others. A
    // [DEFAULT] key that every section sets itself is never read, so its block is never checked.
    const { firstSection, defaults, other } = layout.nestedErrors;
    const inherited = (key: string): boolean => layout.names.some((name) => !Object.keys(section(name) ?? {}).some((own) => lowerKey(own) === key));
    const error = firstSection ?? [...defaults].find(([key]) => inherited(key))?.[1] ?? other;
    if (error) throw error;
  }
  let defaults: IniSection = Object.create(null);
  if (layout.defaultHeaders.length > 0 && layout.names.length > 0) {
    // botocore parses [DEFAULT]'s values only as part of another section: alone, a bad one passes.
    const raw: Record<string, ValueLine[]> = Object.create(null);
    for (const index of layout.defaultHeaders) {
      const start = layout.headerStarts[index] as number;
      const end = layout.headerStarts[index + 1] ?? text.length;
      Object.assign(raw, walkLines(text, start, end, layout.headerLines[index] as number, filePath, true).collected.get('DEFAULT'));
    }
    defaults = joinValues(raw, 'DEFAULT', filePath);
  }
  return { names: layout.names, section, defaults, notes: layout.notes };
}

/**
 * The sections as botocore's raw_config_parse returns them: every section gets the [DEFAULT]
 * keys it does not set itself (in the AWS CLI, a region in [DEFAULT] applies to every profile).
 */
export function withDefaults(parsed: ParsedIni, name: string): IniSection | undefined {
  const section = parsed.section(name);
  if (!section) return undefined;
  const own = new Set(Object.keys(section).map(lowerKey));
  const result: IniSection = Object.create(null);
  for (const [key, value] of Object.entries(parsed.defaults)) if (!own.has(lowerKey(key))) result[key] = value;
  return Object.assign(result, section);
}

/**
 * Letters that have a lower case only since Unicode 16 (computed by comparing every code point
 * with Python 3.11's str.lower()): the Python of the AWS CLI (3.11 to 3.13) leaves them as they
 * are, where a newer Node lower-cases them.
 */
const NEWER_CASE = /[\u1c89\ua7cb\ua7cc\ua7ce\ua7d2\ua7d4\ua7da\ua7dc\u{10d50}-\u{10d65}\u{16ea0}-\u{16eb8}]/u;
const NOT_NEWER_CASE = /[^\u1c89\ua7cb\ua7cc\ua7ce\ua7d2\ua7d4\ua7da\ua7dc\u{10d50}-\u{10d65}\u{16ea0}-\u{16eb8}]+/gu;

/** A key name as the AWS CLI compares and stores it: Python's str.lower() (RawConfigParser's optionxform). */
export function lowerKey(key: string): string {
  return NEWER_CASE.test(key) ? key.replace(NOT_NEWER_CASE, (run) => run.toLowerCase()) : key.toLowerCase();
}

/** parseIniFile, then withDefaults for every section: the whole file as botocore sees it. */
export function parseIni(text: string, filePath: string): IniSections {
  const parsed = parseIniFile(text, filePath);
  const sections: IniSections = Object.create(null);
  for (const name of parsed.names) sections[name] = withDefaults(parsed, name) as IniSection;
  return sections;
}

interface ValueLine {
  text: string;
  line: number;
}

/** Where the sections of a file start, from one walk over its lines. */
interface Layout {
  /** Section names but DEFAULT, in file order. */
  names: string[];
  /** Section name → its position in headerStarts. */
  sectionIndex: Map<string, number>;
  /** Offset of each header line (DEFAULT's included), in file order: a section runs to the next. */
  headerStarts: number[];
  headerLines: number[];
  /** Positions in headerStarts of the [DEFAULT] headers. */
  defaultHeaders: number[];
  notes: string[];
  /** With `collect`: the keys of the sections walked, each key's lines as written. */
  collected: Map<string, Record<string, ValueLine[]>>;
  /**
   * Nested-block lines without `=`, which botocore refuses only after reading the whole file
   * (and one in [DEFAULT] only where a section inherits that key): the first in the first
   * section, the first in any other, and the first of each [DEFAULT] key (lower-cased).
   */
  nestedErrors: { firstSection?: AwscredsError; other?: AwscredsError; defaults: Map<string, AwscredsError> };
}

const HASH = 0x23;
const SEMICOLON = 0x3b;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const EQUALS = 0x3d;
const COLON = 0x3a;
const SLASH = 0x2f;
const PLUS = 0x2b;
/** Keys per section compared pairwise before a Set is worth making (and the walk stays linear). */
const SMALL_SECTION = 16;

/**
 * Python's str.isspace(), which str.strip() and the `\s` of `re` use: more than JS's \s (the
 * separators \x1c-\x1f and \x85) and less (not the BOM \uFEFF).
 */
function isPySpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);
const pyStrip = (text: string): string => text.replace(new RegExp(`^[${PY_SPACE}]+`), '').replace(TRAILING_SPACE, '');
// Python's str.splitlines(), which botocore uses on a nested block.
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/**
 * Walks the lines of text[from, to) (numbered from firstLine) as RawConfigParser reads them,
 * throwing where it refuses the file. Lines end at \n, \r\n or \r, as Python's universal
 * newlines read them. One pass that makes no string per line: only header names, and key
 * names where case must be compared beyond ASCII. With `collect`, the values are gathered too
 * (for the one section being built).
 */
function walkLines(text: string, from: number, to: number, firstLine: number, filePath: string, collect = false): Layout {
  const layout: Layout = { names: [], sectionIndex: new Map(), headerStarts: [], headerLines: [], defaultHeaders: [], notes: [], collected: new Map(), nestedErrors: { defaults: new Map() } };
  const { notes } = layout;
  let sectionName: string | undefined;
  let values: Record<string, ValueLine[]> | undefined;
  // The key whose value the next deeper-indented line continues (Python's optname), as offsets.
  let openKeyStart = -1;
  let openKeyEnd = -1;
  let openKeyLine = 0;
  let openKeyEmpty = false;
  // Indent of the last key or header line: only deeper lines continue a value, as in Python.
  let indentLevel = 0;
  // Keys of the current section as offsets into the text (the AWS CLI lower-cases keys, so
  // `Region` and `region` clash), moved to a map when the section is large or its keys are
  // not ASCII. [DEFAULT] may be split over several headers: its keys are always in the map.
  const keyStarts = new Int32Array(SMALL_SECTION);
  const keyEnds = new Int32Array(SMALL_SECTION);
  const keyLineNos = new Int32Array(SMALL_SECTION);
  let keyCount = 0;
  let keyMap: Map<string, { key: string; line: number }> | undefined;
  const defaultKeys = new Map<string, { key: string; line: number }>();
  const { nestedErrors } = layout;

  let nextCr = text.indexOf('\r', from);
  let lineNo = firstLine - 1;
  for (let start = from; start < to; ) {
    lineNo++;
    let end = text.indexOf('\n', start);
    if (end === -1 || end > to) end = to;
    if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
    if (nextCr !== -1 && nextCr < end) end = nextCr;
    const lineStart = start;
    start = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);

    let first = lineStart;
    while (first < end && isPySpace(text.charCodeAt(first))) first++;
    if (first === end) {
      // A blank line inside a value is kept (trailing ones are dropped when joining).
      if (collect && openKeyStart !== -1) values?.[text.slice(openKeyStart, openKeyEnd)]?.push({ text: '', line: lineNo });
      continue;
    }
    const c = text.charCodeAt(first);
    if (c === HASH || c === SEMICOLON) continue;
    let last = end - 1;
    while (isPySpace(text.charCodeAt(last))) last--;
    const indent = first - lineStart;

    if (openKeyStart !== -1 && indent > indentLevel) {
      const openKey = text.slice(openKeyStart, openKeyEnd);
      if (collect) values?.[openKey]?.push({ text: text.slice(first, last + 1), line: lineNo });
      if (!openKeyEmpty) {
        notes.push(`${filePath}:${lineNo}: this indented line continues the value of ${describeKey(openKey)} in [${sectionName}] (line ${openKeyLine}), as the AWS CLI reads it`);
      } else {
        const error = checkNestedLine(text.slice(first, last + 1), lineNo, openKey, openKeyLine, sectionName as string, filePath);
        if (error && sectionName === 'DEFAULT') {
          const key = lowerKey(openKey);
          if (!nestedErrors.defaults.has(key)) nestedErrors.defaults.set(key, error);
        } else if (error && layout.names.length === 1) nestedErrors.firstSection ??= error;
        else if (error) nestedErrors.other ??= error;
      }
      continue;
    }
    indentLevel = indent;

    // A header is `[`, at least one character, and the line's last `]`.
    const close = c === OPEN ? text.lastIndexOf(']', last) : -1;
    if (close >= first + 2) {
      const name = text.slice(first + 1, close);
      if (close < last) notes.push(`${filePath}:${lineNo}: the text after "]" is ignored, as the AWS CLI ignores it`);
      if (name.includes(']')) notes.push(`${filePath}:${lineNo}: the section name runs to the last "]" on the line, as the AWS CLI reads it`);
      openKeyStart = -1;
      keyCount = 0;
      keyMap = undefined;
      const headerIndex = layout.headerStarts.length;
      if (name === 'DEFAULT') {
        layout.defaultHeaders.push(headerIndex);
        keyMap = defaultKeys;
      } else {
        const earlier = layout.sectionIndex.get(name);
        if (earlier !== undefined) {
          throw lineError(
            filePath,
            lineNo,
            `section [${name}] is already defined on line ${layout.headerLines[earlier]}, and the AWS CLI refuses a file with a repeated section`,
            `merge the two [${name}] sections of ${filePath} into one`,
          );
        }
        layout.sectionIndex.set(name, headerIndex);
        layout.names.push(name);
      }
      layout.headerStarts.push(lineStart);
      layout.headerLines.push(lineNo);
      sectionName = name;
      values = undefined;
      if (collect) {
        values = layout.collected.get(name) ?? Object.create(null);
        layout.collected.set(name, values as Record<string, ValueLine[]>);
      }
      continue;
    }

    // Python splits at the first `=` or `:`, whichever comes first; a `/` or `+` before it is noted.
    let delimiter = -1;
    let slashOrPlus = false;
    let ascii = true;
    for (let i = first; i <= last; i++) {
      const k = text.charCodeAt(i);
      if (k === EQUALS || k === COLON) {
        delimiter = i;
        break;
      }
      if (k === SLASH || k === PLUS) slashOrPlus = true;
      else if (k >= 0x80) ascii = false;
    }
    let keyEnd = delimiter;
    while (keyEnd > first && isPySpace(text.charCodeAt(keyEnd - 1))) keyEnd--;
    if (c === OPEN && (sectionName === undefined || delimiter === -1)) {
      throw lineError(filePath, lineNo, 'malformed section header', `write line ${lineNo} of ${filePath} as "[name]", e.g. "[profile dev]" or "[default]"`);
    }
    if (sectionName === undefined) {
      const what = delimiter === -1 || keyEnd === first ? 'this line' : describeKey(text.slice(first, keyEnd));
      throw lineError(filePath, lineNo, `${what} comes before any [section] header`, `put it under a section such as "[default]" or "[profile NAME]" in ${filePath}`);
    }
    if (delimiter === -1) {
      throw lineError(filePath, lineNo, 'expected "key = value", a [section] header, or a # comment', `fix or remove line ${lineNo} of ${filePath}`);
    }
    if (keyEnd === first) {
      throw lineError(filePath, lineNo, 'this line has a value but no key name', `add the key name on line ${lineNo} of ${filePath}, or remove the line`);
    }

    // A repeated key (case ignored) is refused: compared in place while the section is small and ASCII.
    let previous: { key: string; line: number } | undefined;
    if (keyMap === undefined && ascii && keyCount < SMALL_SECTION) {
      for (let k = 0; k < keyCount; k++) {
        if (sameAsciiKey(text, keyStarts[k] as number, keyEnds[k] as number, first, keyEnd)) {
          previous = { key: text.slice(keyStarts[k], keyEnds[k]), line: keyLineNos[k] as number };
          break;
        }
      }
      keyStarts[keyCount] = first;
      keyEnds[keyCount] = keyEnd;
      keyLineNos[keyCount] = lineNo;
      keyCount++;
    } else {
      if (keyMap === undefined) {
        keyMap = new Map();
        for (let k = 0; k < keyCount; k++) keyMap.set(lowerKey(text.slice(keyStarts[k], keyEnds[k])), { key: text.slice(keyStarts[k], keyEnds[k]), line: keyLineNos[k] as number });
      }
      const key = text.slice(first, keyEnd);
      const lower = lowerKey(key);
      previous = keyMap.get(lower);
      if (!previous) keyMap.set(lower, { key, line: lineNo });
    }
    if (previous) {
      const key = text.slice(first, keyEnd);
      const caseNote = previous.key === key ? '' : ` (spelt ${describeKey(previous.key)}: the AWS CLI ignores case in key names)`;
      throw lineError(
        filePath,
        lineNo,
        `${describeKey(key)} is already set in [${sectionName}] on line ${previous.line}${caseNote}, and the AWS CLI refuses a repeated key`,
        `keep only one of lines ${previous.line} and ${lineNo} in ${filePath}`,
      );
    }
    if (slashOrPlus) {
      // No setting name has these; a long base64 value (a session token) that wrapped onto its
      // own line does. The AWS CLI reads it as a key; loadProfile refuses keys beside it.
      notes.push(`${filePath}:${lineNo}: ${describeKey(text.slice(first, keyEnd))} has "/" or "+", which no setting name has: it may be the rest of a long value that wrapped onto a new line`);
    }
    let valueStart = delimiter + 1;
    while (valueStart <= last && isPySpace(text.charCodeAt(valueStart))) valueStart++;
    if (collect && values) values[text.slice(first, keyEnd)] = [{ text: text.slice(valueStart, last + 1), line: lineNo }];
    openKeyStart = first;
    openKeyEnd = keyEnd;
    openKeyLine = lineNo;
    openKeyEmpty = valueStart > last;
  }

  return layout;
}

/** Whether text[a, aEnd) and text[b, bEnd), both ASCII, are the same key with case ignored. */
function sameAsciiKey(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (; a < aEnd; a++, b++) {
    const x = text.charCodeAt(a);
    const y = text.charCodeAt(b);
    if (x === y) continue;
    const lower = x | 0x20;
    if (lower !== (y | 0x20) || lower < 0x61 || lower > 0x7a) return false;
  }
  return true;
}

/** A line of a nested block must be `key = value` (a line Python would split further, by \v, \x85 …, part by part). */
function checkNestedLine(value: string, line: number, key: string, keyLine: number, sectionName: string, filePath: string): AwscredsError | undefined {
  for (const part of value.split(PY_LINE_BREAK)) {
    const item = pyStrip(part);
    if (item !== '' && !item.includes('=')) {
      return lineError(
        filePath,
        line,
        `expected an indented "key = value" line in the nested block ${describeKey(key)} (line ${keyLine}) of [${sectionName}]`,
        `write line ${line} of ${filePath} as "key = value", or remove it`,
      );
    }
  }
  return undefined;
}

/** Joins each key's lines as Python does, then reads a value that starts with a newline as a nested block, as botocore does. */
function joinValues(section: Record<string, ValueLine[]>, sectionName: string, filePath: string): IniSection {
  const result: IniSection = Object.create(null);
  for (const [key, lines] of Object.entries(section)) {
    const joined = lines.map((l) => l.text).join('\n').replace(TRAILING_SPACE, '');
    result[key] = joined.startsWith('\n') ? parseNested(lines) : joined;
  }
  return result;
}

/** A nested block's lines (walkLines has checked each has `=`): later keys win, as in botocore. */
function parseNested(lines: ValueLine[]): Record<string, string> {
  const nested: Record<string, string> = Object.create(null);
  for (const { text } of lines) {
    for (const part of text.split(PY_LINE_BREAK)) {
      const item = pyStrip(part);
      const eq = item.indexOf('=');
      if (eq !== -1) nested[pyStrip(item.slice(0, eq))] = pyStrip(item.slice(eq + 1));
    }
  }
  return nested;
}

function lineError(filePath: string, line: number, problem: string, fix: string): AwscredsError {
  return new AwscredsError('CONFIG', `${filePath}:${line}: ${problem}`, fix);
}
