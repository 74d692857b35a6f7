import { AwscredsError } from '../AwscredsError';
import { ADDED_LINE_BREAK_FLAG, CREATED_FILE_FLAG, HOOK_BLOCK_END, HOOK_BLOCK_START } from './hookBlockMarkers';
import type { HookBlockFlags } from './renderHookBlock';

export interface HookBlockLocation extends HookBlockFlags {
  /** Offset of the start marker line. */
  readonly start: number;
  /** Offset just past the end marker line and its line break (if any). */
  readonly end: number;
}

/**
 * The one awscreds block in an rc file's text, or undefined when there is none. Duplicate
 * or unbalanced markers mean someone edited the block by hand: guessing which lines are
 * ours could delete theirs, so that is refused, naming the file.
 */
export function findHookBlock(text: string, fileLabel: string): HookBlockLocation | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const content = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (content === HOOK_BLOCK_START) starts.push(offset);
    if (content === HOOK_BLOCK_END) ends.push(offset);
    offset += line.length + 1;
  }
  if (starts.length === 0 && ends.length === 0) return undefined;
  const [start] = starts;
  const [endLine] = ends;
  if (starts.length !== 1 || ends.length !== 1 || start === undefined || endLine === undefined || endLine < start) {
    throw new AwscredsError(
      'FILESYSTEM',
      `${fileLabel} has ${starts.length} "${HOOK_BLOCK_START}" and ${ends.length} "${HOOK_BLOCK_END}" lines; awscreds edits only a file with exactly one block, start before end, and left it unchanged.`,
      `edit ${fileLabel} by hand so that at most one awscreds block remains, then run the command again.`,
    );
  }
  const lineBreak = text.indexOf('\n', endLine);
  const end = lineBreak === -1 ? text.length : lineBreak + 1;
  const block = text.slice(start, end);
  const hasLine = (flag: string): boolean => block.split('\n').some((line) => line.replace(/\r$/, '') === flag);
  return { start, end, createdFile: hasLine(CREATED_FILE_FLAG), addedLineBreak: hasLine(ADDED_LINE_BREAK_FLAG) };
}
