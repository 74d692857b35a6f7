import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { ShellName } from '../../src/shells/Shell';
import { onPty } from '../helpers/ptyRun';
import { driver } from '../helpers/shellDriver';

export interface InteractiveShellOptions {
  readonly shell: ShellName;
  /** Another build of the shell to run (an older bash, test/hooks/shellsUnderTest.ts); default: the one on PATH. */
  readonly binary?: string;
  /** The temporary HOME whose rc file (written by `awscreds hook install`) the shell reads. */
  readonly home: string;
  /** The whole environment besides HOME, TERM and LANG: nothing leaks in from the test run. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Run the shell on a pseudo-terminal with stderr on it too (to see colour): bash and zsh
   * then run under the same pty runner as fish, and both sentinels arrive on stdout.
   */
  readonly stderrToPty?: boolean;
  /** The pseudo-terminal's width (default 1000, so that fish does not wrap long lines). */
  readonly columns?: number;
  /** The directory it starts in (default: the test's). */
  readonly cwd?: string;
  /** A command prefix, e.g. strace. */
  readonly wrapper?: readonly string[];
  readonly timeoutMs?: number;
}

export interface StepOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** stdout as the terminal got it, colour sequences included. */
  readonly rawStdout: string;
}

export interface InteractiveShell {
  /** Types one line, then waits for the prompt after it; returns what that step printed. */
  run(line: string): Promise<StepOutput>;
  /**
   * Types one line alone, as a person does (nothing else waiting), then waits until it ran
   * and `prompt` (a text the test's own prompt prints) has appeared after it; returns stdout
   * (cleaned) up to then. Messages the hook prints at that prompt are in it when stderr is on
   * the terminal (stderrToPty).
   */
  type(line: string, prompt: string): Promise<string>;
  /** The `awscreds:` lines on stderr of one step. */
  messages(step: StepOutput): string[];
  close(): Promise<number | null>;
}

/**
 * A real interactive bash, zsh or fish: bash and zsh on pipes (they run PROMPT_COMMAND and
 * precmd between lines read from a pipe) unless stderrToPty, fish under a pseudo-terminal (it
 * fires fish_prompt only on one). Each step ends with a sentinel printed on stdout and stderr,
 * written so that the terminal's echo of the typed line cannot match it.
 */
export async function startInteractiveShell(options: InteractiveShellOptions): Promise<InteractiveShell> {
  const env = { ...options.env, HOME: options.home, TERM: 'dumb', LANG: 'C.UTF-8' };
  const [program, ...shellArgs] = driver(options.shell).interactiveArgv(options.home);
  // `binary`: another build of the same shell (bash 3.2), started with the driver's arguments.
  const shellArgv = [options.binary ?? (program as string), ...shellArgs];
  const onTerminal = driver(options.shell).promptNeedsTerminal || options.stderrToPty === true;
  const argv = onTerminal ? onPty(shellArgv, { stderrToPty: options.stderrToPty, columns: options.columns }) : shellArgv;
  const command = [...(options.wrapper ?? []), ...argv];
  const child: ChildProcessWithoutNullStreams = spawn(command[0] as string, command.slice(1), { env, stdio: 'pipe', cwd: options.cwd });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const buffers = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (buffers.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (buffers.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let step = 0;
  const consumed = { stdout: 0, stderr: 0 };

  const waitFor = async (marker: string): Promise<StepOutput> => {
    const started = Date.now();
    // fish may put a terminal mode sequence (bracketed paste off) just before the output.
    const pattern = new RegExp(`(^|[\\r\\n])(?:\\x1b\\[[0-9;?]*[A-Za-z])*${marker}\\r?\\n`);
    for (;;) {
      const out = buffers.stdout.slice(consumed.stdout);
      const err = buffers.stderr.slice(consumed.stderr);
      const outMatch = pattern.exec(out);
      // With stderr on the terminal both sentinels arrive on stdout.
      const errMatch = options.stderrToPty ? { index: 0, 0: '' } : pattern.exec(err);
      if (outMatch && errMatch) {
        consumed.stdout += outMatch.index + outMatch[0].length;
        consumed.stderr += errMatch.index + errMatch[0].length;
        const rawStdout = out.slice(0, outMatch.index);
        return { stdout: clean(rawStdout), rawStdout, stderr: err.slice(0, errMatch.index).replace(/\r/g, '') };
      }
      if (child.exitCode !== null || Date.now() - started > timeoutMs) {
        child.kill('SIGKILL');
        throw new Error(`${options.shell}: no ${marker} (exit ${String(child.exitCode)})\n--- stdout\n${out}\n--- stderr\n${err}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  const run = async (line: string): Promise<StepOutput> => {
    step += 1;
    const marker = `@@S${step}@@`;
    const sentinel = `printf '@@%s@@\\n' S${step}; printf '@@%s@@\\n' S${step} >&2`;
    child.stdin.write(line === '' ? `${sentinel}\n` : `${line}\n${sentinel}\n`);
    return waitFor(marker);
  };
  await run(''); // the rc file has been read and the first prompt shown

  let typed = 0;
  const type = async (line: string, prompt: string): Promise<string> => {
    typed += 1;
    const done = `@T${typed}@`;
    const started = Date.now();
    const from = buffers.stdout.length;
    // One command line, ending with a marker printed so that its echo cannot match it.
    child.stdin.write(`${line}; printf '@T%s@\\n' ${typed}\n`);
    for (;;) {
      const out = clean(buffers.stdout.slice(from));
      const ran = new RegExp(`(^|\\n)${done}\\n`).exec(out);
      if (ran && out.indexOf(prompt, ran.index + ran[0].length) >= 0) {
        consumed.stdout = buffers.stdout.length;
        return out;
      }
      if (child.exitCode !== null || Date.now() - started > timeoutMs) {
        child.kill('SIGKILL');
        throw new Error(`${options.shell}: no prompt ${prompt} after typing ${line}\n--- stdout\n${out}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  return {
    run,
    type,
    messages: (output) => output.stderr.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('awscreds:')),
    async close() {
      child.stdin.write('exit\n');
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Without terminal noise: CRs, and (for fish) colour and cursor sequences of its redraws. */
function clean(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]/g, '').replace(/\r/g, '');
}

/**
 * The hook's lines in what a terminal showed (stderrToPty: stderr is the terminal), without
 * the test's prompt text and fish's mark for output that did not end in a newline (`⏎`).
 */
export function terminalMessages(text: string, prompt: string): string[] {
  return text
    .split('\n')
    .map((line) => line.split(prompt).join('').replace(/^[\s⏎]+/u, '').trim())
    .filter((line) => line.startsWith('awscreds:'));
}
