const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Erases the line above (the previous progress line) before writing the next one. */
const REWRITE_PREVIOUS_LINE = '\u001b[1A\u001b[2K';

export interface WaitProgress {
  /**
   * Ends the display: on a terminal the progress line is replaced by `finalLine`, or erased
   * without one; otherwise `finalLine`, if any, is printed.
   */
  stop(finalLine?: string): void;
}

/**
 * Live progress while waiting for the user: on a terminal one line, rewritten in place, with a
 * spinner and the time left; otherwise (a log, a pipe) a plain line at the start and one a
 * minute. Every line goes through `log` (stderr).
 */
export function startWaitProgress({
  log,
  isTTY,
  now,
  deadline,
  waitingFor,
  tickMs = isTTY ? 120 : 60_000,
}: {
  readonly log: (text: string) => void;
  readonly isTTY: boolean;
  readonly now: () => Date;
  /** epoch ms */
  readonly deadline: number;
  /** e.g. "approval in the browser" */
  readonly waitingFor: string;
  readonly tickMs?: number;
}): WaitProgress {
  const left = (): string => {
    const seconds = Math.max(0, Math.ceil((deadline - now().getTime()) / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  };
  let frame = 0;
  const tick = (): void => {
    if (isTTY) {
      frame = (frame + 1) % SPINNER.length;
      log(`${REWRITE_PREVIOUS_LINE}${SPINNER[frame]} waiting for ${waitingFor}: ${left()} left (Ctrl-C to cancel)`);
    } else {
      log(`awscreds: still waiting for ${waitingFor} (${left()} left)`);
    }
  };
  if (isTTY) log(`${SPINNER[0]} waiting for ${waitingFor}: ${left()} left (Ctrl-C to cancel)`);
  else log(`awscreds: waiting for ${waitingFor} (${left()} left; Ctrl-C to cancel)`);
  const timer = setInterval(tick, tickMs);
  timer.unref();
  let stopped = false;
  return {
    stop(finalLine) {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (isTTY) log(finalLine === undefined ? `${REWRITE_PREVIOUS_LINE}\u001b[1A` : `${REWRITE_PREVIOUS_LINE}${finalLine}`);
      else if (finalLine !== undefined) log(finalLine);
    },
  };
}
