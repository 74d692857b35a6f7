import { ENDPOINT_OF_ERROR, isConnectionRefused, isDeadlineAbort } from './network';

/**
 * A one-line description of an SDK or network error that is safe to show: the error's name,
 * its HTTP status and message, then the endpoint it came from and how many attempts were made
 * (when the client recorded them: src/runtime/network.ts). SDK service messages never echo
 * request secrets.
 */
export function describeServiceError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const metadata = (error as { $metadata?: { httpStatusCode?: number; attempts?: number } }).$metadata;
  const status = metadata?.httpStatusCode;
  const code = (error as { code?: string }).code;
  const endpoint = (error as { [ENDPOINT_OF_ERROR]?: string })[ENDPOINT_OF_ERROR];
  let what: string;
  if (isConnectionRefused(error)) what = 'connection refused';
  else if (error.name === 'TimeoutError' || code === 'ETIMEDOUT' || isDeadlineAbort(error)) what = 'no response in time (the service did not answer)';
  else what = [error.name !== 'Error' ? error.name : code, status ? `HTTP ${status}` : undefined, error.message].filter(Boolean).join(': ');
  const where = [endpoint ? `endpoint ${endpoint}` : undefined, metadata?.attempts && metadata.attempts > 1 ? `${metadata.attempts} attempts` : undefined].filter(Boolean);
  return printable(where.length > 0 ? `${what} [${where.join(', ')}]` : what);
}

// C0 and C1 controls (escape sequences move the cursor, recolour or retitle the terminal), line
// and paragraph separators, and the invisible format characters that reorder or hide text
// (bidi overrides such as U+202E, isolates, zero-width marks, the BOM).
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Text from outside (a service's answer, a browser's callback, names from a config file) made
 * safe to print: every character that could change what the terminal shows becomes `?`.
 * The one filter for all such text.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '?');
}
