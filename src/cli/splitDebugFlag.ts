/**
 * `--debug` is global: it may stand anywhere before `--` and applies to every command, so it is
 * taken out before either parser sees the arguments.
 */
export function splitDebugFlag(argv: readonly string[]): { argv: string[]; debug: boolean } {
  const end = argv.indexOf('--');
  const head = end === -1 ? [...argv] : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  const kept = head.filter((a) => a !== '--debug');
  return { argv: [...kept, ...rest], debug: kept.length !== head.length };
}
