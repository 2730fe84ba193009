// The window's start-up figure (issue #15, item 4): once the first screen a person can use is
// on the page, wait for the frame that paints it, then tell the shell, which measures from the
// start of its `main`. The answer is kept on <body> for the desktop tests and the benchmark.
import type { Api } from './api';

/** Resolves after the next frame has been painted: rAF runs before a paint, a task after it. */
function afterNextPaint(win: Window): Promise<void> {
  return new Promise((resolve) => win.requestAnimationFrame(() => win.setTimeout(resolve, 0)));
}

export async function reportFirstPaint(api: Pick<Api, 'firstPaint'>, win: Window = window): Promise<void> {
  await afterNextPaint(win);
  try {
    const { sinceStartMs } = await api.firstPaint();
    win.document.body.dataset.firstPaintMs = String(sinceStartMs);
  } catch {
    // A figure for a benchmark: the window works the same without it.
  }
}
