import { parseIni, type IniSection, type IniSections } from './parseIni';

/**
 * A parsed config file whose sections are built only when asked for. `parseIni` builds every
 * section of a file; a 10,000-profile file (organisation-wide generators write such files) then
 * costs an export more than everything else it does, to use one profile. `indexIni` checks the
 * whole file exactly as parseIni does, in one pass that allocates almost nothing per line, and
 * keeps where each section starts and ends.
 */
export interface IniIndex {
  /** Section names as written, in file order. */
  readonly names: readonly string[];
  /** The section's keys (what parseIni gives for it), built on first use; undefined if absent. */
  section(name: string): IniSection | undefined;
}

/**
 * Indexes `text` (as read from `filePath`), throwing the same CONFIG errors parseIni throws.
 * Files the fast scan does not cover (anything but printable ASCII, tabs and newlines; an
 * indented line after a key, as in nested blocks) are handed to parseIni whole.
 */
export function indexIni(text: string, filePath: string): IniIndex {
  // eslint-disable-next-line no-control-regex
  if (/[^\t\n\x20-\x7e]/.test(text)) return fromSections(parseIni(text, filePath));
  const scanned = scan(text);
  if (scanned === undefined) return fromSections(parseIni(text, filePath));
  const { names, order, starts } = scanned;
  const built = new Map<string, IniSection>();
  return {
    names,
    section(name) {
      const known = built.get(name);
      if (known) return known;
      const position = order.get(name);
      if (position === undefined) return undefined;
      // From the header line to the next header: parseIni builds the section as it would have
      // in the whole file (the scan found nothing to refuse there).
      const section = parseIni(text.slice(starts[position], starts[position + 1] ?? text.length), filePath)[name];
      if (section) built.set(name, section);
      return section;
    },
  };
}

function fromSections(sections: IniSections): IniIndex {
  return { names: Object.keys(sections), section: (name) => sections[name] };
}

const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const SEMICOLON = 0x3b;
const OPEN = 0x5b;

/**
 * One pass over a printable-ASCII file: where each section's text begins and ends, or
 * undefined when something needs parseIni's judgement (a line it would refuse, a repeated
 * section or key, an indented continuation line): parseIni then parses the file and says what
 * is wrong, with the line number. What is accepted here, parseIni accepts too.
 */
function scan(text: string): { names: string[]; order: Map<string, number>; starts: number[] } | undefined {
  const names: string[] = [];
  const order = new Map<string, number>();
  const starts: number[] = [];
  let inSection = false;
  // Keys of the current section as offsets into the text, compared without case (the AWS CLI
  // lower-cases keys): no string is made per line. A section with many keys moves to a Set.
  const keyStart = new Int32Array(SMALL_SECTION);
  const keyEnd = new Int32Array(SMALL_SECTION);
  let keyCount = 0;
  let bigSection: Set<string> | undefined;
  let afterKey = false;
  let indentLevel = 0;
  // Next position of each character at or after the current line (-1: none left; -2: not looked yet).
  let nextEquals = -2;
  let nextColon = -2;
  let nextSlash = -2;
  let nextPlus = -2;
  const length = text.length;
  for (let start = 0; start < length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    const next = end + 1;
    let i = start;
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    if (i === end) {
      start = next;
      continue;
    }
    const first = text.charCodeAt(i);
    if (first === HASH || first === SEMICOLON) {
      start = next;
      continue;
    }
    const indent = i - start;
    if (afterKey && indent > indentLevel) return undefined; // nested block or an error: parseIni decides
    indentLevel = indent;
    let last = end - 1;
    while (text.charCodeAt(last) === SPACE || text.charCodeAt(last) === TAB) last--;

    if (first === OPEN) {
      const close = text.indexOf(']', i);
      if (close === -1 || close > last || close === i + 1) return undefined;
      let r = close + 1;
      while (r <= last && (text.charCodeAt(r) === SPACE || text.charCodeAt(r) === TAB)) r++;
      if (r <= last && text.charCodeAt(r) !== HASH && text.charCodeAt(r) !== SEMICOLON) return undefined;
      const name = text.slice(i + 1, close);
      if (order.has(name)) return undefined; // repeated section
      order.set(name, names.length);
      names.push(name);
      starts.push(start);
      inSection = true;
      keyCount = 0;
      bigSection = undefined;
      afterKey = false;
      start = next;
      continue;
    }

    if (!inSection) return undefined; // a key before any section
    // The first `=` or `:`, and whether `/` or `+` comes before it, found with indexOf from
    // the next occurrence of each (kept from line to line, so the file is scanned once per
    // character, natively, however far apart they are).
    if (nextEquals !== -1 && nextEquals < i) nextEquals = text.indexOf('=', i);
    if (nextColon !== -1 && nextColon < i) nextColon = text.indexOf(':', i);
    const delimiter = nextEquals === -1 ? nextColon : nextColon === -1 ? nextEquals : Math.min(nextEquals, nextColon);
    if (delimiter === -1 || delimiter > last) return undefined; // no delimiter
    if (nextSlash !== -1 && nextSlash < i) nextSlash = text.indexOf('/', i);
    if (nextPlus !== -1 && nextPlus < i) nextPlus = text.indexOf('+', i);
    if ((nextSlash !== -1 && nextSlash < delimiter) || (nextPlus !== -1 && nextPlus < delimiter)) return undefined;
    let keyStop = delimiter;
    while (keyStop > i && (text.charCodeAt(keyStop - 1) === SPACE || text.charCodeAt(keyStop - 1) === TAB)) keyStop--;
    if (keyStop === i) return undefined; // no key
    if (bigSection) {
      const key = text.slice(i, keyStop).toLowerCase();
      if (bigSection.has(key)) return undefined; // repeated key
      bigSection.add(key);
    } else {
      for (let k = 0; k < keyCount; k++) if (sameKey(text, keyStart[k] as number, keyEnd[k] as number, i, keyStop)) return undefined; // repeated key
      if (keyCount < SMALL_SECTION) {
        keyStart[keyCount] = i;
        keyEnd[keyCount] = keyStop;
        keyCount++;
      } else {
        bigSection = new Set([text.slice(i, keyStop).toLowerCase()]);
        for (let k = 0; k < keyCount; k++) bigSection.add(text.slice(keyStart[k], keyEnd[k]).toLowerCase());
      }
    }
    afterKey = true;
    start = next;
  }
  return { names, order, starts };
}

/** Keys per section compared pairwise before a Set is worth making (and staying linear). */
const SMALL_SECTION = 16;

/** Whether text[a, aEnd) and text[b, bEnd) are the same key, ASCII case ignored. */
function sameKey(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (; a < aEnd; a++, b++) {
    const x = text.charCodeAt(a);
    const y = text.charCodeAt(b);
    if (x !== y && (x | 0x20) !== (y | 0x20)) return false;
    if (x !== y && !((x | 0x20) >= 0x61 && (x | 0x20) <= 0x7a)) return false;
  }
  return true;
}
