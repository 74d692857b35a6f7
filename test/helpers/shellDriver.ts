import { join } from 'node:path';
import { shellByName } from '../../src/shells/registry';
import { SHELL_NAMES, type ShellName } from '../../src/shells/Shell';
import { nuDriver } from './nuDriver';

export { NU } from './nuDriver';

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
  /** A command writing the value of the shell variable NAME, byte for byte, to FILE. */
  writeVariable(name: string, file: string): string;
  /**
   * Defines `dump`, which prints `NAME=value` (exported: what the shell's children see),
   * `NAME unexported=value` (set in the shell only) or `NAME unset` for each of `names`.
   * Builtins only: no process per variable.
   */
  defineDump(names: readonly string[]): string;
  /**
   * A loop that loads every prefix of the code in the variable NAME (the empty one to all but
   * the last byte) on the shell's state as it is, then runs `dump` and prints `---`, leaving
   * the state as it was for the next prefix.
   */
  everyPrefix(name: string): string;
  /** A command printing the environment a child process gets (`env`). */
  readonly dumpEnv: string;
  /** The output of `command` as one word of a command line. */
  substitution(command: string): string;
  /** An alias NAME for the command line `body`. */
  defineAlias(name: string, body: string): string;
  /** A line that runs `command` (a command line) and loads the code it prints, as the shell's load line does. */
  loadOutput(command: string): string;
  /** `if CONDITION; then THEN; else OTHERWISE; fi` in the shell's syntax (each a command line). */
  ifElse(condition: string, then: string, otherwise: string): string;
  /** argv that checks the syntax of FILE without running it. */
  syntaxCheckArgv(file: string): string[];
  /** What the shell says when it refuses code written for another shell (a syntax error). */
  readonly refusesForeignCode: RegExp;
  /** A command printing `NAME=value` of the variable NAME (empty when unset). */
  echoVariable(name: string): string;
  /** A no-op command. */
  readonly noop: string;
  /** Whether the suites of test/hooks, written for the bash/zsh/fish hook, run it (SHELLS). */
  readonly runsHookSuites: boolean;
}


const q = (value: string): string => `'${value.replace(/'/g, "'\\''")}'`;
const qFish = (value: string): string => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

const posix = (name: 'bash' | 'zsh', own: Pick<ShellDriver, 'scriptArgv' | 'bareInteractiveArgv' | 'interactiveArgv' | 'userRcFile' | 'promptRc' | 'defineDump'> & { readonly prefix: string }): ShellDriver => ({
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
  writeVariable: (n, file) => `printf '%s' "$${n}" > ${file}`,
  // Each prefix in a subshell (one fork per prefix, nothing else).
  everyPrefix: (n) => `for ((i = 0; i < \${#${n}}; i++)); do\n  ( eval "${own.prefix.replace('NAME', n)}" 2>/dev/null; dump )\n  echo ---\ndone`,
  dumpEnv: 'env',
  substitution: (command) => `"$(${command})"`,
  loadOutput: (command) => `eval "$(${command})"`,
  echoVariable: (n) => `echo "${n}=$${n}"`,
  ifElse: (c, t, e) => `if ${c}; then ${t}; else ${e}; fi`,
  syntaxCheckArgv: (file) => [name, '-n', file],
  refusesForeignCode: /[Ss]yntax error|parse error/,
  defineAlias: (n, body) => `alias ${n}=${q(body)}`,
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
    prefix: '${NAME:0:i}',
    // \${!n@a} from bash 4.4; older bash (3.2, 4.2) lists its exported variables with `export -p`.
    defineDump: (names) => `dump() {
  local n exported=''
  if (( BASH_VERSINFO[0] < 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4) )); then exported=$(export -p); fi
  for n in ${names.join(' ')}; do
    if [[ -n \${!n+x} ]]; then
      if [[ -n $exported && $'\\n'$exported == *$'\\n'"declare -x $n="* ]] || [[ -z $exported && \${!n@a} == *x* ]]; then printf '%s=%s\\n' "$n" "\${!n}"; else printf '%s unexported=%s\\n' "$n" "\${!n}"; fi
    else
      printf '%s unset\\n' "$n"
    fi
  done
}`,
  }),
  zsh: posix('zsh', {
    scriptArgv: (script) => ['zsh', '-f', '-c', script],
    bareInteractiveArgv: ['zsh', '-f', '-i'],
    interactiveArgv: () => ['zsh', '-d', '-i'], // -d: no /etc/zsh files, only $HOME/.zshrc
    userRcFile: '.zshrc',
    promptRc: (text) => `PROMPT=${q(text)}\nunsetopt prompt_sp\n`,
    prefix: '${NAME[1,i]}',
    defineDump: (names) => `dump() {
  local n
  for n in ${names.join(' ')}; do
    if (( \${+parameters[$n]} )); then
      if [[ \${(tP)n} == *export* ]]; then print -r -- "$n=\${(P)n}"; else print -r -- "$n unexported=\${(P)n}"; fi
    else
      print -r -- "$n unset"
    fi
  done
}`,
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
    writeVariable: (n, file) => `printf '%s' "$${n}" > ${file}`,
    defineDump: (names) => `function dump
  for n in ${names.join(' ')}
    if set -qx $n
      printf '%s=%s\\n' $n "$$n"
    else if set -q $n
      printf '%s unexported=%s\\n' $n "$$n"
    else
      printf '%s unset\\n' $n
    end
  end
end
set -g __dump_names ${names.join(' ')}`,
    // fish has no subshells: each prefix is sourced in place, then the state restored.
    everyPrefix: (n) => `for v in $__dump_names
  if set -q $v; set -g _saved_$v $$v; end
end
function restore
  for v in $__dump_names
    set -eg $v
    set -l saved _saved_$v
    if set -q $saved; set -gx $v $$saved; end
  end
end
set -l length (string length -- "$${n}")
for i in (seq 0 (math $length - 1))
  set -l prefix (string sub -l $i -- "$${n}" | string collect -N)
  printf '%s' "$prefix" | source 2>/dev/null
  dump
  restore
  echo ---
end`,
    dumpEnv: 'env',
    substitution: (command) => `(${command})`,
    defineAlias: (n, body) => `alias ${n} ${qFish(body)}`,
    loadOutput: (command) => `${command} | source`,
    echoVariable: (n) => `echo "${n}=$${n}"`,
    ifElse: (c, t, e) => `if ${c}; ${t}; else; ${e}; end`,
    syntaxCheckArgv: (file) => ['fish', '--no-execute', file],
    refusesForeignCode: /not a valid variable in fish/,
    noop: 'true',
    runsHookSuites: true,
  },
  nu: nuDriver,
};

/**
 * The shells the hook suites of test/hooks run (bash, zsh and fish, whose hooks share their
 * structure and variable names); nu's hook is a different program (records, closures, no
 * unexported variables) with suites of its own, test/nu/*.test.ts. Derived from
 * SHELL_NAMES: a new shell is in these suites unless its driver says otherwise.
 */
export type HookSuiteShell = Exclude<ShellName, 'nu'>;
export const SHELLS: readonly HookSuiteShell[] = SHELL_NAMES.filter((name): name is HookSuiteShell => DRIVERS[name].runsHookSuites);

export function driver(shell: ShellName): ShellDriver {
  return DRIVERS[shell];
}
