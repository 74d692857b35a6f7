import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * A real interactive shell in a detached tmux session: for shells whose line editor asks the
 * terminal where the cursor is (nu's reedline) and stalls on a pseudo-terminal that does not
 * answer; tmux answers like a terminal emulator. Each step types a line, then waits until the
 * marker its output ends with is on the screen (the typed line shows `@@`…`@@` split apart, so
 * only the output matches).
 */
export interface TmuxShell {
  /** Types `line` and waits for it to have run; returns the screen text it added. */
  run(line: string): Promise<string>;
  /**
   * Presses Enter on an empty command line `times` times, each once the prompt after the last
   * one is drawn: one prompt per press (an Enter that arrives while the line editor starts, with
   * its question to the terminal, it may take for part of a paste and insert a newline).
   */
  pressEnter(times: number): Promise<void>;
  /** What the first command line (`firstLine`, with the first marker after it) added to the screen. */
  readonly first: string;
  /** The whole screen and scrollback. */
  screen(): string;
  /** Types `text` and then presses `keys` (tmux key names: Tab, C-c), without waiting. */
  type(text: string, ...keys: string[]): void;
  /** Waits until the screen after what run() returned so far matches `pattern`; returns that part of the screen. */
  until(pattern: RegExp): Promise<string>;
  /** Waits until the prompt is back, alone on the last line (after a command started with type()). */
  prompt(): Promise<void>;
  /**
   * Pastes `text` as a terminal does (tmux paste-buffer): as typed when `bracketed` is false,
   * else wrapped in bracketed-paste marks where the shell turned that on, then Enter. Waits as
   * run() does; returns the screen text it added.
   */
  paste(text: string, bracketed: boolean): Promise<string>;
  close(): void;
}

export async function startTmuxShell(argv: readonly string[], env: Readonly<Record<string, string>>, printMarker: (marker: string) => string, prompt: string, timeoutMs = 20_000, firstLine = ''): Promise<TmuxShell> {
  const socket = `awscreds-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const tmux = (...args: string[]): string => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' }).stdout ?? '';
  const tmuxWithInput = (input: string, ...args: string[]): void => void spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { input });
  const envArgs = Object.entries({ TERM: 'xterm-256color', LANG: 'C.UTF-8', ...env }).map(([k, v]) => `${k}=${v}`);
  tmux('new-session', '-d', '-s', 's', '-x', '200', '-y', '50', 'env', '-i', ...envArgs, ...argv);
  tmux('set-option', '-t', 's', 'history-limit', '10000');
  const screen = (): string => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 's');
  let consumed = 0;
  let step = 0;
  const waitFor = async (marker: string): Promise<string> => {
    const started = Date.now();
    for (;;) {
      const text = screen();
      const at = text.indexOf(marker, consumed);
      if (at !== -1) {
        const added = text.slice(consumed, at);
        consumed = at + marker.length;
        return added;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`no ${marker} on the screen:\n${text.slice(consumed)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  // Keys typed while a command runs may be dropped by the line editor: the marker is typed
  // once the prompt is back (the last line of the screen is the prompt alone).
  const promptBack = async (): Promise<void> => {
    const started = Date.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const lines = screen().slice(consumed).split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
      if (lines.length >= 2 && lines[lines.length - 1] === prompt.trimEnd()) return;
      if (Date.now() - started > timeoutMs) throw new Error(`the prompt did not come back:\n${screen().slice(consumed)}`);
    }
  };
  // Before a line is typed: the prompt drawn after the last marker's output (keys typed before
  // the line editor starts again may be dropped, under load).
  const promptReady = async (): Promise<void> => {
    const started = Date.now();
    for (;;) {
      const lines = screen().slice(consumed).split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
      if (lines[lines.length - 1] === prompt.trimEnd()) return;
      if (Date.now() - started > timeoutMs) throw new Error(`no prompt after the last step:\n${screen().slice(consumed)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const run = async (line: string): Promise<string> => {
    step += 1;
    await promptReady();
    if (line !== '') tmux('send-keys', '-t', 's', '-l', line);
    tmux('send-keys', '-t', 's', 'Enter');
    return afterCommand();
  };
  const paste = async (text: string, bracketed: boolean): Promise<string> => {
    step += 1;
    await promptReady();
    tmuxWithInput(text, 'load-buffer', '-');
    tmux('paste-buffer', ...(bracketed ? ['-p'] : []), '-t', 's');
    if (bracketed) tmux('send-keys', '-t', 's', 'Enter');
    return afterCommand();
  };
  const afterCommand = async (): Promise<string> => {
    await promptBack();
    const marker = `@@S${step}@@`;
    tmux('send-keys', '-t', 's', '-l', printMarker(`S${step}`));
    tmux('send-keys', '-t', 's', 'Enter');
    return waitFor(marker);
  };
  // kill-server alone leaves a shell that ignores the hang-up (nu, spinning on the closed
  // terminal under strace) running after the test: its whole process tree is killed too.
  const panePid = Number(tmux('display-message', '-p', '-t', 's', '#{pane_pid}').trim());
  const close = (): void => {
    const tree = Number.isInteger(panePid) && panePid > 0 ? [panePid, ...descendantsOf(panePid)] : [];
    tmux('kill-server');
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  let first = '';
  // A shell that never showed its prompt is ended here: its tmux server (and the shell, under
  // strace) would otherwise outlive the test and spin.
  try {
    // Keys typed before the line editor starts may be dropped: wait for the first prompt.
    const started = Date.now();
    while (screen().trim() === '') {
      if (Date.now() - started > timeoutMs) throw new Error(`${argv[0] ?? 'the shell'} showed no prompt`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    tmux('send-keys', '-t', 's', '-l', `${firstLine === '' ? '' : `${firstLine}; `}${printMarker('S0')}`);
    tmux('send-keys', '-t', 's', 'Enter');
    first = await waitFor('@@S0@@');
  } catch (error) {
    close();
    throw error;
  }
  // The cursor's line on the screen and in its history (a press of Enter adds one; the
  // history-limit above bounds it) and column (after the prompt once the prompt is drawn).
  const cursor = (): string => tmux('display-message', '-p', '-t', 's', '#{e|+:#{history_size},#{cursor_y}} #{cursor_x}').trim();
  const pressEnter = async (times: number): Promise<void> => {
    for (let i = 0; i < times; i += 1) {
      const line = Number(cursor().split(' ')[0]);
      tmux('send-keys', '-t', 's', 'Enter');
      const started = Date.now();
      while (cursor() !== `${line + 1} ${prompt.length}`) {
        if (Date.now() - started > timeoutMs) throw new Error(`Enter ${i + 1} of ${times} showed no new prompt:\n${screen().slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  };
  const type = (text: string, ...keys: string[]): void => {
    if (text !== '') tmux('send-keys', '-t', 's', '-l', text);
    for (const key of keys) tmux('send-keys', '-t', 's', key);
  };
  const until = async (pattern: RegExp): Promise<string> => {
    const started = Date.now();
    for (;;) {
      const text = screen().slice(consumed);
      if (pattern.test(text)) return text;
      if (Date.now() - started > timeoutMs) throw new Error(`no ${String(pattern)} on the screen:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { run, pressEnter, screen, close, first, type, until, prompt: promptBack, paste };
}

/** The pids of every process below `root`, from /proc (Linux). */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const walk = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}
