import { describe, expect, it, vi } from 'vitest';
import { reportFirstPaint } from './first-paint';

describe('reportFirstPaint', () => {
  it('reports after the next frame, and keeps the answer on <body>', async () => {
    const frames: FrameRequestCallback[] = [];
    const win = {
      requestAnimationFrame: (cb: FrameRequestCallback) => frames.push(cb),
      setTimeout: (cb: () => void) => cb(),
      document,
    } as unknown as Window;
    const firstPaint = vi.fn(async () => ({ sinceStartMs: 412 }));

    const done = reportFirstPaint({ firstPaint }, win);
    await Promise.resolve();
    expect(firstPaint).not.toHaveBeenCalled();
    frames.forEach((cb) => cb(0));
    await done;

    expect(firstPaint).toHaveBeenCalledOnce();
    expect(document.body.dataset.firstPaintMs).toBe('412');
  });

  it('a refused report leaves the window as it was', async () => {
    delete document.body.dataset.firstPaintMs;
    const win = {
      requestAnimationFrame: (cb: FrameRequestCallback) => cb(0),
      setTimeout: (cb: () => void) => cb(),
      document,
    };
    const firstPaint = vi.fn(async () => Promise.reject({ code: 'internal', message: 'no' }));
    await reportFirstPaint({ firstPaint }, win as unknown as Window);
    expect(document.body.dataset.firstPaintMs).toBeUndefined();
  });
});
