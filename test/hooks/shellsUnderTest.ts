import { spawnSync } from 'node:child_process';
import type { ShellName } from '../../src/shells/Shell';

/**
 * Older builds of bash the hook and export tests also run with, each named by an environment
 * variable: macOS's /bin/bash is bash 3.2, which has no `$EPOCHSECONDS` and no printf `%(…)T`;
 * bash 4.2 has the second but cannot tell exported variables without a fork. Build them from
 * the GNU sources (README, "Installing", after the requirements); a variable that is unset
 * leaves its bash out, and says so in one line.
 */
const OLDER_BASHES = [
  { variable: 'AWSCREDS_TEST_BASH32', label: 'bash 3.2' },
  { variable: 'AWSCREDS_TEST_BASH42', label: 'bash 4.2' },
] as const;

let said = false;

/** The older bashes that are set, after checking that each runs and is the version its variable names. */
export function olderBashes(): ReadonlyArray<{ readonly label: string; readonly binary: string }> {
  const found: Array<{ label: string; binary: string }> = [];
  const missing: string[] = [];
  for (const { variable, label } of OLDER_BASHES) {
    const binary = process.env[variable];
    if (binary === undefined || binary === '') {
      missing.push(variable);
      continue;
    }
    const version = spawnSync(binary, ['--norc', '--noprofile', '-c', 'printf %s "${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}"'], { encoding: 'utf8' }).stdout;
    if (`bash ${version}` !== label) throw new Error(`${variable}=${binary} is bash "${version}", not ${label}`);
    found.push({ label, binary });
  }
  if (missing.length > 0 && !said) {
    said = true;
    process.stdout.write(`(${missing.join(', ')} not set: those bash versions are not tested; see README, "Installing")\n`);
  }
  return found;
}

/** `shells` as [label, shell, binary] rows for describe.each; bash is followed by the older bashes that are set. */
export function shellsUnderTest<S extends ShellName>(shells: readonly S[]): Array<[string, S, string | undefined]> {
  return shells.flatMap((shell): Array<[string, S, string | undefined]> => [
    [shell, shell, undefined],
    ...(shell === 'bash' ? olderBashes().map(({ label, binary }): [string, S, string | undefined] => [label, shell, binary]) : []),
  ]);
}
