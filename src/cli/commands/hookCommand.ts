import { detectShell } from '../../shells/registry';
import type { CommandContext, CommandModule, CommandResult, ParsedArgs } from '../CommandModule';
import { shellOption } from '../shellOption';

/** `awscreds hook`: print the hook (or write it to the hook file), or add it to (remove it from) the shell's rc file. */
async function runHook(action: 'print' | 'install' | 'uninstall', args: ParsedArgs, context: CommandContext): Promise<CommandResult> {
  const shell = detectShell(args.shell as string | undefined, context);
  const { findOnPath, hookFilePath, hookFileSources, hookShellSource, readHookAsset, removeHookFile, renderHookFile, writeHookFile } = await import('../../hooks/hookFile');
  const shellSource = hookShellSource(shell, context.packageRoot);
  const hookScript = async (): Promise<string> => {
    const { renderHookScript } = await import('../../hooks/hookScript');
    return renderHookScript(shell, readHookAsset(shell, context.packageRoot));
  };
  const writeFile = async (file: string): Promise<string> => {
    const script = await hookScript();
    // The shell that asks for a rewrite names the awscreds it found, in its own spelling.
    const bin = context.env.AWSCREDS_HOOK_BIN || findOnPath('awscreds', context.env.PATH) || '';
    writeHookFile(file, renderHookFile(shell, { version: context.version, file, bin, sources: hookFileSources(shell, context.packageRoot), shellSource }, script), context.env.HOME || context.home);
    return script;
  };
  if (action === 'print') {
    const file = args.file as string | undefined;
    return { stdout: file === undefined ? await hookScript() : await writeFile(file), exitCode: 0 };
  }
  const { editRcFile, installHook, uninstallHook } = await import('../../hooks/rcFile');
  const rcFile = shell.rcFile(context.home, context.env);
  const hookFile = hookFilePath(shell, context.home, context.env);
  if (action === 'install') {
    // The file first: when it cannot be written safely, the rc file is left alone.
    await writeFile(hookFile);
    const result = editRcFile(rcFile, (text, label) => installHook(text, shell, label));
    if (!result.changed) return { stdout: `awscreds: the hook is already in ${result.path}; wrote the current hook to ${hookFile}.\n`, exitCode: 0 };
    // Short lines: what happened, what to do now, then the two paths (the long story is in the README).
    const backup = result.backup ? `; previous content in ${result.backup}` : '';
    const lines = [
      `awscreds: installed the ${shell.name} hook; it takes effect in new shells.`,
      `  ${shell.loadHookNow(result.path)}.`,
      `  hook file: ${hookFile} (rewritten when awscreds is upgraded)`,
      `  sourced by a block in: ${result.path}${backup}`,
    ];
    return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
  }
  const result = editRcFile(rcFile, uninstallHook);
  const removed = removeHookFile(hookFile) ? ` Deleted ${hookFile}.` : '';
  if (!result.changed) return { stdout: `awscreds: no awscreds block in ${result.path}; nothing changed.${removed}\n`, exitCode: 0 };
  const backup = result.backup ? ` (previous content saved in ${result.backup})` : '';
  return { stdout: `awscreds: ${result.deleted ? `deleted ${result.path}, which install had created` : `removed the hook from ${result.path}`}${backup}.${removed}\n`, exitCode: 0 };
}

const installCommand: CommandModule = {
  command: 'install',
  describe: 'Write the hook to ${XDG_DATA_HOME:-~/.local/share}/awscreds/hook.SHELL and add a block that sources it to your shell\'s rc file (running it again changes nothing)',
  options: { shell: shellOption },
  run: (args, context) => runHook('install', args, context),
};

const uninstallCommand: CommandModule = {
  command: 'uninstall',
  describe: 'Remove exactly the block `hook install` added, and the hook file',
  options: { shell: shellOption },
  run: (args, context) => runHook('uninstall', args, context),
};

export const hookCommand: CommandModule = {
  command: 'hook [shell]',
  describe: 'Print the prompt hook that holds back and refuses partial credential sets',
  evalOutput: true,
  options: {
    file: { type: 'string', describe: 'Also write the hook to this file, as `hook install` does (the rc block runs this when the file is missing or stale)' },
  },
  positionals: {
    shell: shellOption,
  },
  subcommands: [installCommand, uninstallCommand],
  examples: [
    ['awscreds hook install', 'write the hook to a file and source it from your rc file: no awscreds process at shell start'],
    ['awscreds hook install --shell zsh', 'the same for another shell than the one you type in'],
  ],
  run: (args, context) => runHook('print', args, context),
};
