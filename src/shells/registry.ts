import { AwscredsError } from '../runtime/AwscredsError';
import type { Env, ParentProcess } from '../runtime/Runtime';
import { bash } from './bash';
import { fish } from './fish';
import { nu } from './nu';
import { SHELL_NAMES, type Shell, type ShellName } from './Shell';
import { zsh } from './zsh';

// Every shell awscreds supports; a ShellName without an entry here is a compile error.
const REGISTRY: Readonly<Record<ShellName, Shell>> = { bash, zsh, fish, nu };

export function shellByName(name: ShellName): Shell {
  return REGISTRY[name];
}

/** What shell detection reads: the environment and the parent process. */
export interface ShellDetectionInput {
  readonly env: Env;
  readonly parentProcess: ParentProcess;
}

/** The variable the hooks set (shell/hook.NAME): `NAME PID`, the shell and its process id. */
export const SHELL_VARIABLE = 'AWSCREDS_SHELL';

/**
 * The shell to print for: `--shell`, else the shell awscreds runs in (see `guessShell`). An
 * unknown shell is a usage error: printing bash syntax into fish fails in a confusing way.
 */
export function detectShell(option: string | undefined, input: ShellDetectionInput): Shell {
  if (option !== undefined) {
    if (isShellName(option)) return REGISTRY[option];
    throw new AwscredsError('USAGE', `unknown shell "${option}" for --shell.`, `use one of: ${SHELL_NAMES.join(', ')}.`);
  }
  const guessed = guessShell(input);
  if (guessed) return REGISTRY[guessed];
  const { SHELL } = input.env;
  throw new AwscredsError(
    'USAGE',
    SHELL ? `cannot tell which shell to write for: $SHELL is "${SHELL}", which awscreds does not support.` : 'cannot tell which shell to write for: $SHELL is not set.',
    `pass --shell ${SHELL_NAMES.join('|')}.`,
  );
}

/** The user's shell for a suggested command in a message: as `detectShell` finds it, else bash. */
export function userShell(input: ShellDetectionInput): Shell {
  return REGISTRY[guessShell(input) ?? 'bash'];
}

/**
 * The shell a command's messages are written for: the one its `--shell` (or shell positional)
 * names, when it names one, else the user's shell.
 */
export function shellFromArgs(option: unknown, input: ShellDetectionInput): Shell {
  return typeof option === 'string' && isShellName(option) ? REGISTRY[option] : userShell(input);
}

/**
 * Help examples of a command whose output a shell loads: one line per distinct load line, with
 * the shells that type it (`bash or zsh: …`). The line is each shell's own (Shell.loadLine).
 */
export function loadLineExamples(words: readonly string[], what: string): Array<[string, string]> {
  const byLine = new Map<string, ShellName[]>();
  for (const name of SHELL_NAMES) {
    const line = REGISTRY[name].loadLine(words);
    byLine.set(line, [...(byLine.get(line) ?? []), name]);
  }
  return [...byLine].map(([line, names]) => [line, `${names.join(' or ')}: ${what}`]);
}

/**
 * The shell awscreds runs in, most certain first: the hook's variable when it names our parent
 * process (`$(…)` and `| source` run awscreds as a child of the shell itself); the parent
 * process's executable (Linux); the hook's variable set by some other process (an ancestor
 * shell); the login shell, $SHELL. $SHELL alone is wrong whenever one shell is started from
 * another (bash typed in a fish login), and a wrong guess prints code for the wrong shell.
 */
export function guessShell(input: ShellDetectionInput): ShellName | undefined {
  const hook = /^([a-z]+)(?: (\d+))?$/.exec(input.env[SHELL_VARIABLE] ?? '');
  const hookShell = hook && isShellName(hook[1] ?? '') ? (hook[1] as ShellName) : undefined;
  if (hookShell && (hook?.[2] === undefined || Number(hook[2]) === input.parentProcess.pid)) return hookShell;
  const parent = shellNameOf(input.parentProcess.executableName() ?? '');
  if (parent) return parent;
  return hookShell ?? shellNameOf(input.env.SHELL ?? '');
}

/** `/usr/bin/zsh`, `-bash` (a login shell), `bash5.2`, `fish-3.6` → the shell's name, if supported. */
function shellNameOf(path: string): ShellName | undefined {
  const name = (path.split('/').pop() ?? '').replace(/^-/, '').replace(/-?[\d.]+$/, '');
  return isShellName(name) ? name : undefined;
}

function isShellName(name: string): name is ShellName {
  return (SHELL_NAMES as readonly string[]).includes(name);
}
