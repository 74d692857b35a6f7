import { AwscredsError } from '../runtime/AwscredsError';
import { exitCodeOf } from '../runtime/exitCodes';
import type { Runtime } from '../runtime/Runtime';
import { shellFromArgs } from '../shells/registry';
import type { Shell } from '../shells/Shell';
import type { CommandContext, CommandModule, CommandResult, ParsedArgs } from './CommandModule';
import { parseFastPath } from './parseFastPath';
import { parseWithYargs } from './parseWithYargs';

/**
 * `--debug` is global: it may stand anywhere before `--` and applies to every command, so it is
 * taken out before either parser sees the arguments.
 */
export function splitDebugFlag(argv: readonly string[]): { argv: string[]; debug: boolean } {
  const end = argv.indexOf('--');
  const head = end === -1 ? [...argv] : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  const kept = head.filter((a) => a !== '--debug');
  return { argv: [...kept, ...rest], debug: kept.length !== head.length };
}

/** Runs one invocation. Never throws: every failure becomes stderr text and an exit code. */
export async function runCli(argv: readonly string[], context: Runtime, commands: readonly CommandModule[]): Promise<CommandResult> {
  const evalOutput = namedCommand(argv, commands)?.evalOutput ?? false;
  let parsed: ReturnType<typeof parseWithYargs>;
  try {
    parsed = parseFastPath(argv, commands) ?? parseWithYargs(argv, context, commands);
  } catch (error) {
    // yargs itself can throw (e.g. on an option named like an Object.prototype member).
    return failure(error, evalOutput, context, shellFromArgs(undefined, context));
  }
  if ('exitCode' in parsed) {
    return evalOutput && parsed.exitCode !== 0 ? { stdout: shellFromArgs(undefined, context).failureOutput, exitCode: parsed.exitCode } : parsed;
  }
  return runCommand(parsed.command, parsed.args, { ...context, commands });
}

async function runCommand(command: CommandModule, args: ParsedArgs, context: CommandContext): Promise<CommandResult> {
  try {
    return await command.run(args, context);
  } catch (error) {
    return failure(error, command.evalOutput ?? false, context, shellFromArgs(args.shell, context));
  }
}

/**
 * The stderr message (its suggested commands in the syntax of `shell`, the one the user types
 * in) and the result for an error: for eval output, the shell's failure text on stdout.
 */
function failure(error: unknown, evalOutput: boolean, context: Runtime, shell: Shell): CommandResult {
  const failed = (exitCode: number): CommandResult => ({ stdout: evalOutput ? shell.failureOutput : '', exitCode });
  if (error instanceof AwscredsError) {
    context.log(error.toUserText(shell.escape));
    return failed(error.exitCode);
  }
  // Unexpected errors keep their stack for bug reports; they never carry secrets we put there.
  context.log(`awscreds: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n  fix: this is a bug; please report it with the command you ran.`);
  return failed(exitCodeOf('INTERNAL'));
}

/** The command (or sub-command) an argument list names, if any. */
function namedCommand(argv: readonly string[], commands: readonly CommandModule[]): CommandModule | undefined {
  const command = commands.find((c) => c.command.split(' ')[0] === argv[0]);
  const sub = command?.subcommands?.find((c) => c.command.split(' ')[0] === argv[1]);
  return sub ?? command;
}
