/**
 * Splits a section name into words the way botocore does (Python's shlex.split, POSIX mode,
 * no comments), so `[profile "my dev"]` and `[profile   dev]` name the same profiles as in the
 * AWS CLI. Only space, tab, CR and LF separate words (shlex's whitespace): a no-break space
 * is part of a word, so `[profile\u00a0dev]` is one word and names no profile. Returns
 * undefined where shlex raises (unclosed quote, trailing backslash): botocore then skips the
 * section.
 */
export function shellSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;

  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < text.length && '"\\'.includes(text.charAt(i + 1))) word += text.charAt(++i);
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= text.length) return undefined;
      word += text.charAt(++i);
      inWord = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
  return words;
}
