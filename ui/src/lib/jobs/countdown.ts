// One-click teardown: the click starts a countdown the user can undo; when it runs out the
// teardown starts. No dialog.

/** How long a teardown can be undone after the click. */
export const UNDO_SECONDS = 5;

export interface Countdown {
  /** Starts (or restarts) the countdown. */
  start(): void;
  /** Cancels it; nothing runs. */
  undo(): void;
  readonly running: boolean;
}

export interface CountdownOptions {
  seconds: number;
  /** Every second left, from `seconds` down to 1. */
  ontick: (secondsLeft: number) => void;
  onelapse: () => void;
  oncancel?: () => void;
}

export function createCountdown({ seconds, ontick, onelapse, oncancel }: CountdownOptions): Countdown {
  let timer: ReturnType<typeof setInterval> | null = null;
  let left = 0;
  function stop(): void {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }
  return {
    start() {
      stop();
      left = seconds;
      ontick(left);
      timer = setInterval(() => {
        left -= 1;
        if (left > 0) {
          ontick(left);
          return;
        }
        stop();
        onelapse();
      }, 1000);
    },
    undo() {
      if (timer === null) return;
      stop();
      oncancel?.();
    },
    get running() {
      return timer !== null;
    },
  };
}
