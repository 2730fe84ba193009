// Pan and zoom as a plain transform: screen = diagram * k + (x, y).
import type { Box } from './model';

export interface Transform {
  x: number;
  y: number;
  k: number;
}

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 3;
const FIT_MARGIN = 24;

export function clampZoom(k: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));
}

/** The whole diagram in view, centred, never enlarged past 100%. */
export function fitTransform(width: number, height: number, viewWidth: number, viewHeight: number): Transform {
  if (width <= 0 || height <= 0 || viewWidth <= 0 || viewHeight <= 0) return { x: FIT_MARGIN, y: FIT_MARGIN, k: 1 };
  const k = clampZoom(Math.min((viewWidth - 2 * FIT_MARGIN) / width, (viewHeight - 2 * FIT_MARGIN) / height, 1));
  return { x: (viewWidth - width * k) / 2, y: (viewHeight - height * k) / 2, k };
}

/** Zooms by `factor`, keeping the diagram point under (px, py) where it is on screen. */
export function zoomAt(t: Transform, factor: number, px: number, py: number): Transform {
  const k = clampZoom(t.k * factor);
  const f = k / t.k;
  return { k, x: px - (px - t.x) * f, y: py - (py - t.y) * f };
}

export function transformAttr(t: Transform): string {
  const r = (n: number): number => Math.round(n * 100) / 100;
  return `translate(${r(t.x)} ${r(t.y)}) scale(${Math.round(t.k * 1000) / 1000})`;
}

/**
 * The part of the diagram worth drawing for a view of `width` x `height` pixels: what shows,
 * plus a quarter to a half of a view on each side, so a short pan draws nothing new. Its edges
 * snap to steps of a quarter view, so panning changes it (and what is drawn) only that often.
 * Null when the view's size is not known: draw everything.
 */
export function drawnArea(t: Transform, width: number, height: number): Box | null {
  if (width <= 0 || height <= 0) return null;
  const w = width / t.k;
  const h = height / t.k;
  const stepX = w / 4;
  const stepY = h / 4;
  const x = Math.floor((-t.x / t.k - stepX) / stepX) * stepX;
  const y = Math.floor((-t.y / t.k - stepY) / stepY) * stepY;
  return { x, y, width: w + 3 * stepX, height: h + 3 * stepY };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether `box` lies wholly in the view. */
export function inView(box: Box, t: Transform, width: number, height: number): boolean {
  const x = box.x * t.k + t.x;
  const y = box.y * t.k + t.y;
  return x >= 0 && y >= 0 && x + box.width * t.k <= width && y + box.height * t.k <= height;
}

/** The transform that centres `box` at zoom `t.k`. */
export function centreOn(box: Box, t: Transform, width: number, height: number): Transform {
  return { k: t.k, x: width / 2 - (box.x + box.width / 2) * t.k, y: height / 2 - (box.y + box.height / 2) * t.k };
}
