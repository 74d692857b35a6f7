/**
 * A command path or option name as part of a shell variable name: `hook install` → `hook__install`,
 * `--min-ttl` → `min_ttl`. Names are letters, digits and dashes, so keys cannot collide.
 */
export function completionVariableKey(words: readonly string[]): string {
  return words.map((w) => w.replace(/^-+/, '').replace(/-/g, '_')).join('__');
}
