import { closeSync, openSync } from 'node:fs';
import { isatty, ReadStream } from 'node:tty';
import { AwscredsError } from './AwscredsError';

/**
 * Writes `prompt` as is (to stderr, through `write`) and reads one line from the controlling
 * terminal, /dev/tty, opened directly: under `eval "$(awscreds export)"` stdout is a pipe but
 * the user still types on the terminal. Returns undefined when there is no terminal (no
 * /dev/tty, as in CI or cron) or input ends (Ctrl-D) before a line; Ctrl-C is INTERRUPTED.
 */
export function askOnTerminal(prompt: string, { write, signal }: { write: (text: string) => void; signal: AbortSignal }): Promise<string | undefined> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r');
  } catch {
    return Promise.resolve(undefined);
  }
  if (!isatty(fd)) {
    closeSync(fd);
    return Promise.resolve(undefined);
  }
  // No newline: the code is typed after the prompt, as with the AWS CLI.
  write(prompt);
  const stream = new ReadStream(fd);
  stream.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      stream.removeAllListeners('data');
      stream.destroy();
    };
    const onAbort = (): void => {
      done();
      reject(new AwscredsError('INTERRUPTED', 'interrupted (Ctrl-C) while waiting for the MFA code; nothing was printed.', 'run the export again and type the code.'));
    };
    signal.addEventListener('abort', onAbort);
    stream.on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) {
        done();
        resolve(text.slice(0, end).replace(/\r$/, ''));
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
