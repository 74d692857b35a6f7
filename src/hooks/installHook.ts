import type { ShellName } from '../shells/Shell';
import { findHookBlock } from './findHookBlock';
import { renderHookBlock } from './renderHookBlock';

export interface RcFileEdit {
  /** The new content, or undefined to delete the file. */
  readonly text: string | undefined;
  readonly changed: boolean;
}

/**
 * Adds the awscreds block to an rc file's text (undefined: the file does not exist), or
 * brings an existing block up to date in place. Installing twice changes nothing. What
 * install adds beyond the block (a line break, the file itself) is recorded in the block so
 * that uninstall gives back the original bytes.
 */
export function installHook(text: string | undefined, shell: ShellName, fileLabel: string): RcFileEdit {
  if (text === undefined) return { text: renderHookBlock(shell, { createdFile: true, addedLineBreak: false }), changed: true };
  const existing = findHookBlock(text, fileLabel);
  if (existing) {
    const updated = `${text.slice(0, existing.start)}${renderHookBlock(shell, existing)}${text.slice(existing.end)}`;
    return { text: updated, changed: updated !== text };
  }
  const addedLineBreak = text !== '' && !text.endsWith('\n');
  return { text: `${text}${addedLineBreak ? '\n' : ''}${renderHookBlock(shell, { createdFile: false, addedLineBreak })}`, changed: true };
}
