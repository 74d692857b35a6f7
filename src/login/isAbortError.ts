/** Whether an error comes from an aborted request or wait (the SDK names these AbortError). */
export function isAbortError(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}
