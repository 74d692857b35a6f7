import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../src/runtime/exitCodes';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it('documents every exit code exactly as the exit-code table defines it', () => {
    const section = readme.split('## Exit codes')[1]?.split('\n## ')[0] ?? '';
    const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(rows).toEqual(Object.values(EXIT_CODES).map((e) => [e.code, e.meaning]));
  });

  /** GitHub's anchor for a heading: lower case, punctuation but - and _ dropped, spaces to -. */
  const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => (m[1] as string).toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-')));

  it('links only to sections that exist', () => {
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(10);
    expect(anchors.has('install')).toBe(true); // the slugs are computed as GitHub does (control)
    expect(links.filter((link) => !anchors.has(link as string))).toEqual([]);
  });

  it('leads the install with what works from a clone; the demo names sections that exist', () => {
    const install = readme.split('## Install')[1]?.split('\n## ')[0] ?? '';
    expect(install.indexOf('npm install -g ./awscreds-*.tgz')).toBeGreaterThan(-1);
    expect(install.indexOf('npm install -g ./awscreds-*.tgz')).toBeLessThan(install.indexOf('npm install -g awscreds'));
    const demo = readFileSync(join(__dirname, '..', 'scripts', 'demo.mjs'), 'utf8');
    const named = [...demo.matchAll(/README\.md, ([^)`]*)/g)].flatMap((m) => [...(m[1] as string).matchAll(/"([^"]+)"/g)].map((q) => q[1] as string));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((section) => !new RegExp(`^#+ ${section}$`, 'm').test(readme))).toEqual([]);
  });

  it('names the two commands a newcomer runs', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });
});
