// A shape for each provisioning state, drawn beside the colour so a state never rests on colour
// alone (WCAG 1.4.1). Paths sit in a 10×10 box; keyed by the generated union, so a state the
// engine adds is a type error here until it has a shape.
import type { NodeState } from './model';

export const STATE_ICONS: Record<NodeState, string> = {
  pending: 'M2.5 5h.01M5 5h.01M7.5 5h.01',
  creating: 'M5 8V2M2.5 4.5 5 2l2.5 2.5',
  ready: 'M2 5.3 4.2 7.5 8 2.8',
  failed: 'M2.5 2.5l5 5M7.5 2.5l-5 5',
  deleting: 'M5 2v6M2.5 5.5 5 8l2.5-2.5',
  deleted: 'M2.5 5h5',
  retained: 'M3 5h4v3H3zM4 5V3.8a1 1 0 0 1 2 0V5',
  stopped: 'M3.5 2.5v5M6.5 2.5v5',
};
