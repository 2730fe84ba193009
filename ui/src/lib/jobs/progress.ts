// The progress bar's numbers.

/** 0-100, whole; an empty job is complete only once it says so. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** `42s`, `3m 07s`, `1h 02m`. */
export function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** `12 of 31 resources`, or the teardown's wording. */
export function progressLabel(done: number, total: number, teardown: boolean): string {
  const noun = total === 1 ? 'resource' : 'resources';
  return `${done} of ${total} ${noun}${teardown ? ' removed' : ''}`;
}
