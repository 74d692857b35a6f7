import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The dependency rule of ARCHITECTURE.md, checked on every import in src/ (static, type-only,
// re-exports, import() and require(), with the path in any quotes, backticks included):
// layers point down, nothing imports the command layer, and no file reaches itself through
// its imports. A relative path the reader cannot see (built at run time) is refused.

const SRC = join(__dirname, '..', '..', 'src');

/** Bottom first. A module may import its own folder or a folder earlier in this list. */
export const LAYERS: readonly string[] = ['runtime', 'completion', 'shells', 'config', 'awsCliCache', 'token', 'credentials', 'states', 'render', 'exec', 'login', 'list', 'populate', 'pick', 'hooks', 'console', 'cli', '.'];

type Graph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"`])(\.{1,2}\/(?:(?!\1).)*)\1/gm;
/** import() or require() of a path that is not one literal: its target cannot be read here. */
const COMPUTED = /\b(?:import|require)\s*\(\s*(?![\s'"`)])|\b(?:import|require)\s*\(\s*`[^`]*\$\{/g;

/** The relative imports of one file, as paths under src/; a computed or interpolated one is `computed:<text>`. */
export function importsOf(file: string, text: string): string[] {
  const targets: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const path = match[2] as string;
    targets.push(path.includes('${') ? `computed:${path}` : relative(SRC, `${resolve(SRC, dirname(file), path)}.ts`));
  }
  return targets;
}

function importGraph(files: ReadonlyMap<string, string>): Graph {
  return new Map([...files].map(([file, text]) => [file, importsOf(file, text)]));
}

const sources = (): Map<string, string> => new Map(sourceFiles(SRC).map((file) => [relative(SRC, file), readFileSync(file, 'utf8')]));

/** The folder right under src/ ('.' for main.ts and bin.ts). */
const layerOf = (file: string): string => (file.includes('/') ? (file.split('/')[0] as string) : '.');

/** Imports that break the layer order: [from, to] pairs. */
export function upwardImports(graph: Graph, layers: readonly string[]): Array<[string, string]> {
  const bad: Array<[string, string]> = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const a = layers.indexOf(layerOf(from));
      const b = layers.indexOf(layerOf(to));
      if (a === -1 || b === -1 || (b > a && layerOf(from) !== layerOf(to))) bad.push([from, to]);
    }
  }
  return bad;
}

/** Every cycle's members (strongly connected components of more than one file, or a self-import). */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, indices.get(next) as number));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

describe('the dependency rule', () => {
  const files = sources();
  const graph = importGraph(files);

  test('every import resolves to a file of src/ (so the checks below see the whole graph)', () => {
    const files = new Set(graph.keys());
    expect(files.size).toBeGreaterThan(40);
    const dangling = [...graph].flatMap(([from, targets]) => targets.filter((to) => !files.has(to)).map((to) => `${from} -> ${to}`));
    expect(dangling).toEqual([]);
  });

  test('every folder of src/ has a place in the layer order', () => {
    expect([...new Set([...graph.keys()].map(layerOf))].filter((layer) => !LAYERS.includes(layer))).toEqual([]);
  });

  test('no file outside src/cli imports the command layer (main.ts, the top, excepted)', () => {
    const offenders = [...graph].flatMap(([from, targets]) => (layerOf(from) === 'cli' || layerOf(from) === '.' ? [] : targets.filter((to) => layerOf(to) === 'cli').map((to) => `${from} -> ${to}`)));
    expect(offenders).toEqual([]);
  });

  test('imports only point down the layer order', () => {
    expect(upwardImports(graph, LAYERS).map(([from, to]) => `${from} -> ${to}`)).toEqual([]);
  });

  test('no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  test('no import() or require() of a path computed at run time (only package names and literals)', () => {
    const computed = [...files].flatMap(([file, text]) => [...text.matchAll(COMPUTED)].map((match) => `${file}: ${text.slice(match.index, text.indexOf('\n', match.index))}`));
    // main.ts reads package.json from source runs: a file, not a module of src/.
    expect(computed.filter((line) => !/require\s*\(\s*join\(packageRoot/.test(line))).toEqual([]);
  });

  // Positive controls: the same reader and checks flag what they exist to catch, in source
  // text written every way an import can be.
  test('the checks catch an upward import and a cycle, however the import is written', () => {
    const made = new Map([
      ['config/a.ts', "export const load = async () => (await import(`../cli/b`)).b;\n"],
      ['cli/b.ts', "import type { A } from '../config/a';\nexport const b = 1;\n"],
      ['runtime/c.ts', 'export { c } from "./c";\n'],
      ['runtime/d.ts', "const e = require(`./e`);\n"],
      ['runtime/e.ts', "import './d';\n"],
      ['shells/f.ts', 'export function f() {\n  return import(\n    `../states/g`\n  );\n}\n'],
      ['runtime/h.ts', 'const x = 1;\n'],
    ]);
    const bad = importGraph(made);
    expect(upwardImports(bad, LAYERS)).toEqual([['config/a.ts', 'cli/b.ts'], ['shells/f.ts', 'states/g.ts']]);
    expect(cycles(bad)).toEqual([['cli/b.ts', 'config/a.ts'], ['runtime/c.ts'], ['runtime/d.ts', 'runtime/e.ts']]);
    expect(importsOf('config/i.ts', 'await import(`./kinds/${name}`);\n')).toEqual(['computed:./kinds/${name}']);
    expect([...'const m = await import(name); import(`./x/${y}`);'.matchAll(COMPUTED)]).toHaveLength(2);
  });
});
