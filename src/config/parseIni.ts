import { AwscredsError } from '../runtime/AwscredsError';
import { describeKey } from './configValues';

/** A value is a string, or a nested block (`s3 =` followed by indented `k = v` lines). */
export type IniValue = string | Readonly<Record<string, string>>;
export type IniSection = Record<string, IniValue>;
/** Section name exactly as written between the brackets → its keys, as written, in file order. */
export type IniSections = Record<string, IniSection>;

/** One file as Python's RawConfigParser reads it, before botocore copies [DEFAULT] into each section. */
export interface ParsedIni {
  /** Every section but [DEFAULT], by its name as written between the brackets (not trimmed). */
  readonly sections: IniSections;
  /** The keys of the [DEFAULT] section(s): every other section of the file inherits them. */
  readonly defaults: IniSection;
  /**
   * Lines the AWS CLI reads in a way the writer may not have meant (text after a header's `]`,
   * an indented line that continues a value, a key with `/` or `+`), as `file:line: note`, for
   * --debug. They never quote the line: it may hold a secret.
   */
  readonly notes: readonly string[];
}

// Python's str.isspace(), which str.strip() and the `\s` of `re` use: more than JS's \s
// (the separators \x1c-\x1f and \x85) and less (not the BOM \uFEFF).
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);
// Python's str.splitlines(), which botocore uses on a nested block.
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

const pyStrip = (text: string): string => text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
const pyIndent = (line: string): number => line.length - line.replace(LEADING_SPACE, '').length;

interface ValueLine {
  text: string;
  line: number;
}

interface OpenKey {
  section: Record<string, ValueLine[]>;
  sectionName: string;
  key: string;
  line: number;
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
  // Null prototypes: a section or key named "__proto__" or "constructor" is just a name.
  const raw: Record<string, Record<string, ValueLine[]>> = Object.create(null);
  const rawDefaults: Record<string, ValueLine[]> = Object.create(null);
  const notes: string[] = [];
  const sectionLines = new Map<string, number>();
  // Keys seen per section, lower-cased: the AWS CLI lower-cases keys, so `Region` and `region` clash.
  const keyLines = new Map<string, { key: string; line: number }>();
  let current: { name: string; section: Record<string, ValueLine[]> } | undefined;
  let open: OpenKey | undefined;
  // Indent of the last key or header line: only deeper lines continue a value, as in Python.
  let indentLevel = 0;

  // A BOM is tolerated (a Windows editor writes one), though Python keeps it as a character.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    const value = pyStrip(line);
    if (value.startsWith('#') || value.startsWith(';')) continue;
    if (value === '') {
      // A blank line inside a value is kept (trailing ones are dropped when joining).
      open?.section[open.key]?.push({ text: '', line: lineNo });
      continue;
    }
    const indent = pyIndent(line);

    if (open && indent > indentLevel) {
      open.section[open.key]?.push({ text: value, line: lineNo });
      const first = open.section[open.key]?.[0]?.text;
      if (first !== '') {
        notes.push(`${filePath}:${lineNo}: this indented line continues the value of ${describeKey(open.key)} in [${open.sectionName}] (line ${open.line}), as the AWS CLI reads it`);
      }
      continue;
    }
    indentLevel = indent;

    const header = /^\[([^\n]+)\]/.exec(value);
    if (header) {
      const name = header[1] ?? '';
      if (value.length > name.length + 2) notes.push(`${filePath}:${lineNo}: the text after "]" is ignored, as the AWS CLI ignores it`);
      if (name.includes(']')) notes.push(`${filePath}:${lineNo}: the section name runs to the last "]" on the line, as the AWS CLI reads it`);
      open = undefined;
      if (name === 'DEFAULT') {
        current = { name, section: rawDefaults };
        continue;
      }
      const firstLine = sectionLines.get(name);
      if (firstLine !== undefined) {
        throw lineError(
          filePath,
          lineNo,
          `section [${name}] is already defined on line ${firstLine}, and the AWS CLI refuses a file with a repeated section`,
          `merge the two [${name}] sections of ${filePath} into one`,
        );
      }
      const section: Record<string, ValueLine[]> = Object.create(null);
      raw[name] = section;
      sectionLines.set(name, lineNo);
      current = { name, section };
      continue;
    }

