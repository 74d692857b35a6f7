/** The AWS CLI's cache date format: UTC, seconds, no milliseconds (`2026-01-02T03:04:05Z`). */
export function formatCacheDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
