// Paths and positions shared by the view and the exporters, so both draw the same picture.
import type { Box, LaidEdge, LaidNode, Point } from './model';

const CORNER = 6;

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** An orthogonal polyline with softly rounded corners. */
function polyline(points: Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M${round(first.x)} ${round(first.y)}`;
  for (let i = 0; i < rest.length; i += 1) {
    const p = rest[i] as Point;
    const prev = (i === 0 ? first : rest[i - 1]) as Point;
    const next = rest[i + 1];
    if (!next) {
      d += ` L${round(p.x)} ${round(p.y)}`;
      break;
    }
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLen = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(CORNER, inLen / 2, outLen / 2);
    const a = { x: p.x - ((p.x - prev.x) / (inLen || 1)) * r, y: p.y - ((p.y - prev.y) / (inLen || 1)) * r };
    const b = { x: p.x + ((next.x - p.x) / (outLen || 1)) * r, y: p.y + ((next.y - p.y) / (outLen || 1)) * r };
    d += ` L${round(a.x)} ${round(a.y)} Q${round(p.x)} ${round(p.y)} ${round(b.x)} ${round(b.y)}`;
  }
  return d;
}

export function edgePath(edge: LaidEdge): string {
  const [a, b, c, d] = edge.points;
  if ((edge.shape === 'curve' || edge.shape === 'loop') && a && b && c && d) {
    return `M${round(a.x)} ${round(a.y)} C${round(b.x)} ${round(b.y)} ${round(c.x)} ${round(c.y)} ${round(d.x)} ${round(d.y)}`;
  }
  return polyline(edge.points);
}

function bezierAt(p: Point[], t: number): Point {
  const [a, b, c, d] = p as [Point, Point, Point, Point];
  const u = 1 - t;
  return {
    x: u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x,
    y: u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y,
  };
}

/** A Bézier from the bottom (or side) of one node to the top (or side) of another. */
export function curveBetween(from: Box, to: Box): Point[] {
  const below = to.y >= from.y + from.height;
  const above = to.y + to.height <= from.y;
  if (below || above) {
    const start = { x: from.x + from.width / 2, y: below ? from.y + from.height : from.y };
    const end = { x: to.x + to.width / 2, y: below ? to.y : to.y + to.height };
    const pull = Math.max(40, Math.abs(end.y - start.y) / 2);
    const dir = below ? 1 : -1;
    return [start, { x: start.x, y: start.y + dir * pull }, { x: end.x, y: end.y - dir * pull }, end];
  }
  const right = to.x >= from.x + from.width;
  const start = { x: right ? from.x + from.width : from.x, y: from.y + from.height / 2 };
  const end = { x: right ? to.x : to.x + to.width, y: to.y + to.height / 2 };
  const pull = Math.max(40, Math.abs(end.x - start.x) / 2);
  const dir = right ? 1 : -1;
  return [start, { x: start.x + dir * pull, y: start.y }, { x: end.x - dir * pull, y: end.y }, end];
}

/** A loop on the right side of a node. */
export function loopOn(node: Box): Point[] {
  const x = node.x + node.width;
  const top = node.y + node.height * 0.25;
  const bottom = node.y + node.height * 0.75;
  return [
    { x, y: top },
    { x: x + 30, y: top - 10 },
    { x: x + 30, y: bottom + 10 },
    { x, y: bottom },
  ];
}

/** Where a curve's or loop's label goes (centred on the path's middle, or beside the loop). */
export function labelBoxFor(edge: Pick<LaidEdge, 'shape' | 'points'>, width: number, height: number): Box {
  if (edge.shape === 'loop') {
    const start = edge.points[0] as Point;
    const mid = bezierAt(edge.points, 0.5);
    return { x: mid.x + 4, y: start.y + (mid.y - start.y) - height / 2, width, height };
  }
  const mid = bezierAt(edge.points, 0.5);
  return { x: mid.x - width / 2, y: mid.y - height / 2, width, height };
}

/** Where a container's title sits (inside, top-left). */
export function titleAt(node: LaidNode): Point {
  return { x: node.x + 12, y: node.y + (node.kind === 'subnet' ? 19 : 22) };
}

/** The box around an edge's path and label (a Bézier lies inside its control points' box). */
export function edgeBounds(edge: Pick<LaidEdge, 'points' | 'labelBox'>): Box {
  const xs = edge.points.map((p) => p.x);
  const ys = edge.points.map((p) => p.y);
  if (edge.labelBox) {
    xs.push(edge.labelBox.x, edge.labelBox.x + edge.labelBox.width);
    ys.push(edge.labelBox.y, edge.labelBox.y + edge.labelBox.height);
  }
  if (xs.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** The curves of `edges` as one path per source, with those of them that carry a label. */
export function curvesBySource(edges: LaidEdge[]): { source: string; d: string; labelled: LaidEdge[] }[] {
  const bySource = new Map<string, LaidEdge[]>();
  for (const e of edges) if (e.shape === 'curve') bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
  return [...bySource].map(([source, group]) => ({
    source,
    d: group.map(edgePath).join(' '),
    labelled: group.filter((e) => e.labelBox),
  }));
}
