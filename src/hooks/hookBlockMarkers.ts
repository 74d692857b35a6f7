/** The lines that delimit the block `awscreds hook install` owns in an rc file. */
export const HOOK_BLOCK_START = '# >>> awscreds hook >>>';
export const HOOK_BLOCK_END = '# <<< awscreds hook <<<';
/** Recorded inside the block so uninstall can undo exactly what install did. */
export const CREATED_FILE_FLAG = '# awscreds: install created this file; uninstall deletes it when nothing else is left.';
export const ADDED_LINE_BREAK_FLAG = '# awscreds: install added the line break before this block; uninstall removes it.';
