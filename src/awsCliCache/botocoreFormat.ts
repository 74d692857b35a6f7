import { sha1Hex } from './sha1Hex';

/**
 * Python's `json.dumps(value, sort_keys=…)` with its default separators (", " and ": ") and
 * ensure_ascii, byte for byte: the AWS CLI names and writes its cache files this way, and
 * awscreds shares those files.
 */
export function pythonJsonDumps(value: unknown, options: { sortKeys?: boolean; separators?: readonly [string, string] } = {}): string {
  const [itemSeparator, keySeparator] = options.separators ?? [', ', ': '];
  const dump = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(dump).join(itemSeparator)}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (options.sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${dump(k)}${keySeparator}${dump(x)}`).join(itemSeparator)}}`;
  };
  return dump(value);
}

/** The AWS CLI's cache date format: UTC, seconds, no milliseconds (`2026-01-02T03:04:05Z`). */
export function formatCacheDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * botocore's cache key: SHA-1 (hex) of `json.dumps(args, sort_keys=True)` with the given
 * separators (Python's default `", "` and `": "` unless told). Every file name in the AWS
 * CLI's caches that is made from settings is made this way.
 */
export function botocoreCacheKey(args: Readonly<Record<string, unknown>>, separators?: readonly [string, string]): string {
  const json = pythonJsonDumps(args, { sortKeys: true, ...(separators ? { separators } : {}) });
  return sha1Hex(json);
}
