// Events arrive one by one, up to thousands a second; the page takes them once per animation
// frame, as a batch, so a burst costs one render rather than one per event.

export type Schedule = (run: () => void) => unknown;

const nextFrame: Schedule = (run) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => run()) : setTimeout(run, 16);

export interface Batcher<T> {
  push(item: T): void;
  /** Delivers whatever is queued now (the job ended; the page is going away). */
  flush(): void;
}

export function createBatcher<T>(deliver: (items: T[]) => void, schedule: Schedule = nextFrame): Batcher<T> {
  let queue: T[] = [];
  let scheduled = false;
  function flush(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    deliver(items);
  }
  return {
    push(item) {
      queue.push(item);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}
