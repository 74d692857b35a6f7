import type { CliContext, CommandResult } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';
import { detectShell } from '../shells/shells';
import { unsetAllChanges } from './unsetAllChanges';

/** `awscreds unset`, loaded only when that command runs. */
export async function runUnset(args: ParsedArgs, context: CliContext): Promise<CommandResult> {
  const shell = detectShell(args.shell as string | undefined, context.env);
  return { stdout: shell.renderChanges(unsetAllChanges()), exitCode: 0 };
}
