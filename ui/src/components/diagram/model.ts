// The laid-out diagram: what layout.ts computes from a core `Diagram` and what the view and
// the exporters draw. Coordinates are absolute, in diagram units (1 unit = 1 CSS pixel at 100%).
import type { DiagramNodeKind, NodeState, ResourceKind } from '../../lib/bindings';

/** Subnet tiers get distinct colours; everything else about a subnet is in its label. */
export type Tier = 'public' | 'private' | 'database';

/** Provisioning state of a resource, as the engine reports it (keyed by logical name). */
export type { NodeState };
// Keyed by the generated union, so a state the engine adds is a type error here until listed.
const EVERY_NODE_STATE: Record<NodeState, true> = {
  pending: true,
  creating: true,
  ready: true,
  failed: true,
  deleting: true,
  deleted: true,
  retained: true,
  stopped: true,
};
export const NODE_STATES: readonly NodeState[] = Object.keys(EVERY_NODE_STATE) as NodeState[];

/** Why a node failed, as the inspector shows it. */
export interface NodeFailureText {
  awsCode: string | null;
  error: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

export interface LaidNode extends Box {
  id: string;
  label: string;
  kind: DiagramNodeKind;
  resourceKind: ResourceKind | null;
  parent: string | null;
  atEdge: boolean;
  /** Nesting depth: 0 for top-level nodes. */
  depth: number;
  /** True for region, VPC, AZ and subnet boxes (drawn behind, label at the top). */
  container: boolean;
  tier: Tier | null;
}

export interface LaidEdge {
  /** The first merged edge's id. */
  id: string;
  /** Every core edge merged into this one (same source and target). */
  ids: string[];
  source: string;
  target: string;
  label: string;
  points: Point[];
  labelBox: Box | null;
  /**
   * How to draw `points`: `orthogonal` is ELK's route (a polyline); `curve` is a cubic Bézier
   * (start, control, control, end) for edges between AZs, which ELK leaves out so the AZs stay
   * side by side; `loop` is a rule that lets a group talk to itself.
   */
  shape: 'orthogonal' | 'curve' | 'loop';
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
}
