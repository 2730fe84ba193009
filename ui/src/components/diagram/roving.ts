// Arrow-key movement between diagram nodes (the diagram is one tab stop; arrows move inside it).
// Movement is spatial: the arrow picks the nearest node whose centre lies that way, so the keys
// follow the picture rather than the order nodes happen to be listed in.
import type { Box } from './model';

export type Direction = 'left' | 'right' | 'up' | 'down';

export const ARROWS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

interface Placed extends Box {
  id: string;
}

function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * The id of the node an arrow moves to from `fromId`, or `fromId` itself when nothing lies that
 * way. Distance off the arrow's axis counts double, so Right prefers the node level with this
 * one over a nearer one diagonally below it.
 */
export function neighbour(nodes: readonly Placed[], fromId: string, direction: Direction): string {
  const from = nodes.find((n) => n.id === fromId);
  if (!from) return nodes[0]?.id ?? fromId;
  const c = centre(from);
  let best: { id: string; cost: number } | null = null;
  for (const node of nodes) {
    if (node.id === fromId) continue;
    const p = centre(node);
    const dx = p.x - c.x;
    const dy = p.y - c.y;
    const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0) continue;
    const cost = along + 2 * across;
    if (!best || cost < best.cost) best = { id: node.id, cost };
  }
  return best?.id ?? fromId;
}
