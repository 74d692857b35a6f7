import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import { shellSplit } from './shellSplit';

type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => import('node:child_process').ChildProcess;

/**
 * Opens `url` in a browser, if this machine has one, the way Python's webbrowser (and so the
 * AWS CLI) finds it: each command of `BROWSER` (colon-separated; `%s` marks where the URL
 * goes, else it is appended), else `open` on macOS, else `xdg-open` when a display is set
 * (DISPLAY or WAYLAND_DISPLAY). The browser runs detached: Ctrl-C in the terminal does not
 * reach it. Resolves whether a browser command started. Pass only URLs without a secret: the
 * command line is visible to every user of the machine (`console` passes a one-shot loopback
 * URL, runtime/loopbackServer.ts, never the login URL itself).
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
