import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import { shellSplit } from '../config/shellSplit';

type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => import('node:child_process').ChildProcess;

/**
 * Opens `url` in a browser, if this machine has one, the way Python's webbrowser (and so the
 * AWS CLI) finds it: each command of `BROWSER` (colon-separated; `%s` marks where the URL
 * goes, else it is appended), else `open` on macOS, else `xdg-open` when a display is set
 * (DISPLAY or WAYLAND_DISPLAY). The browser runs detached: Ctrl-C in the terminal does not
 * reach it. Resolves whether a browser command started. Pass only URLs without a secret: the
 * command line is visible to every user of the machine.
 */
export async function openBrowser({
  url,
  env,
  debug,
  platform = process.platform,
  spawn = nodeSpawn,
}: {
  readonly url: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly debug: (text: string) => void;
  readonly platform?: NodeJS.Platform;
  readonly spawn?: Spawn;
}): Promise<boolean> {
  for (const argv of browserCommands(url, env, platform)) {
    const [command, ...args] = argv;
    if (!command) continue;
    if (await start(command, args, env, spawn)) {
      debug(`browser: started ${command}`);
      return true;
    }
    debug(`browser: could not start ${command}`);
  }
  debug('browser: none found (set BROWSER to choose one)');
  return false;
}

function browserCommands(url: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string[][] {
  const commands: string[][] = [];
  for (const entry of (env.BROWSER ?? '').split(platform === 'win32' ? ';' : ':')) {
    const words = entry.trim() === '' ? undefined : shellSplit(entry);
    if (!words || words.length === 0) continue;
    const withUrl = words.some((word) => word.includes('%s')) ? words.map((word) => word.split('%s').join(url)) : [...words, url];
    commands.push(withUrl);
  }
  if (commands.length > 0) return commands;
  if (platform === 'darwin') return [['open', url]];
  if (platform === 'win32') return [['rundll32', 'url.dll,FileProtocolHandler', url]];
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return [['xdg-open', url]];
  return [];
}

function start(command: string, args: readonly string[], env: Readonly<Record<string, string | undefined>>, spawn: Spawn): Promise<boolean> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { detached: true, stdio: 'ignore', env: { ...env } });
    } catch {
      resolve(false);
      return;
    }
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Erases the line above (the previous progress line) before writing the next one. */
const REWRITE_PREVIOUS_LINE = '\u001b[1A\u001b[2K';

export interface WaitProgress {
  /**
   * Ends the display: on a terminal the progress line is replaced by `finalLine`, or erased
   * without one; otherwise `finalLine`, if any, is printed.
   */
  stop(finalLine?: string): void;
}

/**
 * Live progress while waiting for the user: on a terminal one line, rewritten in place, with a
 * spinner and the time left; otherwise (a log, a pipe) a plain line at the start and one a
 * minute. Every line goes through `log` (stderr).
 */
export function startWaitProgress({
  log,
  isTTY,
  now,
  deadline,
  waitingFor,
  tickMs = isTTY ? 120 : 60_000,
}: {
  readonly log: (text: string) => void;
  readonly isTTY: boolean;
  readonly now: () => Date;
  /** epoch ms */
  readonly deadline: number;
  /** e.g. "approval in the browser" */
  readonly waitingFor: string;
  readonly tickMs?: number;
}): WaitProgress {
  const left = (): string => {
    const seconds = Math.max(0, Math.ceil((deadline - now().getTime()) / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  };
  let frame = 0;
  const tick = (): void => {
    if (isTTY) {
      frame = (frame + 1) % SPINNER.length;
      log(`${REWRITE_PREVIOUS_LINE}${SPINNER[frame]} waiting for ${waitingFor}: ${left()} left (Ctrl-C to cancel)`);
    } else {
      log(`awscreds: still waiting for ${waitingFor} (${left()} left)`);
    }
  };
  if (isTTY) log(`${SPINNER[0]} waiting for ${waitingFor}: ${left()} left (Ctrl-C to cancel)`);
  else log(`awscreds: waiting for ${waitingFor} (${left()} left; Ctrl-C to cancel)`);
  const timer = setInterval(tick, tickMs);
  timer.unref();
  let stopped = false;
  return {
    stop(finalLine) {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (isTTY) log(finalLine === undefined ? `${REWRITE_PREVIOUS_LINE}\u001b[1A` : `${REWRITE_PREVIOUS_LINE}${finalLine}`);
      else if (finalLine !== undefined) log(finalLine);
    },
  };
}
