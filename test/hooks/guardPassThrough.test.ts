import { driver } from '../helpers/shellDriver';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellByName } from '../../src/shells/registry';
import { DEFAULT_GUARD_COMMANDS, GUARD_PASS_THROUGH } from '../../src/states/credentialStates';
import { guardPassesThrough } from '../../src/states/guardPassThrough';
import { runShellScript } from '../helpers/runShellScript';
import { SHELLS, writeHookScript } from './hookTestSetup';

// Point 3 of the guards issue: a guard judges only invocations that would sign a request with
// the environment's keys. One table (GUARD_PASS_THROUGH), one TypeScript rule
// (guardPassesThrough), three hooks generated from the table: every case below is decided the
// same by all four, and as a person reading the AWS CLI's and the tools' docs expects.
type Case = readonly [command: string, args: readonly string[], passes: boolean];

const CASES: readonly Case[] = [
  // aws: what needs no credentials, or would fix them
  ['aws', [], true],
  ['aws', ['--version'], true],
  ['aws', ['s3', 'ls', '--version'], true],
  ['aws', ['help'], true],
  ['aws', ['s3', 'help'], true],
  ['aws', ['sts', 'get-caller-identity', 'help'], true],
  ['aws', ['--help'], true],
  ['aws', ['configure', 'list'], true],
  ['aws', ['configure'], true],
  ['aws', ['--region', 'eu-west-1', 'configure', 'get', 'region'], true],
  ['aws', ['sso', 'login'], true],
  ['aws', ['sso', 'login', '--sso-session', 'corp'], true],
  ['aws', ['--debug', 'sso', 'logout'], true],
  ['aws', ['--output', 'json', 'sso', 'login'], true],
  // aws: a profile named on the command line, anywhere, means the environment's keys are not used
  ['aws', ['--profile', 'dev', 's3', 'ls'], true],
  ['aws', ['s3', 'ls', '--profile', 'dev'], true],
  ['aws', ['sts', 'get-caller-identity', '--profile=dev'], true],
  // aws: everything else signs with the environment's keys and is judged
  ['aws', ['s3', 'ls'], false],
  ['aws', ['sts', 'get-caller-identity'], false],
  ['aws', ['--region', 'help', 'sts', 'get-caller-identity'], false], // `help` is --region's value
  ['aws', ['--query', '--profile', 'sts', 'get-caller-identity'], false], // `--profile` is --query's value… skipped
  ['aws', ['sso', 'list-accounts', '--access-token', 't'], false], // the CLI loads (and checks) the env's keys first
  ['aws', ['sso-oidc', 'register-client'], false],
  ['aws', ['sts', 'get-caller-identity', '--no-sign-request'], false], // still loads the env's keys
  ['aws', ['s3', 'cp', 'help', 's3://bucket/'], false], // `help` not last
  ['aws', ['--profiles', 'x', 's3', 'ls'], false],
  ['aws', ['-profile', 'x', 's3', 'ls'], false],
  ['aws', ['sso login', 's3'], false], // one word with a blank is no pair
  ['aws', ['sso:login'], false],
  ['aws', ['sso', 'login:x'], false],
  ['aws', ['--profile\nx=y', 's3', 'ls'], false], // a newline before `=`: not the option's name
  ['aws', ['configure\n', 'list'], false],
  ['aws', ['', 'configure'], false], // an empty word is the first word, and not in the list
  ['aws', ['*', 'ls'], false],
  ['aws', ['s3', 'ls', 'help '], false],
  ['aws', ['--version=x'], false],
  ['aws', ['s3', 'ls', '-h'], false], // -h means nothing to the AWS CLI's parser
  ['aws', ['version'], false],
  // terraform and the other tools: version and help
  ['terraform', [], true],
  ['terraform', ['-version'], true],
  ['terraform', ['--version'], true],
  ['terraform', ['version'], true],
  ['terraform', ['-help'], true],
  ['terraform', ['plan', '-help'], true],
  ['terraform', ['help', 'plan'], true],
  ['terraform', ['-chdir=infra', 'version'], true],
  ['tofu', ['-version'], true],
  ['terragrunt', ['--version'], true],
  ['pulumi', ['version'], true],
  ['cdk', ['--version'], true],
  ['sam', ['--help'], true],
  ['eksctl', ['version'], true],
  ['copilot', ['-h'], true],
  ['terraform', ['plan'], false],
  ['terraform', ['apply', '-auto-approve'], false],
  ['terraform', ['plan', '-var', 'x=--version'], false],
  ['terraform', ['plan', 'version'], false], // version only as the first word
  ['pulumi', ['up', '--profile', 'dev'], false], // --profile is the AWS CLI's, not every tool's
  ['cdk', ['deploy', '--profile=dev'], false],
  ['terraform', ['-Version'], false],
  // a name from AWSCREDS_GUARD_COMMANDS follows the same generic rule
  ['serverless', ['--version'], true],
  ['serverless', ['deploy'], false],
];

