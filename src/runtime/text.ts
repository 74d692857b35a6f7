/**
 * A one-line description of an SDK or network error that is safe to show: the error's name,
 * its HTTP status and message. SDK service messages never echo request secrets.
 */
export function describeServiceError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code = (error as { code?: string }).code;
  const parts = [error.name !== 'Error' ? error.name : code, status ? `HTTP ${status}` : undefined, error.message].filter(Boolean);
  return parts.join(': ');
}

/**
 * Text from a service made safe for a terminal: control characters (which could move the
 * cursor or recolour the screen) become `?`.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}
