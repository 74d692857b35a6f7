/**
 * A one-line description of an SDK or network error that is safe to show: the error's name,
 * its HTTP status and message. SDK service messages never echo request secrets.
 */
export function describeServiceError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code = (error as { code?: string }).code;
  const parts = [error.name !== 'Error' ? error.name : code, status ? `HTTP ${status}` : undefined, error.message].filter(Boolean);
  return printable(parts.join(': '));
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
