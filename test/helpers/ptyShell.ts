import { spawn } from 'node:child_process';
import type { ShellName } from '../../src/shells/Shell';
import { onPty } from './ptyRun';
import { driver } from './shellDriver';

/** The shells a user may type `eval "$(awscreds …)"` or `awscreds … | source` into, and POSIX sh. */
export type InteractiveShellName = ShellName | 'sh';

export interface PtyShell {
  /** Types one line and waits until it has run; returns what the terminal showed meanwhile (echo included). */
  run(line: string): Promise<string>;
  /** Whether the shell is still running (a syntax error must not end it). */
  alive(): boolean;
  close(): Promise<void>;
}

/** The command that starts SHELL interactively without the user's rc files. */
function shellArgv(shell: InteractiveShellName): string[] {
  return shell === 'sh' ? ['sh', '-i'] : [...driver(shell).bareInteractiveArgv];
}

/**
 * A real interactive shell on a pseudo-terminal (default 80 columns): what a user types into.
 * Each line is followed by a sentinel whose output cannot match the terminal's echo of it.
 */
export async function startPtyShell(shell: InteractiveShellName, env: Readonly<Record<string, string>>, columns = 80): Promise<PtyShell> {
  const [command, ...args] = onPty(shellArgv(shell), { columns, rows: 24, stderrToPty: true });
  const child = spawn(command as string, args, {
    env: { TERM: 'dumb', LANG: 'C.UTF-8', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let screen = '';
  let consumed = 0;
  let exited = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
  const closed = new Promise<void>((resolve) => child.on('close', () => ((exited = true), resolve())));
  let step = 0;
  const run = async (line: string): Promise<string> => {
    step += 1;
    const marker = `@@S${step}@@`;
    child.stdin.write(`${line}\nprintf '@@%s@@\\n' S${step}\n`);
    const started = Date.now();
    for (;;) {
      const rest = screen.slice(consumed);
      // The echo of the typed line reads `@@%s@@`: only the output has the marker.
      const at = rest.indexOf(marker);
      if (at !== -1) {
        consumed += at + marker.length;
        return clean(rest.slice(0, at));
      }
      if (exited) throw new ShellEnded(`${shell} ended during: ${line}\n${clean(rest)}`);
      if (Date.now() - started > 20_000) {
        child.kill('SIGKILL');
        throw new Error(`${shell}: no ${marker} after: ${line}\n${clean(rest)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  await run(shell === 'sh' ? "PS1='$ '" : driver(shell).promptRc('$ ').trimEnd().replace(/\n/g, '; '));
  return {
    run,
    alive: () => !exited,
    async close() {
      if (!exited) {
        child.stdin.end('exit\n');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await closed;
        clearTimeout(timer);
      }
    },
  };
}

/** Thrown by `run` when the shell exits before the line has finished. */
export class ShellEnded extends Error {}

/** Without CRs and terminal control sequences. */
export function clean(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Za-z0-9]|\x1b[=>]/g, '').replace(/\r/g, '');
}
