import { join } from 'node:path';
import { NU_GUARD } from '../../src/shells/nu';
import { shellByName } from '../../src/shells/registry';
import { SHELL_NAMES, type ShellName } from '../../src/shells/Shell';

/**
 * Everything a test needs to drive one shell: how to start it, its rc file, how to set, unset
 * and print variables, how a script loads printed code. The one place tests spell shell syntax
 * by shell: a test written against ShellDriver runs in every shell of SHELL_NAMES, and a shell
 * added there without a driver here is a compile error (DRIVERS is a Record over ShellName).
 */
export interface ShellDriver {
  readonly name: ShellName;
  /** argv of a non-interactive run of `script`, no rc files read. */
  scriptArgv(script: string): string[];
  /** argv of an interactive shell that reads no rc file (for a pseudo-terminal). */
  readonly bareInteractiveArgv: readonly string[];
  /** argv of an interactive shell that reads HOME's rc file (the one `hook install` edits) and nothing else. */
  interactiveArgv(home: string): string[];
  /** Whether the shell runs its prompt hooks only on a terminal (fish, nu), not on pipes. */
  readonly promptNeedsTerminal: boolean;
  /** The user's own rc file under HOME, and a line that makes its prompt `text` (quiet by default). */
  readonly userRcFile: string;
  promptRc(text: string): string;
  /** One line: export NAME=VALUE (the value quoted by the shell's own escape, on one line). */
  setExported(name: string, value: string): string;
  /** One line: NAME=VALUE in the shell, not exported. */
  setUnexported(name: string, value: string): string;
  /** One line removing the variables. */
  unset(names: readonly string[]): string;
  /** The last command's exit status, as an expression for echo. */
  readonly status: string;
  /** A command that loads the code held in the (exported) variable NAME, as its load line loads printed code. */
  loadVariable(name: string): string;
  /** Code that, loaded by the shell, exports NAME=VALUE: what a stand-in awscreds prints. */
  exportCode(name: string, value: string): string;
  /** A definition of the function NAME whose body is the command line `body`. */
  defineFunction(name: string, body: string): string;
  /** A no-op command. */
  readonly noop: string;
  /** Whether the suites of test/hooks, written for the bash/zsh/fish hook, run it (SHELLS). */
  readonly runsHookSuites: boolean;
}

/** The nu executable the npm package `nushell` (a devDependency) installs: the binary itself, not its node launcher. */
export const NU = require.resolve(`@nushell/${process.platform}-${process.arch}/bin/nu`);
const nuString = (value: string): string => JSON.stringify(value);

const q = (value: string): string => `'${value.replace(/'/g, "'\\''")}'`;
const qFish = (value: string): string => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

const posix = (name: 'bash' | 'zsh', own: Pick<ShellDriver, 'scriptArgv' | 'bareInteractiveArgv' | 'interactiveArgv' | 'userRcFile' | 'promptRc'>): ShellDriver => ({
  name,
  ...own,
  promptNeedsTerminal: false,
  setExported: (n, v) => `export ${n}=${shellByName(name).escape(v)}`,
  setUnexported: (n, v) => `${n}=${shellByName(name).escape(v)}`,
  unset: (names) => `unset ${names.join(' ')}`,
  status: '$?',
  loadVariable: (n) => `eval "$${n}"`,
  exportCode: (n, v) => `export ${n}=${q(v)}\n`,
  defineFunction: (n, body) => `${n}() { ${body}; }`,
  noop: ':',
  runsHookSuites: true,
});

export const DRIVERS: Readonly<Record<ShellName, ShellDriver>> = {
  bash: posix('bash', {
    scriptArgv: (script) => ['bash', '--norc', '--noprofile', '-c', script],
    bareInteractiveArgv: ['bash', '--norc', '--noprofile', '-i'],
    interactiveArgv: (home) => ['bash', '--rcfile', join(home, '.bashrc'), '-i'],
    userRcFile: '.bashrc',
    promptRc: (text) => `PS1=${q(text)}\n`,
  }),
  zsh: posix('zsh', {
    scriptArgv: (script) => ['zsh', '-f', '-c', script],
    bareInteractiveArgv: ['zsh', '-f', '-i'],
    interactiveArgv: () => ['zsh', '-d', '-i'], // -d: no /etc/zsh files, only $HOME/.zshrc
    userRcFile: '.zshrc',
    promptRc: (text) => `PROMPT=${q(text)}\nunsetopt prompt_sp\n`,
  }),
  fish: {
    name: 'fish',
    scriptArgv: (script) => ['fish', '--no-config', '-c', script],
    bareInteractiveArgv: ['fish', '--no-config', '-i'],
    interactiveArgv: () => ['fish', '-i'],
    promptNeedsTerminal: true,
    userRcFile: join('.config', 'fish', 'config.fish'),
    promptRc: (text) => `set -g fish_greeting ''\nfunction fish_prompt; printf '%s' ${qFish(text)}; end\n`,
    setExported: (n, v) => `set -gx ${n} ${shellByName('fish').escape(v)}`,
    setUnexported: (n, v) => `set -g ${n} ${shellByName('fish').escape(v)}`,
    unset: (names) => names.map((n) => `set -e ${n}`).join('; '),
    status: '$status',
    loadVariable: (n) => `printf '%s' "$${n}" | source`,
    exportCode: (n, v) => `set -gx ${n} ${qFish(v)}\n`,
    defineFunction: (n, body) => `function ${n}; ${body}; end`,
    noop: 'true',
    runsHookSuites: true,
  },
  nu: {
    name: 'nu',
    scriptArgv: (script) => [NU, '--no-config-file', '-c', script],
    bareInteractiveArgv: [NU, '--no-config-file'],
    interactiveArgv: () => [NU],
    promptNeedsTerminal: true,
    userRcFile: join('.config', 'nushell', 'config.nu'),
    promptRc: (text) => `$env.config.show_banner = false\n$env.PROMPT_COMMAND = {|| ${nuString(text)} }\n$env.PROMPT_COMMAND_RIGHT = ''\n$env.PROMPT_INDICATOR = ''\n`,
    setExported: (n, v) => `$env.${n} = ${shellByName('nu').escape(v)}`,
    setUnexported: (n, v) => `let ${n} = ${shellByName('nu').escape(v)}`,
    unset: (names) => `hide-env -i ${names.join(' ')}`,
    status: '$env.LAST_EXIT_CODE',
    loadVariable: (n) => `$env.${n} | lines | last | from json | load-env`,
    exportCode: (n, v) => `${NU_GUARD}\n${JSON.stringify({ [n]: v })}\n`,
    defineFunction: (n, body) => `def ${n} [] { ${body} }`,
    noop: 'null',
    runsHookSuites: false,
  },
};

/**
 * The shells the hook suites of test/hooks run (bash, zsh and fish, whose hooks share their
 * structure and variable names); nu's hook is a different program (records, closures, no
 * unexported variables) with suites of its own, test/shells/nu*.test.ts. Derived from
 * SHELL_NAMES: a new shell is in these suites unless its driver says otherwise.
 */
export type HookSuiteShell = Exclude<ShellName, 'nu'>;
export const SHELLS: readonly HookSuiteShell[] = SHELL_NAMES.filter((name): name is HookSuiteShell => DRIVERS[name].runsHookSuites);

export function driver(shell: ShellName): ShellDriver {
  return DRIVERS[shell];
}
