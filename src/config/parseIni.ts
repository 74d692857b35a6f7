import { AwscredsError } from '../runtime/AwscredsError';
import { describeKey } from './configValues';

/** A value is a string, or a nested block (`s3 =` followed by indented `k = v` lines). */
export type IniValue = string | Readonly<Record<string, string>>;
export type IniSection = Record<string, IniValue>;
/** Section name exactly as written between the brackets → its keys, as written, in file order. */
export type IniSections = Record<string, IniSection>;

interface OpenKey {
  section: IniSection;
  key: string;
  line: number;
  /** Set when the key's value is empty: indented lines that follow fill it. */
  nested?: Record<string, string>;
}

/**
 * Parses ~/.aws/config or ~/.aws/credentials as the AWS CLI does (botocore hands the file to
 * Python's RawConfigParser): `=` or `:` separates key and value, only whole-line `#`/`;`
 * comments exist (an inline `# x` stays part of the value, as the AWS CLI reads it), and a key
 * with an empty value followed by more-indented lines is a nested block. Where the AWS CLI
 * refuses a file (repeated section, repeated key, a line it cannot parse) this throws a CONFIG
 * error naming file:line. Lines are never echoed: they may hold a secret.
 */
export function parseIni(text: string, filePath: string): IniSections {
  // Null prototype: a section or key named "__proto__" or "constructor" is just a name.
  const sections: IniSections = Object.create(null);
  const sectionLines = new Map<string, number>();
  // Keys seen in the current section, lower-cased: the AWS CLI lower-cases keys, so `Region`
  // and `region` clash. One small table per section (not one for the file, keyed by section and
  // key): a 10,000-profile file then costs no more per line than a 10-profile one.
  let keyLines: Map<string, { key: string; line: number }> | undefined;
  let current: { name: string; section: IniSection } | undefined;
  let open: OpenKey | undefined;
  // Indent of the last key or header line: only deeper lines continue a value, as in Python.
  let indentLevel = 0;

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const lineNo = index + 1;
    const trimmed = raw.trim();
    // Blank and comment lines neither end nor break a nested block, as in Python.
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const indent = raw.length - raw.trimStart().length;

    if (open && indent > indentLevel) {
      if (!open.nested) {
        throw lineError(
          filePath,
          lineNo,
          `this line is indented under ${describeKey(open.key)} (line ${open.line}), so the AWS CLI would read it as part of that key's value`,
          `remove the indentation of line ${lineNo} in ${filePath} (only a key with an empty value, like "s3 =", may be followed by indented "key = value" lines)`,
        );
      }
      const eq = trimmed.indexOf('=');
      const key = eq > 0 ? trimmed.slice(0, eq).trim() : '';
      if (key === '') {
        throw lineError(
          filePath,
          lineNo,
          `expected an indented "key = value" line in the nested block ${describeKey(open.key)} (line ${open.line})`,
          `write line ${lineNo} of ${filePath} as "key = value", or remove it`,
        );
      }
      // The empty value becomes a nested block only once a nested line actually follows.
      open.section[open.key] = open.nested;
      open.nested[key] = trimmed.slice(eq + 1).trim();
      continue;
    }

    open = undefined;
    indentLevel = indent;

    if (trimmed.startsWith('[')) {
      const close = trimmed.indexOf(']');
      const name = close > 1 ? trimmed.slice(1, close) : '';
      const rest = close === -1 ? '' : trimmed.slice(close + 1).trim();
      if (name === '' || (rest !== '' && !rest.startsWith('#') && !rest.startsWith(';'))) {
        throw lineError(filePath, lineNo, 'malformed section header', `write line ${lineNo} of ${filePath} as "[name]", e.g. "[profile dev]" or "[default]"`);
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
      const section: IniSection = Object.create(null);
      sections[name] = section;
      sectionLines.set(name, lineNo);
      current = { name, section };
      keyLines = undefined;
      continue;
    }

    // Python splits at the first `=` or `:`, whichever comes first.
    const delimiter = trimmed.search(/[=:]/);
    if (delimiter === -1) {
      throw lineError(filePath, lineNo, 'expected "key = value", a [section] header, or a # comment', `fix or remove line ${lineNo} of ${filePath}`);
    }
    const key = trimmed.slice(0, delimiter).trim();
    if (key === '') {
      throw lineError(filePath, lineNo, 'this line has a value but no key name', `add the key name on line ${lineNo} of ${filePath}, or remove the line`);
    }
    if (/[/+]/.test(key)) {
      // No setting name has these; a long base64 value (a session token) that wrapped onto its
      // own line does, and accepting it would silently truncate that value.
      throw lineError(
        filePath,
        lineNo,
        'this line does not look like "key = value" (it may be the rest of a long value that wrapped onto a new line)',
        `join line ${lineNo} of ${filePath} to the line it belongs to, or remove it`,
      );
    }
    if (!current) {
      throw lineError(filePath, lineNo, `${describeKey(key)} comes before any [section] header`, `put it under a section such as "[default]" or "[profile NAME]" in ${filePath}`);
    }
    const seenKey = key.toLowerCase();
    keyLines ??= new Map();
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

    const value = trimmed.slice(delimiter + 1).trim();
    current.section[key] = value;
    open = { section: current.section, key, line: lineNo };
    if (value === '') open.nested = Object.create(null);
  }

  return sections;
}

function lineError(filePath: string, line: number, problem: string, fix: string): AwscredsError {
  return new AwscredsError('CONFIG', `${filePath}:${line}: ${problem}`, fix);
}
