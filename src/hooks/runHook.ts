import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { editRcFile } from './editRcFile';
import { installHook } from './installHook';
import { rcFileForShell } from './rcFileForShell';
import { renderHookScript } from './renderHookScript';
import { uninstallHook } from './uninstallHook';
import { detectShell } from '../shells/shells';
import type { CliContext, CommandResult } from '../cli/CliContext';
import type { ParsedArgs } from '../cli/CommandModule';

/** `awscreds hook [install|uninstall]`, loaded only when that command runs. */
export async function runHook(action: 'print' | 'install' | 'uninstall', args: ParsedArgs, context: CliContext): Promise<CommandResult> {
  const shell = detectShell(args.shell as string | undefined, context.env);
  if (action === 'print') {
    const hookFile = readFileSync(join(context.packageRoot, 'shell', shell.hookFile), 'utf8');
    return { stdout: renderHookScript(shell, hookFile), exitCode: 0 };
  }
  const file = rcFileForShell(shell.name, context.home, context.env);
  if (action === 'install') {
    const result = editRcFile(file, (text, label) => installHook(text, shell.name, label));
    if (!result.changed) return { stdout: `awscreds: the hook is already in ${result.path}; nothing changed.\n`, exitCode: 0 };
    const backup = result.backup ? ` (previous content saved in ${result.backup})` : '';
    return { stdout: `awscreds: added the ${shell.name} hook to ${result.path}${backup}. It takes effect in new shells.\n`, exitCode: 0 };
  }
  const result = editRcFile(file, uninstallHook);
  if (!result.changed) return { stdout: `awscreds: no awscreds block in ${result.path}; nothing changed.\n`, exitCode: 0 };
  const backup = result.backup ? ` (previous content saved in ${result.backup})` : '';
  return { stdout: `awscreds: ${result.deleted ? `deleted ${result.path}, which install had created` : `removed the hook from ${result.path}`}${backup}.\n`, exitCode: 0 };
}
