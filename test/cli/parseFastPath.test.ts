import { allCommands } from '../../src/cli/commands/allCommands';
import type { CommandModule } from '../../src/cli/CommandModule';
import { parseFastPath } from '../../src/cli/parseFastPath';
import { parseWithYargs } from '../../src/cli/parseWithYargs';
import { testContext } from '../helpers/testContext';

/** The values a command reads: its declared options and positionals. */
function declared(command: CommandModule, args: Record<string, unknown>): Record<string, unknown> {
  const names = [...Object.keys(command.options), ...Object.keys(command.positionals ?? {})];
  return Object.fromEntries(names.map((n) => [n, args[n]]));
}

describe('the fast path parses exactly as yargs does', () => {
  const commands = allCommands();

  it.each([
    ['export'],
    ['export', '--profile', 'dev'],
    ['export', '-p', 'dev', '--shell', 'fish'],
    ['export', '--profile=space dir', '--no-cache'],
    ['export', '--min-ttl', '30', '--cache'],
    ['export', '--shell', 'zsh', '--min-ttl=0'],
    ['hook'],
    ['hook', 'bash'],
    ['hook', 'install', '--shell', 'zsh'],
    ['hook', 'uninstall'],
    ['check', '--json'],
    ['export', "--profile='dev'"],
  ])('%j', (...argv) => {
    const fast = parseFastPath(argv, commands);
    const slow = parseWithYargs(argv, testContext(), commands);
    expect(fast).toBeDefined();
    if (!fast || 'exitCode' in slow) throw new Error('both parsers must accept this invocation');
    expect(fast.command).toBe(slow.command);
    expect(declared(fast.command, fast.args)).toEqual(declared(slow.command, slow.args));
  });

  it.each([
    ['export', '--help'],
    ['export', '--version'],
    ['export', '--bogus'],
    ['export', '--shell', 'tcsh'],
    ['export', '--min-ttl', 'soon'],
    ['export', 'extra'],
    ['hook', 'tcsh'],
    ['hook', 'bash', 'extra'],
    ['exprot'],
    [],
  ])('leaves %j to yargs', (...argv) => {
    expect(parseFastPath(argv, commands)).toBeUndefined();
  });
});

describe('a value given as --name=\'…\' in one argument', () => {
  // The shell removed the quotes the user typed: quotes still there are part of the name.
  it.each([[["export", "--profile='dev'"], "'dev'"], [["export", '-p="dev"'], '"dev"'], [["export", "--profile=it's"], "it's"]])('%j keeps %s in both parsers', (argv, expected) => {
    const commands = allCommands();
    const fast = parseFastPath(argv, commands);
    const slow = parseWithYargs(argv, testContext(), commands);
    if (!fast || 'exitCode' in slow) throw new Error('both parsers must accept this invocation');
    expect(fast.args.profile).toBe(expected);
    expect(slow.args.profile).toBe(expected);
  });
});