test('guardPassesThrough decides every case as expected', () => {
  expect(CASES.map(([command, args]) => [command, args, guardPassesThrough(command, args)])).toEqual(CASES.map(([command, args, passes]) => [command, args, passes]));
});

test('the cases cover every default guarded command, and every word of every list', () => {
  const covered = new Set(CASES.map(([command]) => command));
  for (const command of DEFAULT_GUARD_COMMANDS) expect([command, covered.has(command)]).toEqual([command, true]);
  for (const rule of Object.values(GUARD_PASS_THROUGH)) {
    const words = [...rule.profileOptions, ...rule.anywhere, ...rule.first, ...rule.last, ...rule.firstTwo.flatMap((pair) => pair.split(' '))];
    for (const word of words) expect([word, CASES.some(([, args, passes]) => passes && args.some((arg) => arg === word || arg.startsWith(`${word}=`)))]).toEqual([word, true]);
  }
});

test('nu\'s guard lets through exactly the invocations the table lets through', () => {
  const dir = mkdtempSync(join(tmpdir(), 'awscreds-pass-'));
  try {
    const hook = writeHookScript('nu', join(dir, 'hook.nu'));
    const run = runShellScript('nu', `source ${JSON.stringify(hook)}; $env.CASES | from json | each {|c| if (_awscreds_passes $c.0 $c.1) { 'pass' } else { 'judge' } } | to json -r | print`, { CASES: JSON.stringify(CASES.map(([command, args]) => [command, args])) }, dir, 30_000);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(CASES.map(([command, args]) => (guardPassesThrough(command, args) ? 'pass' : 'judge')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.each(SHELLS)('%s hook', (shell) => {
  test('its guard lets through exactly the invocations the table lets through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'awscreds-pass-'));
    try {
      const sh = shellByName(shell);
      const hook = writeHookScript(shell, join(dir, 'hook'));
      const lines = CASES.map(([command, args], index) => {
        const words = [command, ...args].map((word) => sh.escape(word)).join(' ');
        return driver(shell).ifElse(`_awscreds_passes ${words}`, `echo "${index}:pass"`, `echo "${index}:judge"`);
      });
      const run = runShellScript(shell, [`source ${hook}`, ...lines].join('\n'), {}, dir, 30_000);
      expect(run.stderr).toBe('');
      const decided = run.stdout.trim().split('\n');
      expect(decided).toEqual(CASES.map(([command, args], index) => `${index}:${guardPassesThrough(command, args) ? 'pass' : 'judge'}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('positive control: without the generated lists (the hook\'s files alone) nothing but a bare command passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'awscreds-pass-'));
    try {
      const file = writeHookScript(shell, join(dir, 'hook'), false);
      const check = `source ${file}; ${driver(shell).ifElse('_awscreds_passes aws --version', 'echo pass', 'echo judge')}; ${driver(shell).ifElse('_awscreds_passes aws', 'echo bare', driver(shell).noop)}`;
      expect(runShellScript(shell, check).stdout.trim().split('\n')).toEqual(['judge', 'bare']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
