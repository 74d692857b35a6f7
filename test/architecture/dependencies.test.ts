import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The dependency rule of ARCHITECTURE.md, checked on every import in src/ (static, type-only,
// re-exports, import() and require()): layers point down, nothing imports the command layer,
// and no file reaches itself through its imports.

const SRC = join(__dirname, '..', '..', 'src');

/** Bottom first. A module may import its own folder or a folder earlier in this list. */
export const LAYERS: readonly string[] = ['runtime', 'completion', 'shells', 'config', 'awsCliCache', 'token', 'credentials', 'states', 'render', 'exec', 'login', 'list', 'hooks', 'console', 'cli', '.'];

type Graph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

function importGraph(): Graph {
  const graph = new Map<string, string[]>();
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;
  for (const file of sourceFiles(SRC)) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) targets.push(relative(SRC, `${resolve(dirname(file), match[2] as string)}.ts`));
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

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
  const graph = importGraph();

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

  // Positive controls: the same checks flag what they exist to catch.
  test('the checks catch an upward import and a cycle when there is one', () => {
    const bad: Graph = new Map([
      ['config/a.ts', ['cli/b.ts']],
      ['cli/b.ts', ['config/a.ts']],
      ['runtime/c.ts', ['runtime/c.ts']],
      ['runtime/d.ts', []],
    ]);
    expect(upwardImports(bad, LAYERS)).toEqual([['config/a.ts', 'cli/b.ts']]);
    expect(cycles(bad)).toEqual([['cli/b.ts', 'config/a.ts'], ['runtime/c.ts']]);
  });
});
