// Pan and zoom as a plain transform: screen = diagram * k + (x, y).
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
