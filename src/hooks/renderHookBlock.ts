import type { ShellName } from '../shells/Shell';
import { ADDED_LINE_BREAK_FLAG, CREATED_FILE_FLAG, HOOK_BLOCK_END, HOOK_BLOCK_START } from './hookBlockMarkers';

export interface HookBlockFlags {
  readonly createdFile: boolean;
  readonly addedLineBreak: boolean;
}

/**
 * The rc-file block. It finds awscreds on PATH when the shell starts rather than naming the
 * binary's absolute path (which moves with every node or npm upgrade), and does nothing
 * when awscreds is gone, so an uninstalled package never breaks the shell. LF only.
 */
export function renderHookBlock(shell: ShellName, flags: HookBlockFlags): string {
  const load =
    shell === 'fish'
      ? ['if type -q awscreds', '    awscreds hook fish | source', 'end']
      : [`if command -v awscreds >/dev/null 2>&1; then eval "$(awscreds hook ${shell})"; fi`];
  const lines = [
    HOOK_BLOCK_START,
    '# Managed by `awscreds hook install`; `awscreds hook uninstall` removes this block.',
    ...(flags.createdFile ? [CREATED_FILE_FLAG] : []),
    ...(flags.addedLineBreak ? [ADDED_LINE_BREAK_FLAG] : []),
    ...load,
    HOOK_BLOCK_END,
  ];
  return `${lines.join('\n')}\n`;
}
