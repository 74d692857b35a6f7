import { AwscredsError } from './AwscredsError';
import { MAX_SCRIPT_FILE_BYTES, describeReadError, readRegularFile } from './files';

// Apart from files.ts so that the launcher (bin.ts), which reads through files.ts, does not
// bundle AwscredsError and what it imports.

/**
 * A text file of awscreds' own package (shell/hook.*, shell/completion.*), as text ending in one
 * LF, with LF line endings. Read like any outside file: a package directory can be tampered
 * with, and a FIFO there must not hang a shell's start.
 */
export function readPackageText(path: string): string {
  let text: string;
  try {
    text = readRegularFile(path, MAX_SCRIPT_FILE_BYTES).toString('utf8').replace(/\r\n/g, '\n');
  } catch (error) {
    throw new AwscredsError('FILESYSTEM', `cannot read awscreds' own file ${path}: ${describeReadError(error)}.`, 'reinstall awscreds (npm install -g awscreds).');
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}
