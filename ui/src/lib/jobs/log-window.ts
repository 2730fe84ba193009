// Which log rows are on screen: the panel renders only those (plus a few either side), so a
// 100,000-line log costs as much as a screenful.

export interface RowWindow {
  start: number;
  end: number;
  /** Pixels above the first rendered row. */
  offset: number;
}

export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): RowWindow {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const shown = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight);
  const end = Math.min(count, first + shown + overscan);
  return { start, end, offset: start * rowHeight };
}
