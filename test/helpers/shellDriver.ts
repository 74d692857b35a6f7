import { join } from 'node:path';
import { shellByName } from '../../src/shells/registry';
import { SHELL_NAMES, type ShellName } from '../../src/shells/Shell';
import { nuDriver } from './nuDriver';

export { NU } from './nuDriver';

/**
 * Everything a test needs to drive one shell: how to start it, its rc file, how to set, unset
 * and print variables, how a script loads printed code. The one place tests spell shell syntax
 * by shell, and say how a shell behaves differently (a named capability, not a comparison with
 * its name): a test written against ShellDriver runs in every shell of SHELL_NAMES, and a
 * shell added there without a driver here is a compile error (DRIVERS is a Record over
 * ShellName). The suites of the bash/zsh/fish hook family need more: HookSuiteDriver.
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
  /**
   * Whether its line editor asks the terminal where the cursor is, and stalls on a
   * pseudo-terminal that does not answer (nu's reedline): interactive tests then run it in
   * tmux (test/helpers/tmuxShell.ts), which answers as a terminal emulator does.
   */
  readonly editorAsksTerminal: boolean;
  /** A command printing `@@MARKER@@` and a newline, written so that its echo on a terminal does not contain that text. */
  printMarker(marker: string): string;
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
  /**
   * A command writing to FILE, one per line, the names of the shell's variables (exported or
   * not) and functions, and its prompt hook registrations (what runs at a prompt, in order).
   */
  dumpNames(file: string): string;
  /** Names in that list that the shell itself adds, drops or changes between prompts, whatever the hooks do. */
  readonly volatileNames: readonly string[];
  /**
   * One line (for the rc file, or typed) defining the function NAME as the command line BODY
   * and running it at every prompt, after the prompt hooks registered so far.
   */
  addPromptHook(name: string, body: string): string;
  /** A command setting a global variable named PREFIX and a random number: a new one at (nearly) every run. */
  setRandomGlobal(prefix: string): string;
  /**
   * The hook's text (hook file) as a script run with scriptArgv runs it: what an interactive
   * start adds. `guards` false: without guards a shell defines later than its hook (nu's default
   * guards, which its loader parses); a shell that defines them in the hook ignores it.
   */
  hookAsScript(hookText: string, guards?: boolean): string;
  /**
   * Older builds of the shell the suites also run, each named by an environment variable
   * (bash 3.2 and 4.2: test/hooks/shellsUnderTest.ts); empty when there are none.
   */
  readonly olderBuilds: readonly OlderBuild[];
  /** Whether the suites of test/hooks, written for the bash/zsh/fish hook, run it (SHELLS). */
  readonly runsHookSuites: boolean;
}

/** An older build of a shell, named by an environment variable (its path); `printVersion` prints a build's MAJOR.MINOR. */
export interface OlderBuild {
  readonly variable: string;
  readonly version: string;
  readonly printVersion: string;
}

/**
 * What the suites written for the bash/zsh/fish hook family (test/hooks, and the wrong-shell
 * tests) need besides ShellDriver: pieces of syntax those hooks share a shape for, and the few
 * behaviours in which one of these shells differs, each a named capability rather than a
 * comparison with the shell's name.
 */
