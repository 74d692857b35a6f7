import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// One reader for every file from outside the bundle: src/runtime/regularFile.ts (readRegularFile,
// openRegularFile: regular files only, never blocking, size-capped). Any other way of opening
// or reading a file in src/ must be one of the few listed here, each with its reason; a new
// readFileSync (a FIFO at its path hangs a shell, a link to /dev/zero fills memory) fails this.

const SRC = join(__dirname, '..', '..', 'src');
const READER = 'runtime/regularFile.ts';
const FILE_READ = /\b(readFileSync|readFile|createReadStream|openSync|readSync)\s*\(|\bfs\.promises\b|fs\/promises'/;

/** Calls that are not reads of an outside file, and why. */
const ALLOWED: ReadonlyArray<[file: string, call: RegExp, why: string]> = [
  ['bin.ts', /readFileSync\(file\)/, 'the bundle itself (dist/main.cjs), beside the executable'],
  ['runtime/terminalPrompt.ts', /openSync\('\/dev\/tty', 'r\+'\)/, 'the controlling terminal, for the MFA code'],
  ['main.ts', /openSync\('\/dev\/tty', 'r\+'\)/, 'the controlling terminal'],
  ['pick/terminalPicker.ts', /openSync\('\/dev\/tty', '[rw]'\)/, 'the controlling terminal, for the profile picker'],
  ['runtime/files.ts', /openSync\(temp, 'wx', openMode\)/, 'creates the temp file of an atomic write (O_EXCL)'],
  ['runtime/files.ts', /openSync\(directory, 'r'\)/, 'a directory opened for fsync after a rename'],
  ['runtime/fileLock.ts', /openSync\((breakPath|lockPath), 'wx', 0o600\)/, 'creates a lock (O_EXCL): never opens what is there'],
  ['runtime/privateCache.ts', /readSync\(fd, target/, 'reads a descriptor openRegularFile opened'],
  ['config/sharedConfig.ts', /readFile\(path\)/, 'the injected ReadFile, readRegularFile by default'],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every line of `text` that opens or reads a file, as `file: line`. */
export function fileReadsIn(file: string, text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && FILE_READ.test(line) && !(/^import /.test(line) && !/fs\/promises'/.test(line)))
    .map((line) => `${file}: ${line.trim()}`);
}

it('the scanner finds a plain read (positive control)', () => {
  expect(fileReadsIn('x.ts', "const t = readFileSync(path, 'utf8');\nconst s = 1;")).toEqual(["x.ts: const t = readFileSync(path, 'utf8');"]);
  expect(fileReadsIn('x.ts', 'const fd = openSync(p, "r");')).toHaveLength(1);
  expect(fileReadsIn('x.ts', "import { readFile } from 'node:fs/promises';")).toHaveLength(1);
  expect(fileReadsIn('x.ts', "import { readFileSync } from 'node:fs';\nexport function readConfigFile(readFile: ReadFile) {}")).toEqual([]);
});

it('every file read in src/ outside runtime/regularFile.ts is one of the listed exceptions', () => {
  const unlisted: string[] = [];
  for (const path of sources(SRC)) {
    const file = relative(SRC, path);
    if (file === READER) continue;
    for (const hit of fileReadsIn(file, readFileSync(path, 'utf8'))) {
      if (!ALLOWED.some(([allowedFile, call]) => allowedFile === file && call.test(hit))) unlisted.push(hit);
    }
  }
  expect(unlisted).toEqual([]);
});
