import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { editRcFile } from '../../hooks/editRcFile';
import { installHook } from '../../hooks/installHook';
import { rcFileForShell } from '../../hooks/rcFileForShell';
import { renderHookScript } from '../../hooks/renderHookScript';
import { uninstallHook } from '../../hooks/uninstallHook';
import { SHELL_NAMES } from '../../shells/Shell';
import { detectShell } from '../../shells/shells';
import type { CommandModule } from '../CommandModule';

const shellOption = { type: 'string', choices: [...SHELL_NAMES], describe: 'The shell whose rc file to edit (default: from $SHELL)' } as const;

const installCommand: CommandModule = {
  command: 'install',
  describe: 'Add the hook to your shell\'s rc file (one marked block; running it again changes nothing)',
  options: { shell: shellOption },
  async run(args, context) {
    const shell = detectShell(args.shell as string | undefined, context.env);
    const file = rcFileForShell(shell.name, context.home, context.env);
    const result = editRcFile(file, (text, label) => installHook(text, shell.name, label));
    if (!result.changed) return { stdout: `awscreds: the hook is already in ${result.path}; nothing changed.\n`, exitCode: 0 };
    const backup = result.backup ? ` (previous content saved in ${result.backup})` : '';
    return { stdout: `awscreds: added the ${shell.name} hook to ${result.path}${backup}. It takes effect in new shells.\n`, exitCode: 0 };
  },
};

const uninstallCommand: CommandModule = {
  command: 'uninstall',
  describe: 'Remove exactly the block `hook install` added',
  options: { shell: shellOption },
  async run(args, context) {
    const shell = detectShell(args.shell as string | undefined, context.env);
    const file = rcFileForShell(shell.name, context.home, context.env);
    const result = editRcFile(file, uninstallHook);
    if (!result.changed) return { stdout: `awscreds: no awscreds block in ${result.path}; nothing changed.\n`, exitCode: 0 };
    const backup = result.backup ? ` (previous content saved in ${result.backup})` : '';
    return { stdout: `awscreds: ${result.deleted ? `deleted ${result.path}, which install had created` : `removed the hook from ${result.path}`}${backup}.\n`, exitCode: 0 };
  },
};

export const hookCommand: CommandModule = {
  command: 'hook [shell]',
  describe: 'Print the prompt hook that holds back and refuses partial credential sets',
  evalOutput: true,
  options: {},
  positionals: {
    shell: { type: 'string', choices: [...SHELL_NAMES], describe: 'bash, zsh or fish (default: from $SHELL)' },
  },
  subcommands: [installCommand, uninstallCommand],
  examples: [
    ['eval "$(awscreds hook bash)"', 'bash: in ~/.bashrc'],
    ['eval "$(awscreds hook zsh)"', 'zsh: in ~/.zshrc'],
    ['awscreds hook fish | source', 'fish: in ~/.config/fish/config.fish'],
    ['awscreds hook install', 'add one of the above to your rc file for you'],
  ],
  async run(args, context) {
    const shell = detectShell(args.shell as string | undefined, context.env);
    const hookFile = readFileSync(join(context.packageRoot, 'shell', shell.hookFile), 'utf8');
    return { stdout: renderHookScript(shell, hookFile), exitCode: 0 };
  },
};
