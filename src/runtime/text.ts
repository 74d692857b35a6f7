import { ENDPOINT_OF_ERROR, isConnectionRefused } from './network';

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
  else if (error.name === 'TimeoutError' || code === 'ETIMEDOUT') what = 'no response in time (the service did not answer)';
  else what = [error.name !== 'Error' ? error.name : code, status ? `HTTP ${status}` : undefined, error.message].filter(Boolean).join(': ');
  const where = [endpoint ? `endpoint ${endpoint}` : undefined, metadata?.attempts && metadata.attempts > 1 ? `${metadata.attempts} attempts` : undefined].filter(Boolean);
  return where.length > 0 ? `${what} [${where.join(', ')}]` : what;
}

/**
 * Text from a service made safe for a terminal: control characters (which could move the
 * cursor or recolour the screen) become `?`.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}