export interface HookSuiteDriver extends ShellDriver {
  readonly runsHookSuites: true;
  /** One line un-exporting NAME, which keeps its value in the shell. */
  unexport(name: string): string;
  /** One line exporting the shell variable NAME with the value it holds. */
  exportAgain(name: string): string;
  /** A command sourcing FILE (an absolute path) in the current shell. */
  sourceFile(file: string): string;
  /** A condition (for ifElse) true when NAME is a function. */
  isFunction(name: string): string;
  /** The value of NAME as one word of a command line, or FALLBACK when NAME is unset. */
  valueOr(name: string, fallback: string): string;
  /**
   * How shell/hook.NAME assigns one of its internals: global and unexported, holding `words`
   * (fish: as a list; bash and zsh: one string, quoted when it holds more than one word).
   */
  hookFileAssignment(name: string, words: readonly string[]): string;
  /** argv of a non-interactive run of `script`, no rc files read, with `args` as its arguments. */
  scriptWithArgumentsArgv(script: string, args: readonly string[]): string[];
  /** A loop running the command line BODY for each argument of the script, in the variable NAME. */
  forEachArgument(name: string, body: string): string;
  /** Prints the epoch seconds the hook's `_awscreds_parse_iso` reads from WORD, or X when it refuses it. */
  hookParseIso(word: string): string;
  /** The rc block awscreds wrote before hook files: it runs `awscreds hook NAME` at every start. */
  readonly legacyRcBlock: string;
  /**
   * A line printing `E:` and README's prompt line (Prompt segment) as the shell expands it
   * before a prompt; null where README has none (fish: the user's fish_prompt calls
   * awscreds_prompt).
   */
  readonly readmePromptExpansion: string | null;
  /** A command writing the state a block for another shell could change (variables, options, arguments) to FILE. */
  snapshotState(file: string): string;
  /** NAME=$FROM in the shell, not exported. */
  assignFromVariable(name: string, from: string): string;
  /** Whether the user's rc file runs before the hook loads (bash, zsh: the block is appended to it; fish: conf.d loads first). */
  readonly userRcRunsBeforeHook: boolean;
  /**
   * A command evaluating the value of the variable NAME as arithmetic, where the shell runs a
   * command substitution in an array subscript (bash); null where it never does.
   */
  readonly evaluateArithmetic: ((name: string) => string) | null;
  /** Whether the hook's clock for a paste is whole seconds (fish: no sub-second clock, no look at waiting input). */
  readonly pasteClockIsWholeSeconds: boolean;
  /** Whether the rc block reads mode bits at start (zsh/stat), refusing a group-writable directory on the way. */
  readonly checksModeBitsAtStart: boolean;
}


const q = (value: string): string => `'${value.replace(/'/g, "'\\''")}'`;
const qFish = (value: string): string => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

type PosixOwn = Pick<HookSuiteDriver, 'scriptArgv' | 'bareInteractiveArgv' | 'interactiveArgv' | 'userRcFile' | 'promptRc' | 'defineDump' | 'dumpNames' | 'addPromptHook' | 'setRandomGlobal' | 'unexport' | 'isFunction' | 'hookFileAssignment' | 'readmePromptExpansion' | 'evaluateArithmetic' | 'checksModeBitsAtStart' | 'olderBuilds'> & { readonly prefix: string };

