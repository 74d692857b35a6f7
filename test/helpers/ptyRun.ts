import { join } from 'node:path';

export interface PtyOptions {
  /** The terminal's width (default 1000: no line wraps). */
  readonly columns?: number;
  /** The terminal's height (default 50). */
  readonly rows?: number;
  /** stderr on the terminal too, rather than the runner's own stderr. */
  readonly stderrToPty?: boolean;
  /** Types `answer` and Enter once `prompt` has appeared on the terminal. */
  readonly type?: { readonly prompt: string; readonly answer: string };
  /** stdout on a pipe; the runner prints {"stdout", "terminal", "status"} as JSON at the end. */
  readonly json?: boolean;
}

/**
 * The argv that runs `command` on a new pseudo-terminal, its controlling terminal
 * (test/helpers/ptyRun.py): stdin on it, stdout too unless `json`. Without `json` the runner
 * relays its stdin to the terminal and the terminal to its stdout, and exits with the
 * command's status.
 */
export function onPty(command: readonly string[], options: PtyOptions = {}): string[] {
  return [
    'python3',
    join(__dirname, 'ptyRun.py'),
    ...(options.columns === undefined ? [] : ['--columns', String(options.columns)]),
    ...(options.rows === undefined ? [] : ['--rows', String(options.rows)]),
    ...(options.stderrToPty === true ? ['--stderr-to-pty'] : []),
    ...(options.type === undefined ? [] : ['--type', options.type.prompt, options.type.answer]),
    ...(options.json === true ? ['--json'] : []),
    '--',
    ...command,
  ];
}
