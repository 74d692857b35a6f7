import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellByName, detectShell } from '../../src/shells/registry';
import { SHELL_NAMES } from '../../src/shells/Shell';
import { DRIVERS, SHELLS } from '../helpers/shellDriver';

const root = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

/**
 * The pieces a shell is made of outside what the compiler checks (Shell's methods, the
 * registry's and the test driver's entries): the files ARCHITECTURE's "Adding a shell" lists,
 * each spelled with NAME for the shell's name.
 */
const PIECES = ['src/shells/NAME.ts', 'shell/hook.NAME', 'shell/completion.NAME'];

const addingAShell = read('ARCHITECTURE.md').split('- **A shell**')[1]?.split('\n- **')[0] ?? '';

describe.each(SHELL_NAMES)('%s has every piece', (name) => {
  const shell = shellByName(name);
  test.each(PIECES)('%s', (piece) => expect(existsSync(join(root, piece.replace('NAME', name)))).toBe(true));
  test('its hook and completion assets are in shell/, and named after it', () => {
    for (const file of [shell.hookFile, shell.completionFile, ...(shell.hookSharedFile === undefined ? [] : [shell.hookSharedFile])]) expect(existsSync(join(root, 'shell', file))).toBe(true);
    expect([shell.hookFile, shell.completionFile]).toEqual([`hook.${name}`, `completion.${name}`]);
  });
  test('--shell takes it, and its executable is recognised', () => {
    expect(detectShell(name, { env: {}, parentProcess: { pid: 1, executableName: () => undefined } }).name).toBe(name);
    expect(detectShell(undefined, { env: { SHELL: `/usr/bin/${name}` }, parentProcess: { pid: 1, executableName: () => undefined } }).name).toBe(name);
  });
  test('the tests drive it (test/helpers/shellDriver.ts): the hook suites, or suites of its own', () => {
    expect(DRIVERS[name].name).toBe(name);
    expect(DRIVERS[name].runsHookSuites ? SHELLS.includes(name as never) : existsSync(join(root, 'test', name))).toBe(true);
  });
  test('README\'s --shell lists it', () => expect(read('README.md')).toMatch(new RegExp(`\`--shell [^\`]*\\b${name}\\b`)));
});

test('ARCHITECTURE\'s "Adding a shell" lists every piece (positive control: a made-up piece is not listed)', () => {
  const listed = (piece: string): boolean => addingAShell.includes(piece);
  expect(PIECES.filter((piece) => !listed(piece))).toEqual([]);
  for (const file of ['src/shells/Shell.ts', 'src/shells/registry.ts', 'test/helpers/shellDriver.ts', 'README.md']) expect([file, listed(file)]).toEqual([file, true]);
  expect(listed('src/shells/NAME.toml')).toBe(false);
});
