// A running job's log: lines are appended in place, in a ring of bounded size, so a batch of
// events costs its own length rather than a copy of the whole log. The array never changes
// identity; a version number (the only reactive part) tells readers it grew, which is why
// `length` and `slice` read it. Passing the buffer on (not a copy of its lines) keeps that:
// a reader reading `length` re-runs even though the buffer it holds is the same object.
import type { LogEntry } from './job-state';

/** What the log panel reads: a plain array or a `LogBuffer`. */
export interface LogLines {
  readonly length: number;
  slice(start?: number, end?: number): LogEntry[];
}

/** Lines kept per job; older ones drop off the front (a provision logs a few thousand). */
export const LOG_CAPACITY = 200_000;

export class LogBuffer implements LogLines {
  readonly capacity: number;
  /** The backing store: grows to `capacity`, then is overwritten oldest first. */
  readonly #ring: LogEntry[] = [];
  /** Where the oldest line is in the ring, once it is full. */
  #head = 0;
  /** Lines dropped off the front since the job started. */
  #dropped = 0;
  #version = $state(0);

  constructor(capacity = LOG_CAPACITY) {
    this.capacity = Math.max(1, capacity);
  }

  get length(): number {
    void this.#version;
    return this.#ring.length;
  }

  /** How many of the oldest lines no longer fit. */
  get dropped(): number {
    void this.#version;
    return this.#dropped;
  }

  /** Bumped on each append; tests read it to see one change per batch. */
  get version(): number {
    return this.#version;
  }

  append(entries: readonly LogEntry[]): void {
    if (entries.length === 0) return;
    for (const entry of entries) {
      if (this.#ring.length < this.capacity) {
        this.#ring.push(entry);
      } else {
        this.#ring[this.#head] = entry;
        this.#head = (this.#head + 1) % this.capacity;
        this.#dropped++;
      }
    }
    this.#version++;
  }

  /** Lines `start` to `end` (exclusive), oldest first, as `Array.prototype.slice` counts. */
  slice(start = 0, end?: number): LogEntry[] {
    void this.#version;
    const size = this.#ring.length;
    const from = clampIndex(start, size);
    const to = clampIndex(end ?? size, size);
    if (this.#head === 0) return this.#ring.slice(from, to);
    const out: LogEntry[] = [];
    for (let i = from; i < to; i++) out.push(this.#ring[(this.#head + i) % size] as LogEntry);
    return out;
  }
}

function clampIndex(index: number, size: number): number {
  return index < 0 ? Math.max(0, size + index) : Math.min(index, size);
}
