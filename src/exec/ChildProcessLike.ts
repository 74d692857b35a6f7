/** The signals `awscreds exec` forwards to its child. */
export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type ForwardedSignal = (typeof FORWARDED_SIGNALS)[number];

/** The part of Node's ChildProcess that `runChild` uses. */
export interface ChildProcessLike {
  /** undefined when the process could not be started. */
  readonly pid?: number | undefined;
  kill(signal: NodeJS.Signals): boolean;
  once(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

/** A `spawn`-like function: Node's `child_process.spawn` fits. */
export type SpawnChild = (command: string, args: readonly string[], options: { env: Record<string, string>; stdio: 'inherit' }) => ChildProcessLike;

/**
 * Calls `handler` for every SIGINT, SIGTERM and SIGHUP the process receives until the returned
 * function is called; while a handler is registered, those signals do not end the process.
 */
export type OnForwardedSignal = (handler: (signal: ForwardedSignal) => void) => () => void;

/** How a child ended, or why it never started. */
export type ChildOutcome =
  | { readonly kind: 'exited'; readonly code: number }
  | { readonly kind: 'signaled'; readonly signal: NodeJS.Signals }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-executable'; readonly code: string };
