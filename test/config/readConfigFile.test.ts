import type { ParsedIni } from '../../src/config/parseIni';
import { join } from 'node:path';
import { readConfigFile } from '../../src/config/sharedConfig';
import { errorOf } from '../helpers/errorOf';
import { makeHome, removeHomes } from './fixtures';

/** Every section's own keys, as a plain object. */
const sectionsOf = (parsed: ParsedIni | undefined) => parsed && Object.fromEntries(parsed.names.map((name) => [name, parsed.section(name)]));

afterAll(removeHomes);

describe('readConfigFile', () => {
  it('parses an existing file', () => {
    const home = makeHome({ config: '[default]\nregion = eu-west-1\n' });
    expect(sectionsOf(readConfigFile(join(home, '.aws', 'config')))).toEqual({ default: { region: 'eu-west-1' } });
  });

  it('returns undefined for a missing file or a missing directory on the way', () => {
    const home = makeHome();
    expect(readConfigFile(join(home, '.aws', 'config'))).toBeUndefined();
    expect(readConfigFile(join(home, 'nope', 'config'))).toBeUndefined();
  });

  it('returns undefined for an empty path (an empty AWS_CONFIG_FILE), without reading anything', () => {
    const readFile = jest.fn((): Uint8Array => Buffer.from('[default]\n'));
    expect(readConfigFile('', readFile)).toBeUndefined();
    expect(readFile).not.toHaveBeenCalled();
    // Positive control: the same reader is used for a non-empty path.
    expect(sectionsOf(readConfigFile('/x', readFile))).toEqual({ default: {} });
  });

  it('reads a UTF-8 BOM file written by Windows editors', () => {
    const home = makeHome({ config: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[default]\r\nregion = eu-west-1\r\n')]) });
    expect(sectionsOf(readConfigFile(join(home, '.aws', 'config')))).toEqual({ default: { region: 'eu-west-1' } });
  });

  it('is a FILESYSTEM error naming the path when the path is a directory', () => {
    const home = makeHome();
    const path = join(home, '.aws');
    const error = errorOf(() => readConfigFile(path));
    expect(error.reason).toBe('FILESYSTEM');
    expect(error.message).toBe(`cannot read ${path}: it is a directory`);
  });

  it('is a FILESYSTEM error naming the path when reading is refused', () => {
    const denied = (): Uint8Array => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    const error = errorOf(() => readConfigFile('/home/u/.aws/config', denied));
    expect(error.reason).toBe('FILESYSTEM');
    expect(error.exitCode).toBe(7);
    expect(error.message).toBe('cannot read /home/u/.aws/config: permission denied');
    expect(error.fix).toContain('/home/u/.aws/config');
  });

  it('is a CONFIG error when the file is not UTF-8', () => {
    const latin1 = (): Uint8Array => Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x78, 0x3d, 0xe9, 0x0a]); // "[a]\nx=é" in Latin-1
    const error = errorOf(() => readConfigFile('/home/u/.aws/config', latin1));
    expect(error.reason).toBe('CONFIG');
    expect(error.message).toBe('/home/u/.aws/config is not valid UTF-8 text');
  });
});
