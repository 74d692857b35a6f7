import { readFileSync } from 'node:fs';
import { AwscredsError } from '../AwscredsError';
import { parseIni, type IniSections } from './parseIni';

/** Reads a whole file as bytes; injectable so tests can simulate unreadable files (root ignores modes). */
export type ReadFile = (path: string) => Uint8Array;

/**
 * Reads and parses one of the AWS CLI's files. A file that does not exist is `undefined`, not
 * an error: the profile may live in the other file. One that exists but cannot be read is a
 * FILESYSTEM error; one that is not UTF-8 is a CONFIG error, as the AWS CLI refuses it too.
 */
export function readConfigFile(path: string, readFile: ReadFile = readFileSync): IniSections | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    const why = code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
    throw new AwscredsError('FILESYSTEM', `cannot read ${path}: ${why}`, `make ${path} a readable file (check it with: ls -ld ${path}), or remove it`);
  }
  let text: string;
  try {
    // ignoreBOM keeps a BOM in the text, where parseIni drops it: one place handles it.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AwscredsError('CONFIG', `${path} is not valid UTF-8 text`, `save ${path} as UTF-8 (the AWS CLI cannot read it either)`);
  }
  return parseIni(text, path);
}
