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

  it('names the two commands a newcomer runs', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });
});
