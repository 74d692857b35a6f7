import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anchorsOf, brokenAnchorLinks, brokenFileAnchorLinks, commentsOf, githubSlug, missingFileNames, missingLinkedFiles, missingPaths, PATH_ROOTS, repositoryFiles, ROOT } from './references';

// Words that point somewhere must point at something: every repository path (under src/,
// shell/, test/, scripts/, bench/, .ci/) and every source-file name that a comment, the README
// or ARCHITECTURE.md names exists; every Markdown link to a file reaches it; every `](#…)`
// link of the docs reaches a heading by GitHub's anchor rules. Each reader is shown, on
// made-up text, to catch what it is for.

const files = repositoryFiles();
const DOCS = ['README.md', 'ARCHITECTURE.md'];
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const sources = files.filter((file) => PATH_ROOTS.some((root) => file.startsWith(`${root}/`)));

describe('words that point somewhere', () => {
  test('the readers see the repository (so an empty result below means something)', () => {
    expect(sources.length).toBeGreaterThan(100);
    const comments = sources.map((file) => commentsOf(file, read(file))).join('\n');
    expect(comments.match(/\bsrc\/[\w/]+\.ts\b/g)?.length).toBeGreaterThan(20);
  });

  test('every repository path and source-file name in a comment exists', () => {
    const bad = sources.flatMap((file) => {
      const comments = commentsOf(file, read(file));
      return [...missingPaths(comments, files), ...missingFileNames(comments, files)].map((word) => `${file}: ${word}`);
    });
    expect(bad).toEqual([]);
  });

  test.each(DOCS)('every repository path, source-file name and linked file in %s exists', (doc) => {
    const text = read(doc);
    expect([...missingPaths(text, files), ...missingFileNames(text, files), ...missingLinkedFiles(doc, text)]).toEqual([]);
  });

  test.each(DOCS)('every anchor link in %s reaches a heading', (doc) => {
    const text = read(doc);
    expect(brokenAnchorLinks(text, anchorsOf(text))).toEqual([]);
    expect(brokenFileAnchorLinks(doc, text)).toEqual([]);
  });
});

describe('positive controls: the readers catch what is missing', () => {
  // The made-up source text is built from parts, so that this file's own comments stay true.
  const LINE = '/'.repeat(2);
  const [OPEN, CLOSE] = ['/*', '*/'];
  const under = (root: string, rest: string): string => `${root}/${rest}`;

  test('a made-up path, brace expansion, placeholder and file name in a comment', () => {
    const comments = commentsOf(
      'src/x.ts',
      [
        `${LINE} see ${under('src', 'config/nowhere.ts')} and ${under('src', 'config/loadProfile.ts')}.`,
        `const a = '${under('src', 'in/a/string.ts')}'; ${LINE} and ${under('shell', 'completion.{bash,tcsh}')}`,
        `${OPEN} ${under('src', 'shells/<shell>.ts')} and ${under('shell', 'hook.NAME')} exist; ${under('test', '<what>/nothing.test.ts')} does not ${CLOSE}`,
        `${LINE} the same steps as ${'guardPassesThrough'}.ts; loadProfile.ts is real`,
      ].join('\n'),
    );
    expect(comments).not.toContain('string.ts');
    expect(missingPaths(comments, files).sort()).toEqual([under('shell', 'completion.{bash,tcsh}'), under('src', 'config/nowhere.ts'), under('test', '<what>/nothing.test.ts')]);
    expect(missingFileNames(comments, files)).toEqual([`${'guardPassesThrough'}.ts`]);
    expect(missingPaths(commentsOf('shell/x.sh', `echo ${under('bench', 'gone.mjs')} # ${under('bench', 'gone.mjs')}\n`), files)).toEqual([under('bench', 'gone.mjs')]);
  });

  test('a made-up anchor, a repeated heading, a heading in a code fence, a missing linked file', () => {
    const doc = '# Top\n\n## Other output formats: `awscreds export --format json|dotenv`\n\n## Top\n\n```\n## Fenced\n[x](#in-code)\n```\n\n[a](#top-1) [b](#other-output-formats-awscreds-export---format-jsondotenv) [c](#fenced) [d](#more-commands) [e](ARCHITECTURE.md#nowhere) [f](NOWHERE.md) `[g](#inline-code)`\n';
    expect([...anchorsOf(doc)]).toEqual(['top', 'other-output-formats-awscreds-export---format-jsondotenv', 'top-1']);
    expect(brokenAnchorLinks(doc, anchorsOf(doc))).toEqual(['fenced', 'more-commands']);
    expect(brokenFileAnchorLinks('README.md', doc)).toEqual(['ARCHITECTURE.md#nowhere']);
    expect(missingLinkedFiles('README.md', doc)).toEqual(['NOWHERE.md']);
  });

  test('GitHub slugs: code, links, punctuation, underscores and case', () => {
    expect(githubSlug('What the hooks do: `AWSCREDS_HOOK_MODE`')).toBe('what-the-hooks-do-awscreds_hook_mode');
    expect(githubSlug('Runs longer than the role session: `awscreds exec --serve`')).toBe('runs-longer-than-the-role-session-awscreds-exec---serve');
    expect(githubSlug('A large ~/.aws/config')).toBe('a-large-awsconfig');
    expect(githubSlug('See [the map](ARCHITECTURE.md) **now**')).toBe('see-the-map-now');
  });
});
