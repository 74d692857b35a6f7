import { findHookBlock } from './findHookBlock';
import type { RcFileEdit } from './installHook';

/**
 * Removes exactly what `installHook` added: the block, the line break it put before the
 * block, and the file itself when install created it and nothing else was written to it.
 */
export function uninstallHook(text: string | undefined, fileLabel: string): RcFileEdit {
  if (text === undefined) return { text, changed: false };
  const block = findHookBlock(text, fileLabel);
  if (!block) return { text, changed: false };
  const before = text.slice(0, block.start);
  const kept = `${block.addedLineBreak && before.endsWith('\n') ? before.slice(0, -1) : before}${text.slice(block.end)}`;
  if (block.createdFile && kept === '') return { text: undefined, changed: true };
  return { text: kept, changed: true };
}
