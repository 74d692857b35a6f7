import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectShell } from '../../shells/registry';
import { SHELL_NAMES, type ShellName } from '../../shells/Shell';
import type { CommandContext, CommandModule, CommandResult, ParsedArgs } from '../CommandModule';

/** `awscreds hook`: print the hook, or add it to (remove it from) the shell's rc file. */
async function runHook(action: 'print' | 'install' | 'uninstall', args: ParsedArgs, context: CommandContext): Promise<CommandResult> {
  const shell = detectShell(args.shell as string | undefined, context);
  if (action === 'print') {
    const { renderHookScript } = await import('../../hooks/hookScript');
    const hookFile = readFileSync(join(context.packageRoot, 'shell', shell.hookFile), 'utf8');
    return { stdout: renderHookScript(shell, hookFile), exitCode: 0 };
  }
  const { editRcFile, installHook, uninstallHook } = await import('../../hooks/rcFile');
  const file = shell.rcFile(context.home, context.env);
  if (action === 'install') {
    const result = editRcFile(file, (text, label) => installHook(text, shell, label));
    if (!result.changed) return { stdout: `awscreds: the hook is already in ${result.path}; nothing changed.\n`, exitCode: 0 };
    const backup = result.backup ? ` (previous content saved in ${result.backup})` : '';
    return { stdout: `awscreds: added the ${shell.name} hook to ${result.path}${backup}. New shells load it; ${loadNow(shell.name, result.path)}.\n`, exitCode: 0 };
  }
  const result = editRcFile(file, uninstallHook);
  if (!result.changed) return { stdout: `awscreds: no awscreds block in ${result.path}; nothing changed.\n`, exitCode: 0 };
  const backup = result.backup ? ` (previous content saved in ${result.backup})` : '';
  return { stdout: `awscreds: ${result.deleted ? `deleted ${result.path}, which install had created` : `removed the hook from ${result.path}`}${backup}.\n`, exitCode: 0 };
}

/** How to load a just-installed hook into the shell the user is typing in. */
function loadNow(shell: ShellName, rcFile: string): string {
  switch (shell) {
    case 'bash': return 'to load it in this one, run `exec bash`';
    case 'zsh': return `to load it in this one, run \`source ${rcFile}\``;
    case 'fish': return 'to have it in this one, run `exec fish` (fish reads conf.d only at start)';
  }
}

const shellOption = { type: 'string', choices: [...SHELL_NAMES], describe: 'The shell whose rc file to edit (default: the shell awscreds runs in, else $SHELL)' } as const;

const installCommand: CommandModule = {
  command: 'install',
  describe: 'Add the hook to your shell\'s rc file (one marked block; running it again changes nothing)',
  options: { shell: shellOption },
  run: (args, context) => runHook('install', args, context),
};

const uninstallCommand: CommandModule = {
  command: 'uninstall',
  describe: 'Remove exactly the block `hook install` added',
  options: { shell: shellOption },
  run: (args, context) => runHook('uninstall', args, context),
};

export const hookCommand: CommandModule = {
  command: 'hook [shell]',
  describe: 'Print the prompt hook that holds back and refuses partial credential sets',
  evalOutput: true,
  options: {},
  positionals: {
    shell: { type: 'string', choices: [...SHELL_NAMES], describe: 'bash, zsh or fish (default: the shell awscreds runs in, else $SHELL)' },
  },
  subcommands: [installCommand, uninstallCommand],
  examples: [
    ['eval "$(awscreds hook bash)"', 'bash: in ~/.bashrc'],
    ['eval "$(awscreds hook zsh)"', 'zsh: in ~/.zshrc'],
    ['awscreds hook fish | source', 'fish: in ~/.config/fish/config.fish'],
    ['awscreds hook install', 'add one of the above to your rc file for you'],
  ],
  run: (args, context) => runHook('print', args, context),
};
