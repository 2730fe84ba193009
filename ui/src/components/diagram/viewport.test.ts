import { describe, expect, it } from 'vitest';
import { centreOn, drawnArea, inView, overlaps } from './viewport';

describe('viewport', () => {
  it('draws what the view shows and a margin, and the same area for a short pan', () => {
    const t = { x: -500, y: -200, k: 0.5 };
    const area = drawnArea(t, 800, 600);
    expect(area).not.toBeNull();
    const a = area as NonNullable<typeof area>;
    // The view shows x 1000..2600, y 400..1600 of the diagram.
    expect(a.x).toBeLessThanOrEqual(1000 - 400);
    expect(a.y).toBeLessThanOrEqual(400 - 300);
    expect(a.x + a.width).toBeGreaterThanOrEqual(2600 + 400);
    expect(a.y + a.height).toBeGreaterThanOrEqual(1600 + 300);
    expect(drawnArea({ ...t, x: t.x - 10 }, 800, 600)).toEqual(area);
    expect(drawnArea({ ...t, x: t.x - 300 }, 800, 600)).not.toEqual(area);
    expect(drawnArea(t, 0, 600)).toBeNull();
  });

  it('tells what is in view and centres on a box', () => {
    const box = { x: 900, y: 900, width: 100, height: 40 };
    const t = { x: 0, y: 0, k: 1 };
    expect(inView(box, t, 800, 600)).toBe(false);
    const moved = centreOn(box, t, 800, 600);
    expect(moved.k).toBe(1);
    expect(inView(box, moved, 800, 600)).toBe(true);
    expect(overlaps(box, { x: 950, y: 0, width: 10, height: 1000 })).toBe(true);
    expect(overlaps(box, { x: 1001, y: 0, width: 10, height: 1000 })).toBe(false);
  });
});
