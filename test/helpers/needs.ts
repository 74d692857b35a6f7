import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The one way a test group depends on something outside the repository (a tool, root): with
// it, the group runs; without it, under CI (CI=true, which .ci/run sets after installing every
// tool) the group fails, naming what is missing, and on a developer's machine it is skipped
// with one line on stderr naming the tool, never silently. No jest imports at load: the
// describe/test functions are taken from the globals when the group is declared.

/** Something a test group needs, and whether this machine has it. */
export interface Need {
  /** What is missing, as the line names it: `/usr/bin/aws (apt-get install awscli)`. */
  readonly what: string;
  readonly present: () => boolean;
}

const once = <T>(compute: () => T): (() => T) => {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
};

export const NEEDS = {
  /** Debian's AWS CLI v2 (a pyenv `aws` earlier on PATH may be v1, without SSO). */
  awsCli: { what: "/usr/bin/aws, Debian's AWS CLI v2 (apt-get install awscli)", present: once(() => existsSync('/usr/bin/aws')) },
  /** The interpreter of /usr/bin/aws, whose botocore the differential tests call. */
  botocore: { what: "/usr/bin/python3 with botocore (apt-get install awscli)", present: once(() => existsSync('/usr/bin/aws') && existsSync('/usr/bin/python3')) },
  strace: { what: 'strace (apt-get install strace)', present: once(() => spawnSync('strace', ['-V']).status === 0) },
  /** A shell the tests run scripts in (on PATH, as runShellScript finds it). */
  shell: (name: string): Need => ({ what: `${name} (apt-get install ${name})`, present: once(() => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) }),
  tmux: { what: 'tmux (apt-get install tmux)', present: once(() => spawnSync('tmux', ['-V']).status === 0) },
  /** Debian's Chromium, the real browser the console tests open. */
  chromium: { what: '/usr/bin/chromium (apt-get install chromium)', present: once(() => existsSync('/usr/bin/chromium')) },
  /** chown to other users, capabilities: CI runs the tests as root. */
  root: { what: 'root (run the tests as root, as CI does)', present: () => process.getuid?.() === 0 },
} satisfies Record<string, Need | ((name: string) => Need)>;

/** CI=true (or any value but "", "0", "false"): a missing tool is a failure there. */
export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase());

const reported = new Set<string>();

/** What is missing of `needs`, or [] when all are there. */
export const missingOf = (needs: readonly Need[]): string[] => needs.filter((need) => !need.present()).map((need) => need.what);

/** The failure a CI run reports for a group whose tool is missing. */
export function missingToolError(group: string, missing: readonly string[]): Error {
  return new Error(`${group} needs ${missing.join(' and ')}, which is missing: CI=true makes that a failure (.ci/run installs it)`);
}

type Body = (...args: never[]) => unknown;
interface Runners {
  /** `describe` when everything is there; else a failing test (CI) or a skipped group (local). */
  readonly describe: (name: string, body: () => void) => void;
  /** `test` when everything is there; else a failing test (CI) or a skipped test (local). */
  readonly test: (name: string, body: Body, timeout?: number) => void;
  readonly present: boolean;
}

/**
 * The runners of a group (`group` names it in the skip line) that needs `needs`. Locally a
 * missing need prints `skipped: GROUP: needs WHAT` once per group.
 */
export function needing(group: string, ...needs: Need[]): Runners {
  const missing = missingOf(needs);
  const present = missing.length === 0;
  const ci = inCi();
  if (!present && !ci && !reported.has(group)) {
    reported.add(group);
    process.stderr.write(`skipped: ${group}: needs ${missing.join(' and ')}\n`);
  }
  const fail = (name: string) => test(`${name} (${group})`, () => {
    throw missingToolError(group, missing);
  });
  return {
    present,
    describe: (name, body) => (present ? describe(name, body) : ci ? describe(name, () => fail(name)) : describe.skip(name, body)),
    test: (name, body, timeout) => (present ? test(name, body as jest.ProvidesCallback, timeout) : ci ? fail(name) : test.skip(name, body as jest.ProvidesCallback, timeout)),
  };
}
