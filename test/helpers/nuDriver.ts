import { join } from 'node:path';
import { NU_GUARD } from '../../src/shells/nu';
import { shellByName } from '../../src/shells/registry';
import type { ShellDriver } from './shellDriver';

/**
 * The nu executable the npm package `nushell` (a devDependency) installs for this platform: the
 * binary itself, not its node launcher. Where npm installed none, `nu` from PATH.
 */
export const NU = ((): string => {
  try {
    return require.resolve(`@nushell/${process.platform}-${process.arch}/bin/nu`);
  } catch {
    return 'nu';
  }
})();
const nuString = (value: string): string => JSON.stringify(value);

/**
 * The code nu's loader parses where no guarded name is taken (shell/hook.nu), which only an
 * interactive shell's hooks parse: `_awscreds_later`, then (unless `guards` is false) the
 * default guards. Appended to the hook, it runs as code in `nu -c` scripts.
 */
export function nuLaterCode(hookText: string, guards = true): string {
  const later = /^const _awscreds_later = r#'\n([\s\S]*?)\n'#$/m.exec(hookText)?.[1];
  const defaults = /^const _awscreds_default_guards = r#'\n([\s\S]*?)\n'#$/m.exec(hookText)?.[1];
  if (later === undefined || defaults === undefined) throw new Error('no _awscreds_later or _awscreds_default_guards in the nu hook');
  return guards ? `${later}\n${defaults}\n` : `${later}\n`;
}

/** nu for the tests (test/helpers/shellDriver.ts): its hook has suites of its own, test/nu. */
export const nuDriver: ShellDriver = {
  name: 'nu',
  scriptArgv: (script) => [NU, '--no-config-file', '-c', script],
  bareInteractiveArgv: [NU, '--no-config-file'],
  interactiveArgv: () => [NU],
  promptNeedsTerminal: true,
  editorAsksTerminal: true,
  printMarker: (marker) => `print ("@@" + ${nuString(marker)} + "@@")`,
  userRcFile: join('.config', 'nushell', 'config.nu'),
  promptRc: (text) => `$env.config.show_banner = false\n$env.PROMPT_COMMAND = {|| ${nuString(text)} }\n$env.PROMPT_COMMAND_RIGHT = ''\n$env.PROMPT_INDICATOR = ''\n`,
  setExported: (n, v) => `$env.${n} = ${shellByName('nu').escape(v)}`,
  setUnexported: (n, v) => `let ${n} = ${shellByName('nu').escape(v)}`,
  unset: (names) => `hide-env -i ${names.join(' ')}`,
  status: '$env.LAST_EXIT_CODE',
  loadVariable: (n) => `$env.${n} | lines | last | from json | load-env`,
  exportCode: (n, v) => `${NU_GUARD}\n${JSON.stringify({ [n]: v })}\n`,
  defineFunction: (n, body) => `def ${n} [] { ${body} }`,
  writeVariable: (n, file) => `$${n} | save --raw -f ${file}`,
  // nu has no unexported variables; a null one is not passed to commands: unset.
  defineDump: (names) => `def dump [] { [${names.join(' ')}] | each {|n| let v = ($env | get -o $n); if ($v | describe) == 'string' { $"($n)=($v)\\n" } else { $"($n) unset\\n" } } | str join | print --no-newline }`,
  // Each prefix inside a closure: its changes to $env end with it.
  everyPrefix: (n) => `0..<($env.${n} | str length) | each {|i| do { try { $env.${n} | str substring 0..<$i | lines | last | from json | load-env } catch { null }; dump; print --no-newline "---\\n" } } | ignore`,
  dumpEnv: '^env',
  substitution: (command) => `(${command})`,
  defineAlias: (n, body) => `alias ${n} = ${body}`,
  loadOutput: (command) => `${command} | lines | last | from json | load-env`,
  echoVariable: (n) => `print $"${n}=($env.${n}? | default '')"`,
  ifElse: (c, t, e) => `if (${c}) { ${t} } else { ${e} }`,
  syntaxCheckArgv: (file) => [NU, '--no-config-file', '-c', `if not (nu-check ${JSON.stringify(file)}) { exit 1 }`],
  refusesForeignCode: /Error|error/,
  noop: 'null',
  // Variables in scope, the environment (nu's only globals: a hook closure's `$env` changes
  // outlive it) and the hooks, each hook list as its length.
  dumpNames: (file) => `[...(scope variables | get name) ...($env | columns) ...(scope commands | where type == custom | get name) ...($env.config.hooks | transpose name hooks | each {|h| $"hooks.($h.name) ($h.hooks | to nuon --serialize)" })] | str join "\\n" | save -f ${nuString(file)}`,
  volatileNames: ['CMD_DURATION_MS', 'LAST_EXIT_CODE'],
  addPromptHook: (n, body) => `def --env ${n} [] { ${body} }; $env.config.hooks.pre_prompt = (($env.config.hooks.pre_prompt? | default []) | append {|| ${n} })`,
  setRandomGlobal: (prefix) => `load-env {$"${prefix}(random int)": 1}`,
  hookAsScript: (text, guards = true) => `${text}${nuLaterCode(text, guards)}`,
  olderBuilds: [],
  runsHookSuites: false,
};