    // Python splits at the first `=` or `:`, whichever comes first.
    const delimiter = value.search(/[=:]/);
    const key = delimiter === -1 ? '' : pyStrip(value.slice(0, delimiter));
    if (value.startsWith('[') && (!current || delimiter === -1)) {
      throw lineError(filePath, lineNo, 'malformed section header', `write line ${lineNo} of ${filePath} as "[name]", e.g. "[profile dev]" or "[default]"`);
    }
    if (!current) {
      const what = key === '' ? 'this line' : describeKey(key);
      throw lineError(filePath, lineNo, `${what} comes before any [section] header`, `put it under a section such as "[default]" or "[profile NAME]" in ${filePath}`);
    }
    if (delimiter === -1) {
      throw lineError(filePath, lineNo, 'expected "key = value", a [section] header, or a # comment', `fix or remove line ${lineNo} of ${filePath}`);
    }
    if (key === '') {
      throw lineError(filePath, lineNo, 'this line has a value but no key name', `add the key name on line ${lineNo} of ${filePath}, or remove the line`);
    }
    const seenKey = `${current.name}\0${key.toLowerCase()}`;
    const previous = keyLines.get(seenKey);
    if (previous) {
      const caseNote = previous.key === key ? '' : ` (spelt ${describeKey(previous.key)}: the AWS CLI ignores case in key names)`;
      throw lineError(
        filePath,
        lineNo,
        `${describeKey(key)} is already set in [${current.name}] on line ${previous.line}${caseNote}, and the AWS CLI refuses a repeated key`,
        `keep only one of lines ${previous.line} and ${lineNo} in ${filePath}`,
      );
    }
    keyLines.set(seenKey, { key, line: lineNo });
    if (/[/+]/.test(key)) {
      // No setting name has these; a long base64 value (a session token) that wrapped onto its
      // own line does. The AWS CLI reads it as a key; loadProfile refuses keys beside it.
      notes.push(`${filePath}:${lineNo}: ${describeKey(key)} has "/" or "+", which no setting name has: it may be the rest of a long value that wrapped onto a new line`);
    }
    current.section[key] = [{ text: pyStrip(value.slice(delimiter + 1)), line: lineNo }];
    open = { section: current.section, sectionName: current.name, key, line: lineNo };
  }

  const sections: IniSections = Object.create(null);
  for (const [name, section] of Object.entries(raw)) sections[name] = joinValues(section, name, filePath);
  // botocore parses [DEFAULT]'s values only as part of another section: alone, a bad one passes.
  const defaults = Object.keys(raw).length > 0 ? joinValues(rawDefaults, 'DEFAULT', filePath) : Object.create(null);
  return { sections, defaults, notes };
}

/**
 * The sections as botocore's raw_config_parse returns them: every section gets the [DEFAULT]
 * keys it does not set itself (in the AWS CLI, a region in [DEFAULT] applies to every profile).
 */
export function withDefaults({ sections, defaults }: Pick<ParsedIni, 'sections' | 'defaults'>): IniSections {
  const merged: IniSections = Object.create(null);
  for (const [name, section] of Object.entries(sections)) {
    const own = new Set(Object.keys(section).map((key) => key.toLowerCase()));
    const result: IniSection = Object.create(null);
    for (const [key, value] of Object.entries(defaults)) if (!own.has(key.toLowerCase())) result[key] = value;
    merged[name] = Object.assign(result, section);
  }
  return merged;
}

/** parseIniFile, then withDefaults: the file as botocore sees it. */
export function parseIni(text: string, filePath: string): IniSections {
  return withDefaults(parseIniFile(text, filePath));
}

/** Joins each key's lines as Python does, then reads a value that starts with a newline as a nested block, as botocore does. */
function joinValues(section: Record<string, ValueLine[]>, sectionName: string, filePath: string): IniSection {
  const result: IniSection = Object.create(null);
  for (const [key, lines] of Object.entries(section)) {
    const joined = lines.map((l) => l.text).join('\n').replace(TRAILING_SPACE, '');
    result[key] = joined.startsWith('\n') ? parseNested(key, lines, sectionName, filePath) : joined;
  }
  return result;
}

function parseNested(key: string, lines: ValueLine[], sectionName: string, filePath: string): Record<string, string> {
  const nested: Record<string, string> = Object.create(null);
  for (const { text, line } of lines) {
    // A line Python would split further (\v, \x85, \u2028 …) is checked part by part.
    for (const part of text.split(PY_LINE_BREAK)) {
      const item = pyStrip(part);
      if (item === '') continue;
      const eq = item.indexOf('=');
      if (eq === -1) {
        throw lineError(
          filePath,
          line,
          `expected an indented "key = value" line in the nested block ${describeKey(key)} (line ${lines[0]?.line ?? line}) of [${sectionName}]`,
          `write line ${line} of ${filePath} as "key = value", or remove it`,
        );
      }
      nested[pyStrip(item.slice(0, eq))] = pyStrip(item.slice(eq + 1));
    }
  }
  return nested;
}

function lineError(filePath: string, line: number, problem: string, fix: string): AwscredsError {
  return new AwscredsError('CONFIG', `${filePath}:${line}: ${problem}`, fix);
}
