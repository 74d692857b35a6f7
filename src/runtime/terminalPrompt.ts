import { closeSync, openSync } from 'node:fs';
import { isatty, ReadStream } from 'node:tty';
import { AwscredsError } from './AwscredsError';

/**
 * Writes `prompt` as is (to stderr, through `write`) and reads one line from the controlling
 * terminal, /dev/tty, opened directly: under `eval "$(awscreds export)"` stdout is a pipe but
 * the user still types on the terminal. What is typed is not echoed (an MFA code is a secret
 * for its 30 seconds; botocore's getpass hides it too): the terminal is in raw mode while
 * reading, with Backspace, Ctrl-U, Enter, Ctrl-C and Ctrl-D handled here, and is restored
 * before this returns. Returns undefined when there is no terminal (no /dev/tty, as in CI or
 * cron) or input ends (Ctrl-D) before a line; Ctrl-C is INTERRUPTED.
 */
export function askOnTerminal(prompt: string, { write, signal }: { write: (text: string) => void; signal: AbortSignal }): Promise<string | undefined> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return Promise.resolve(undefined);
  }
  if (!isatty(fd)) {
    closeSync(fd);
    return Promise.resolve(undefined);
  }
  const stream = new ReadStream(fd);
  stream.setEncoding('utf8');
  // Echo off before the prompt shows: what is typed right after it must not appear either.
  stream.setRawMode(true);
  // No newline: the code is typed after the prompt, as with the AWS CLI.
  write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      stream.removeAllListeners('data');
      stream.setRawMode(false);
      stream.destroy();
      write('\n'); // Enter was not echoed either
    };
    const interrupted = (): AwscredsError => new AwscredsError('INTERRUPTED', 'interrupted (Ctrl-C) while waiting for the MFA code; nothing was printed.', 'run the export again and type the code.');
    const onAbort = (): void => {
      done();
      reject(interrupted());
    };
    signal.addEventListener('abort', onAbort);
    stream.on('data', (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') {
          done();
          resolve(text);
          return;
        }
        if (character === '\x03') {
          done();
          reject(interrupted());
          return;
        }
        if (character === '\x04') {
          if (text !== '') continue;
          done();
          resolve(undefined);
          return;
        }
        if (character === '\x7f' || character === '\b') text = text.slice(0, -1);
        else if (character === '\x15') text = '';
        else if (character >= ' ') text += character;
      }
    });
    stream.once('end', () => {
      done();
      resolve(undefined);
    });
    stream.once('error', (error) => {
      done();
      reject(error);
    });
  });
}
