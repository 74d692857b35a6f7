import { spawnSync } from 'node:child_process';
import type { ShellName } from '../../src/shells/Shell';
import { driver } from '../helpers/shellDriver';

/**
 * Older builds of a shell the hook and export tests also run with, each named by an environment
 * variable (ShellDriver.olderBuilds): macOS's /bin/bash is bash 3.2, which has no
 * `$EPOCHSECONDS` and no printf `%(…)T`; bash 4.2 has the second but cannot tell exported
 * variables without a fork. Build them from the GNU sources (README, "Installing", after the
 * requirements); a variable that is unset leaves its build out, and says so in one line.
 */
let said = false;

/** The older builds of SHELL that are set, after checking that each runs and is the version its variable names. */
export function olderBuilds(shell: ShellName): ReadonlyArray<{ readonly label: string; readonly binary: string }> {
  const found: Array<{ label: string; binary: string }> = [];
  const missing: string[] = [];
  for (const { variable, version: expected, printVersion } of driver(shell).olderBuilds) {
    const label = `${shell} ${expected}`;
    const binary = process.env[variable];
    if (binary === undefined || binary === '') {
      missing.push(variable);
      continue;
    }
    const [, ...args] = driver(shell).scriptArgv(printVersion);
    const version = spawnSync(binary, args, { encoding: 'utf8' }).stdout;
    if (version !== expected) throw new Error(`${variable}=${binary} is ${shell} "${version}", not ${label}`);
    found.push({ label, binary });
  }
  if (missing.length > 0 && !said) {
    said = true;
    process.stdout.write(`(${missing.join(', ')} not set: those ${shell} versions are not tested; see README, "Installing")\n`);
  }
  return found;
}

/** `shells` as [label, shell, binary] rows for describe.each; each shell is followed by its older builds that are set. */
export function shellsUnderTest<S extends ShellName>(shells: readonly S[]): Array<[string, S, string | undefined]> {
  return shells.flatMap((shell): Array<[string, S, string | undefined]> => [
    [shell, shell, undefined],
    ...olderBuilds(shell).map(({ label, binary }): [string, S, string | undefined] => [label, shell, binary]),
  ]);
}
