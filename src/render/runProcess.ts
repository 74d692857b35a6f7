import type { CliContext, CommandResult } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';
import { credentialSetFromArgs } from '../credentials/credentialSetFromArgs';
import { renderCredentialProcess } from './renderCredentialProcess';

/** `awscreds process`, loaded only when that command runs. */
export async function runProcess(args: ParsedArgs, context: CliContext): Promise<CommandResult> {
  const set = await credentialSetFromArgs(args, context);
  return { stdout: renderCredentialProcess(set), exitCode: 0 };
}