const posix = (name: 'bash' | 'zsh', { prefix, ...own }: PosixOwn): HookSuiteDriver => ({
  name,
  ...own,
  promptNeedsTerminal: false,
  editorAsksTerminal: false,
  printMarker: (marker) => `printf '@@%s@@\\n' ${marker}`,
  setExported: (n, v) => `export ${n}=${shellByName(name).escape(v)}`,
  setUnexported: (n, v) => `${n}=${shellByName(name).escape(v)}`,
  unset: (names) => `unset ${names.join(' ')}`,
  status: '$?',
  loadVariable: (n) => `eval "$${n}"`,
  exportCode: (n, v) => `export ${n}=${q(v)}\n`,
  defineFunction: (n, body) => `${n}() { ${body}; }`,
  writeVariable: (n, file) => `printf '%s' "$${n}" > ${file}`,
  // Each prefix in a subshell (one fork per prefix, nothing else).
  everyPrefix: (n) => `for ((i = 0; i < \${#${n}}; i++)); do\n  ( eval "${prefix.replace('NAME', n)}" 2>/dev/null; dump )\n  echo ---\ndone`,
  dumpEnv: 'env',
  substitution: (command) => `"$(${command})"`,
  loadOutput: (command) => `eval "$(${command})"`,
  echoVariable: (n) => `echo "${n}=$${n}"`,
  ifElse: (c, t, e) => `if ${c}; then ${t}; else ${e}; fi`,
  syntaxCheckArgv: (file) => [name, '-n', file],
  refusesForeignCode: /[Ss]yntax error|parse error/,
  defineAlias: (n, body) => `alias ${n}=${q(body)}`,
  noop: ':',
  volatileNames: ['_', 'BASH_COMMAND', 'BASH_LINENO', 'BASH_SOURCE', 'FUNCNAME', 'LINENO', 'RANDOM', 'SECONDS', 'SRANDOM', 'EPOCHREALTIME', 'EPOCHSECONDS', 'HISTCMD', 'PIPESTATUS', 'pipestatus', 'COLUMNS', 'LINES'],
  hookAsScript: (text) => text,
  runsHookSuites: true,
  exportAgain: (n) => `export ${n}`,
  assignFromVariable: (n, from) => `${n}=$${from}`,
  sourceFile: (file) => `. ${q(file)}`,
  valueOr: (n, fallback) => `"\${${n}-${fallback}}"`,
  scriptWithArgumentsArgv: (script, args) => [...own.scriptArgv(script), name, ...args],
  forEachArgument: (n, body) => `for ${n} in "$@"; do ${body}; done`,
  // bash and zsh: the parser leaves the epoch in a variable (no subshell to capture it).
  hookParseIso: (word) => `if _awscreds_parse_iso ${word}; then echo "$_awscreds_iso_epoch"; else echo X; fi`,
  legacyRcBlock: `if command -v awscreds >/dev/null 2>&1; then eval "$(awscreds hook ${name})"; fi\n`,
  // POSIX sh too: the wrong-shell tests read sh's state with bash's line.
  snapshotState: (file) => `{ env | LC_ALL=C sort; set | grep -a '^AWS'; printf 'flags=%s\\n' "$-"; set -o; printf 'args=%s\\n' "$#:$*"; } > ${file} 2>&1`,
  userRcRunsBeforeHook: true,
  pasteClockIsWholeSeconds: false,
});

const BASH_VERSION = 'printf %s "${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}"';

const fishDriver: HookSuiteDriver = {
  name: 'fish',
  scriptArgv: (script) => ['fish', '--no-config', '-c', script],
  bareInteractiveArgv: ['fish', '--no-config', '-i'],
  interactiveArgv: () => ['fish', '-i'],
  promptNeedsTerminal: true,
  editorAsksTerminal: false,
  printMarker: (marker) => `printf '@@%s@@\\n' ${marker}`,
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
  unexport: (n) => `set -gu ${n} $${n}`,
  exportAgain: (n) => `set -gx ${n} $${n}`,
  assignFromVariable: (n, from) => `set -g ${n} $${from}`,
  sourceFile: (file) => `source ${qFish(file)}`,
  isFunction: (n) => `functions -q ${n}`,
  valueOr: (n, fallback) => `(set -q ${n}; and echo $${n}; or echo ${fallback})`,
  hookFileAssignment: (n, words) => `set -gu ${n} ${words.join(' ')}`,
  scriptWithArgumentsArgv: (script, args) => ['fish', '--no-config', '-c', script, ...args],
  forEachArgument: (n, body) => `for ${n} in $argv; ${body}; end`,
  // fish: the parser prints the epoch (a function's only way to return a value).
  hookParseIso: (word) => `set -l e (_awscreds_parse_iso ${word}); or set e X; echo "$e"`,
  legacyRcBlock: 'if type -q awscreds\n    awscreds hook fish | source\nend\n',
  readmePromptExpansion: null,
  snapshotState: (file) => `begin; env | LC_ALL=C sort; set -n; end > ${file}`,
  userRcRunsBeforeHook: false,
  evaluateArithmetic: null,
  pasteClockIsWholeSeconds: true,
  checksModeBitsAtStart: false,
  olderBuilds: [],
  dumpNames: (file) => `begin; set -n; functions -a -n; functions --handlers; end > ${file}`,
  volatileNames: [],
  // (config.fish loads after conf.d, the hook's block: there, this handler comes after the hook's.)
  addPromptHook: (n, body) => `function ${n} --on-event fish_prompt; ${body}; end`,
  setRandomGlobal: (prefix) => `set -g ${prefix}(random)(random) 1`,
  hookAsScript: (text) => text,
};

