import { closeSync, openSync, writeSync } from 'node:fs';
import { isatty, ReadStream, WriteStream } from 'node:tty';
import { AwscredsError } from '../runtime/AwscredsError';
import { filterItems, renderFrame, searchIndex, type PickItem, type PickerState } from './pickerModel';

// The picker on the controlling terminal (/dev/tty, opened directly: under `eval "$(…)"`
// stdout is a pipe that must hold only the export block). Raw mode while it runs, restored
// and the drawn lines cleared before it returns, whatever way it ends.

export type PickOutcome = { readonly kind: 'picked'; readonly name: string } | { readonly kind: 'cancelled' } | { readonly kind: 'no-terminal' } | { readonly kind: 'no-profiles' };

type Key = 'up' | 'down' | 'enter' | 'escape' | 'interrupt' | 'backspace' | 'clear' | 'word' | 'eof' | { readonly text: string };

/** Keys from what the terminal sent: arrows (both cursor modes), Enter, Esc, Ctrl-C/D/U/W/N/P, Backspace, text. */
export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  for (let i = 0; i < data.length; ) {
    const rest = data.slice(i);
    const sequence = /^\u001b[[O][0-9;]*[@-~]/.exec(rest);
    if (sequence) {
      const final = sequence[0].slice(-1);
      if (final === 'A') keys.push('up');
      else if (final === 'B') keys.push('down');
      i += sequence[0].length;
      continue;
    }
    const c = rest[0] as string;
    i++;
    if (c === '\u001b') keys.push('escape');
    else if (c === '\r' || c === '\n') keys.push('enter');
    else if (c === '\u0003') keys.push('interrupt');
    else if (c === '\u0004') keys.push('eof');
    else if (c === '\u007f' || c === '\b') keys.push('backspace');
    else if (c === '\u0015') keys.push('clear');
    else if (c === '\u0017') keys.push('word');
    else if (c === '\u000e') keys.push('down');
    else if (c === '\u0010') keys.push('up');
    else if (c >= ' ') {
      const last = keys[keys.length - 1];
      if (typeof last === 'object') keys[keys.length - 1] = { text: last.text + c };
      else keys.push({ text: c });
    }
  }
  return keys;
}

/** One key applied to the state: the new state, or how the picker ends. */
export function applyKey(state: PickerState, key: Key, items: readonly PickItem[], index: () => readonly string[]): PickerState | PickOutcome | 'interrupt' {
  const requery = (query: string): PickerState => ({ query, matches: filterItems(items, index(), query), selected: 0 });
  if (key === 'up') return { ...state, selected: Math.max(0, state.selected - 1) };
  if (key === 'down') return { ...state, selected: Math.min(Math.max(0, state.matches.length - 1), state.selected + 1) };
  if (key === 'enter') {
    const item = state.matches[state.selected];
    return item ? { kind: 'picked', name: item.name } : state;
  }
  if (key === 'escape') return { kind: 'cancelled' };
  if (key === 'eof') return state.query === '' ? { kind: 'cancelled' } : state;
  if (key === 'interrupt') return 'interrupt';
  if (key === 'backspace') return requery([...state.query].slice(0, -1).join(''));
  if (key === 'clear') return requery('');
  if (key === 'word') return requery(state.query.replace(/\S*\s*$/, ''));
  return requery(state.query + key.text);
}

/**
 * Runs the picker; `onFrame` is told when the first frame is on the terminal. Ctrl-C (in raw
 * mode a key, not a signal) and `signal` end it with INTERRUPTED; Esc (and Ctrl-D on an empty
 * query) with `cancelled`; without a terminal, or a profile to show, it returns at once.
 */
export function runPicker(items: readonly PickItem[], { signal, onFirstFrame }: { signal: AbortSignal; onFirstFrame?: () => void }): Promise<PickOutcome> {
  if (items.length === 0) return Promise.resolve({ kind: 'no-profiles' });
  let input: number;
  let output: number;
  try {
    input = openSync('/dev/tty', 'r');
    output = openSync('/dev/tty', 'w');
  } catch {
    return Promise.resolve({ kind: 'no-terminal' });
  }
  if (!isatty(input)) {
    closeSync(input);
    closeSync(output);
    return Promise.resolve({ kind: 'no-terminal' });
  }
  const size = new WriteStream(output);
  const stream = new ReadStream(input);
  stream.setEncoding('utf8');
  stream.setRawMode(true);
  const write = (text: string): void => void writeSync(output, text);
  let state: PickerState = { query: '', matches: items, selected: 0 };
  let made: readonly string[] | undefined;
  const index = (): readonly string[] => (made ??= searchIndex(items));
  const draw = (): void => {
    const [columns = 80, rows = 24] = size.getWindowSize();
    const lines = renderFrame(state, items.length, Math.max(1, Math.min(10, rows - 3)), Math.max(20, columns));
    const column = Math.min(columns - 1, `profile> ${state.query}`.length);
    write(`\r\u001b[J${lines.join('\r\n')}\u001b[${lines.length - 1}A\r${column > 0 ? `\u001b[${column}C` : ''}`);
  };
  draw();
  onFirstFrame?.();
  return new Promise((resolve, reject) => {
    // A resized terminal gets a frame of its new size at once, not at the next key. Node
    // refreshes a tty.WriteStream's size on SIGWINCH only for process.stdout and stderr.
    const onResize = (): void => {
      (size as unknown as { _refreshSize?: () => void })._refreshSize?.();
      draw();
    };
    process.on('SIGWINCH', onResize);
    const finish = (end: () => void): void => {
      process.removeListener('SIGWINCH', onResize);
      signal.removeEventListener('abort', onAbort);
      stream.removeAllListeners('data');
      write('\r\u001b[J');
      stream.setRawMode(false);
      stream.destroy();
      size.destroy();
      end();
    };
    const interrupted = (): AwscredsError => new AwscredsError('INTERRUPTED', 'interrupted (Ctrl-C) in the profile picker; nothing was exported.');
    const onAbort = (): void => finish(() => reject(interrupted()));
    signal.addEventListener('abort', onAbort);
    stream.on('data', (data: string) => {
      for (const key of parseKeys(data)) {
        const next = applyKey(state, key, items, index);
        if (next === 'interrupt') return finish(() => reject(interrupted()));
        if ('kind' in next) return finish(() => resolve(next));
        state = next;
      }
      draw();
    });
  });
}
