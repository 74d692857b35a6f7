import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

// The readers behind references.test.ts: the repository paths and file names that comments
// and the docs name, and the anchors of a Markdown file as GitHub makes them. No jest here.

export const ROOT = join(__dirname, '..', '..');
/** The folders whose paths a comment or a doc may name, checked when named. */
export const PATH_ROOTS = ['src', 'shell', 'test', 'scripts', 'bench', '.ci'] as const;
const SOURCE_EXTENSIONS = /\.(?:ts|mjs|cjs|js|sh|py|bash|zsh|fish)$/;

/** Every file under `dir` (relative to ROOT), skipping node_modules, dist and dot-folders but .ci. */
export function repositoryFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' || (entry.name.startsWith('.') && entry.name !== '.ci') ? [] : repositoryFiles(path);
    return [relative(ROOT, path)];
  });
}

/** The comment text of a source file: `//` and `/* *\/` in TS and JS, `#` in shell and Python. */
export function commentsOf(file: string, text: string): string {
  if (/\.(?:ts|mjs|cjs|js)$/.test(file)) {
    const blocks = [...text.matchAll(/\/\*[\s\S]*?\*\//g)].map((m) => m[0]);
    const lines = [...text.matchAll(/(?:^|[\s;,{}()])\/\/(.*)$/gm)].map((m) => m[1] as string);
    return [...blocks, ...lines].join('\n');
  }
  if (/\.(?:sh|py|bash|zsh|fish)$/.test(file) || basename(dirname(file)) === '.ci') return [...text.matchAll(/(?:^|\s)#(.*)$/gm)].map((m) => m[1]).join('\n');
  return '';
}

/** `a.{x,y}` → `a.x`, `a.y` (one level, as the docs write it). */
const expandBraces = (path: string): string[] => {
  const match = /\{([^{}]*)\}/.exec(path);
  return match ? match[1]!.split(',').flatMap((part) => expandBraces(path.replace(match[0], part))) : [path];
};

/** A part of a path that stands for any name: `*`, `<shell>`, or a word in capitals (`NAME`). */
const PLACEHOLDER = /(\*|<[^>]*>|\b[A-Z][A-Z_]+\b)/;

/** Whether `pattern` (placeholders for a part of one path segment) names at least one file or folder. */
function exists(pattern: string, files: readonly string[]): boolean {
  const clean = pattern.replace(/\/+$/, '');
  if (!PLACEHOLDER.test(clean)) return existsSync(join(ROOT, clean));
  const regex = new RegExp(`^${clean.split(new RegExp(PLACEHOLDER.source, 'g')).map((part, i) => (i % 2 === 1 ? '[^/]+' : part.replace(/[.+?^$()|[\]\\]/g, '\\$&'))).join('')}(?:/.*)?$`);
  return files.some((file) => regex.test(file));
}

/** Repository paths (under PATH_ROOTS) in `text`, as written, that name nothing. */
export function missingPaths(text: string, files: readonly string[]): string[] {
  const roots = PATH_ROOTS.map((r) => r.replace('.', '\\.')).join('|');
  const pattern = new RegExp(`(?<![\\w./~$@-])(?:${roots})/[\\w./*{},<>-]*`, 'g');
  const missing: string[] = [];
  for (const match of text.matchAll(pattern)) {
    const written = match[0].replace(/[.,]+$/, '');
    if (!expandBraces(written).every((path) => exists(path, files))) missing.push(written);
  }
  return missing;
}

/** Bare source-file names (a name and a source extension, no folder) in `text` that no file of the repository has. */
export function missingFileNames(text: string, files: readonly string[]): string[] {
  const names = new Set(files.map((file) => basename(file)));
  const missing: string[] = [];
  for (const match of text.matchAll(/(?<![\w./<>{}*$-])[\w-]+\.(?:ts|mjs|sh|py)\b(?![\w/])/g)) {
    if (!SOURCE_EXTENSIONS.test(match[0]) || names.has(match[0])) continue;
    missing.push(match[0]);
  }
  return missing;
}

/** A Markdown text without its code (fenced blocks and inline spans): where its links are. */
export function proseOf(markdown: string): string {
  return markdown.replace(/^\s{0,3}(`{3,}|~{3,})[^]*?^\s{0,3}\1\s*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Markdown links to files of the repository (`](path)`, `](path#anchor)`) whose file is missing. */
export function missingLinkedFiles(markdownFile: string, text: string): string[] {
  return [...proseOf(text).matchAll(/\]\(([^)#\s]+)(?:#[^)\s]*)?\)/g)]
    .map((m) => m[1] as string)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !existsSync(join(ROOT, dirname(markdownFile), target)));
}

/** GitHub's anchor for a heading's text: inline code and links reduced to their text, lower-cased, punctuation but - and _ dropped, spaces to -. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*?([^*]+)\*\*?/g, '$1');
  return text.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
}

/** Every anchor a Markdown text defines: its headings (outside code fences, repeats numbered as GitHub does) and `id`/`name` attributes. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$/.exec(line)?.[1];
    if (heading !== undefined) {
      const slug = githubSlug(heading);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const m of line.matchAll(/<[^>]+\s(?:id|name)="([^"]+)"/g)) anchors.add(m[1] as string);
  }
  return anchors;
}

/** `](#anchor)` links of a Markdown text (outside code) that no heading of `anchors` defines. */
export function brokenAnchorLinks(markdown: string, anchors: ReadonlySet<string>): string[] {
  return [...proseOf(markdown).matchAll(/\]\(#([^)\s]*)\)/g)].map((m) => decodeURIComponent(m[1] as string)).filter((anchor) => !anchors.has(anchor));
}

/** `](FILE.md#anchor)` links to another Markdown file of the repository whose anchor is missing there. */
export function brokenFileAnchorLinks(markdownFile: string, markdown: string): string[] {
  return [...proseOf(markdown).matchAll(/\]\(([^)#\s:]+\.md)#([^)\s]+)\)/g)]
    .filter((m) => {
      const target = join(ROOT, dirname(markdownFile), m[1] as string);
      return existsSync(target) && statSync(target).isFile() && !anchorsOf(readFileSync(target, 'utf8')).has(decodeURIComponent(m[2] as string));
    })
    .map((m) => `${m[1]}#${m[2]}`);
}
