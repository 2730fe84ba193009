// Rows and columns for the hosts of a subnet that ELK has no edge of (layout.ts places them).

const GRID_GAP = 22;
/** Width over height of a large grid: the viewport's, about, so Fit shows it large. */
const GRID_ASPECT = 1.6;
/** Up to this many hosts stay in one row, as ELK would put them. */
const GRID_MIN_COLUMNS = 4;

/** A gridded node: its size, and where it sits relative to its grid's top-left corner. */
export interface GridCell {
  id: string;
  dx: number;
  dy: number;
  width: number;
  height: number;
}

/**
 * Rows and columns for `boxes` in model order, about `GRID_ASPECT` times as wide as tall: ELK
 * would lay unconnected nodes out in one layer, a single row (2,000 hosts made a diagram
 * 500,000 px wide), and its time grows with every node it is given.
 */
export function gridOf(boxes: { id: string; width: number; height: number }[]): {
  width: number;
  height: number;
  cells: GridCell[];
} {
  const n = boxes.length;
  const mean = (size: (b: (typeof boxes)[number]) => number): number =>
    boxes.reduce((sum, b) => sum + size(b), 0) / Math.max(n, 1);
  const square = Math.ceil(
    Math.sqrt((GRID_ASPECT * n * (mean((b) => b.height) + GRID_GAP)) / (mean((b) => b.width) + GRID_GAP)),
  );
  const columns = Math.max(1, Math.min(n, Math.max(GRID_MIN_COLUMNS, square)));
  const columnWidths = new Array<number>(columns).fill(0);
  const rowHeights = new Array<number>(Math.ceil(n / columns)).fill(0);
  boxes.forEach((b, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    columnWidths[column] = Math.max(columnWidths[column] ?? 0, b.width);
    rowHeights[row] = Math.max(rowHeights[row] ?? 0, b.height);
  });
  const offsets = (sizes: number[]): number[] => {
    let at = 0;
    return sizes.map((size) => {
      const start = at;
      at += size + GRID_GAP;
      return start;
    });
  };
  const xs = offsets(columnWidths);
  const ys = offsets(rowHeights);
  const total = (sizes: number[]): number => sizes.reduce((sum, s) => sum + s, 0) + GRID_GAP * (sizes.length - 1);
  return {
    width: total(columnWidths),
    height: total(rowHeights),
    cells: boxes.map((b, i) => ({ ...b, dx: xs[i % columns] ?? 0, dy: ys[Math.floor(i / columns)] ?? 0 })),
  };
}