export const DRIVERS = {
  bash: posix('bash', {
    scriptArgv: (script) => ['bash', '--norc', '--noprofile', '-c', script],
    bareInteractiveArgv: ['bash', '--norc', '--noprofile', '-i'],
    interactiveArgv: (home) => ['bash', '--rcfile', join(home, '.bashrc'), '-i'],
    userRcFile: '.bashrc',
    promptRc: (text) => `PS1=${q(text)}\n`,
    prefix: '${NAME:0:i}',
    unexport: (n) => `export -n ${n}`,
    isFunction: (n) => `declare -F ${n} >/dev/null`,
    hookFileAssignment: (n, words) => `${n}=${words.length > 1 ? q(words.join(' ')) : words.join('')}`,
    readmePromptExpansion: `ps1='\${AWSCREDS_PROMPT:+[$AWSCREDS_PROMPT] }\\$ '; printf 'E:%s\\n' "\${ps1@P}"`,
    // $(( )) evaluates an array subscript in a value, command substitutions included.
    evaluateArithmetic: (n) => `: $(( ${n} ))`,
    checksModeBitsAtStart: false,
    olderBuilds: [
      { variable: 'AWSCREDS_TEST_BASH32', version: '3.2', printVersion: BASH_VERSION },
      { variable: 'AWSCREDS_TEST_BASH42', version: '4.2', printVersion: BASH_VERSION },
    ],
    dumpNames: (file) => `{ compgen -v; compgen -A function; printf 'PROMPT_COMMAND %s %s\\n' "\${#PROMPT_COMMAND[@]}" "\${PROMPT_COMMAND[*]}"; } > ${file}`,
    addPromptHook: (n, body) => `${n}() { ${body}; }; PROMPT_COMMAND="\${PROMPT_COMMAND:+$PROMPT_COMMAND;}${n}"`,
    setRandomGlobal: (prefix) => `eval "${prefix}$RANDOM$RANDOM=1"`,
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
    unexport: (n) => `typeset +x ${n}`,
    isFunction: (n) => `(( $+functions[${n}] ))`,
    hookFileAssignment: (n, words) => `typeset -g ${n}=${words.length > 1 ? q(words.join(' ')) : words.join('')}`,
    readmePromptExpansion: `setopt prompt_subst; ps1='\${AWSCREDS_PROMPT:+[$AWSCREDS_PROMPT] }%# '; print -rP -- "E:$ps1"`,
    evaluateArithmetic: null,
    checksModeBitsAtStart: true,
    olderBuilds: [],
    dumpNames: (file) => `{ print -l \${(k)parameters} \${(k)functions}; print "precmd $#precmd_functions $precmd_functions"; } > ${file}`,
    addPromptHook: (n, body) => `${n}() { ${body}; }; precmd_functions+=(${n})`,
    setRandomGlobal: (prefix) => `typeset -g "${prefix}$RANDOM$RANDOM=1"`,
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
  fish: fishDriver,
  nu: nuDriver,
} satisfies Readonly<Record<ShellName, ShellDriver>>;

/**
 * The shells the hook suites of test/hooks run (bash, zsh and fish, whose hooks share their
 * structure and variable names): those whose driver is a HookSuiteDriver. nu's hook is a
 * different program (records, closures, no unexported variables) with suites of its own,
 * test/nu/*.test.ts. Derived from SHELL_NAMES and the drivers: a new shell is in these suites
 * when its driver is a HookSuiteDriver, which the compiler then checks is complete.
 */
export type HookSuiteShell = { [S in ShellName]: (typeof DRIVERS)[S] extends HookSuiteDriver ? S : never }[ShellName];
export const SHELLS: readonly HookSuiteShell[] = SHELL_NAMES.filter((name): name is HookSuiteShell => DRIVERS[name].runsHookSuites);

/** The driver of SHELL: a HookSuiteDriver for a shell of SHELLS. */
export function driver<S extends ShellName>(shell: S): (typeof DRIVERS)[S] {
  return DRIVERS[shell];
}
