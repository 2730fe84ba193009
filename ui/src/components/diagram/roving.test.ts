import { describe, expect, it } from 'vitest';
import { neighbour } from './roving';

// Three in a row, one below the middle, one far to the right and a little lower.
const nodes = [
  { id: 'a', x: 0, y: 0, width: 10, height: 10 },
  { id: 'b', x: 50, y: 0, width: 10, height: 10 },
  { id: 'c', x: 100, y: 0, width: 10, height: 10 },
  { id: 'below', x: 50, y: 60, width: 10, height: 10 },
  { id: 'diagonal', x: 70, y: 30, width: 10, height: 10 },
];

describe('neighbour', () => {
  it('moves along the row, preferring the node level with this one over a nearer diagonal one', () => {
    expect(neighbour(nodes, 'b', 'right')).toBe('c');
    expect(neighbour(nodes, 'b', 'left')).toBe('a');
  });

  it('moves down and up, straight before slanting', () => {
    expect(neighbour(nodes, 'b', 'down')).toBe('below');
    expect(neighbour(nodes, 'diagonal', 'down')).toBe('below');
    expect(neighbour(nodes, 'below', 'up')).toBe('b');
    expect(neighbour(nodes, 'diagonal', 'up')).toBe('b');
  });

  it('stays put at an edge, and starts at the first node when the current one is gone', () => {
    expect(neighbour(nodes, 'a', 'left')).toBe('a');
    expect(neighbour(nodes, 'a', 'up')).toBe('a');
    expect(neighbour(nodes, 'gone', 'right')).toBe('a');
  });
});
