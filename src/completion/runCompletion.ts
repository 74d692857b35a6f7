import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliContext, CommandResult } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';
import { allCommands } from '../cli/commands/allCommands';
import { detectShell } from '../shells/shells';
import type { DynamicValues } from './completionModel';
import { completionValues } from './completionValues';
import { renderCompletionScript } from './renderCompletionScript';

/** `awscreds completion`, loaded only when that command runs. */
export async function runCompletion(args: ParsedArgs, context: CliContext): Promise<CommandResult> {
  if (args.list !== undefined) return { stdout: completionValues(args.list as DynamicValues, { env: context.env, home: context.home }), exitCode: 0 };
  const shell = detectShell(args.shell as string | undefined, context.env);
  const script = readFileSync(join(context.packageRoot, 'shell', `completion.${shell.name}`), 'utf8');
  return { stdout: renderCompletionScript(shell.name, allCommands(), script), exitCode: 0 };
}
