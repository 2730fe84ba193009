// Lays a core `Diagram` out with elkjs: the layered algorithm over the whole hierarchy
// (region > VPC > AZ > subnet > resources), edges routed orthogonally with their labels placed.
// The resources of a subnet that no routed edge touches are placed in a grid here, not by ELK
// (`gridUnconnected`). ELK itself, and its worker's life, are `elk-engine.ts`'s.
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import { runElk } from './elk-engine';
import { gridOf, type GridCell } from './grid';
import type { Diagram, DiagramEdge, DiagramNode, ResourceGraph } from '../../lib/bindings';
import { CONTAINER_FONT_SIZE, EDGE_FONT_SIZE, NODE_FONT_SIZE, textWidth, tierFromName } from './labels';
import { curveBetween, labelBoxFor, loopOn } from './geometry';
import type { Box, DiagramLayout, LaidEdge, LaidNode, Point, Tier } from './model';

export const NODE_HEIGHT = 40;
const TAG_WIDTH = 40;
const EMPTY_SUBNET = { width: 176, height: 44 };
const TIER_ORDER: Record<Tier, number> = { public: 0, private: 1, database: 2 };

const ROOT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.spacing.nodeNode': '22',
  'elk.layered.spacing.nodeNodeBetweenLayers': '34',
  'elk.spacing.edgeNode': '14',
  'elk.spacing.edgeEdge': '10',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
};

/** Room above a container's children for its title. */
const PADDING: Record<string, string> = {
  region: '[top=38,left=18,bottom=18,right=18]',
  vpc: '[top=38,left=18,bottom=18,right=18]',
  az: '[top=32,left=14,bottom=14,right=14]',
  subnet: '[top=30,left=12,bottom=12,right=12]',
};

const CONTAINER_KINDS = new Set(['region', 'vpc', 'az', 'subnet']);

/** Subnet tiers from the plan's graph: a subnet that maps public IPs is public whatever its name. */
export function tiersFromGraph(graph: ResourceGraph): Record<string, Tier> {
  const tiers: Record<string, Tier> = {};
  for (const node of graph.nodes) {
    if (node.kind !== 'subnet') continue;
    tiers[node.logical] = node.properties.map_public_ip_on_launch ? 'public' : tierFromName(node.properties.tier);
  }
  return tiers;
}

function tierOf(node: DiagramNode, tiers: Record<string, Tier>): Tier | null {
  if (node.kind !== 'subnet') return null;
  return tiers[node.id] ?? tierFromName(node.label.split(' ')[0] ?? '');
}

function leafSize(node: DiagramNode): { width: number; height: number } {
  if (node.kind === 'subnet') {
    return {
      width: Math.max(EMPTY_SUBNET.width, textWidth(node.label, CONTAINER_FONT_SIZE) + 28),
      height: EMPTY_SUBNET.height,
    };
  }
  const text = textWidth(node.label, NODE_FONT_SIZE);
  const tag = node.kind === 'resource' ? TAG_WIDTH : 0;
  return { width: Math.min(Math.max(text + tag + 26, 120), 280), height: NODE_HEIGHT };
}

/** One edge per (source, target): `tcp 80 from 0.0.0.0/0` + `tcp 443 from 0.0.0.0/0` -> `tcp 80, 443 from 0.0.0.0/0`. */
export function mergeEdges(
  edges: DiagramEdge[],
): { id: string; ids: string[]; source: string; target: string; label: string }[] {
  const groups = new Map<string, DiagramEdge[]>();
  for (const e of edges) {
    const key = `${e.source}\u0000${e.target}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as DiagramEdge;
    return {
      id: first.id,
      ids: group.map((e) => e.id),
      source: first.source,
      target: first.target,
      label: mergeLabels(group.map((e) => e.label)),
    };
  });
}

function mergeLabels(labels: string[]): string {
  const parsed = labels.map((l) => /^(\S+) (.+?)( from .+| \(self\))?$/.exec(l));
  const tails = new Set(parsed.map((m) => m?.[3] ?? ''));
  const protos = new Set(parsed.map((m) => m?.[1] ?? ''));
  if (parsed.every(Boolean) && tails.size === 1 && protos.size === 1) {
    const ports = [...new Set(parsed.map((m) => m?.[2] ?? ''))];
    return `${[...protos][0]} ${ports.join(', ')}${[...tails][0]}`;
  }
  return [...new Set(labels)].join('; ');
}

function ancestors(id: string, parents: Map<string, string | null>): string[] {
  const chain: string[] = [];
  let current: string | null | undefined = parents.get(id);
  while (current) {
    chain.push(current);
    current = parents.get(current);
  }
  return chain;
}

/** The lowest common ancestor of two nodes, or null for the root. */
function commonAncestor(a: string, b: string, parents: Map<string, string | null>): string | null {
  const up = new Set(ancestors(a, parents));
  return ancestors(b, parents).find((id) => up.has(id)) ?? null;
}

function layerConstraint(node: DiagramNode): string | null {
  if (node.kind !== 'resource') return null;
  if (node.resourceKind === 'internet_gateway') return 'FIRST';
  if (node.resourceKind === 'vpc_endpoint' || node.resourceKind === 'flow_log') return 'LAST';
  // Regional services (S3, IAM, logs) sit in a row under the VPC.
  if (node.parent !== null && !node.atEdge && ['s3_bucket', 'iam_role', 'log_group'].includes(node.resourceKind ?? ''))
    return 'LAST';
  return null;
}

/** The AZ a node sits in, if any. */
function azOf(id: string, diagram: Diagram, parents: Map<string, string | null>): string | null {
  const chain = [id, ...ancestors(id, parents)];
  return chain.find((c) => diagram.nodes.find((n) => n.id === c)?.kind === 'az') ?? null;
}

/**
 * More targets than this from one source (a rule from `0.0.0.0/0` to every host of a group) and
 * its edges are drawn as curves, not routed by ELK: ELK's layered layout of the whole hierarchy
 * grows far faster than its edges (a 200-host diagram took 18 s in the web view, a 500-host one
 * minutes; BENCHMARKS.md, "Diagram"), and a fan of curves sharing one label reads as well.
 */
export const FAN_OUT_ROUTED = 6;

/** Sources with more than `FAN_OUT_ROUTED` distinct targets. */
function fannedOut(edges: { source: string; target: string }[]): Set<string> {
  const targets = new Map<string, Set<string>>();
  for (const e of edges) {
    const set = targets.get(e.source) ?? new Set<string>();
    set.add(e.target);
    targets.set(e.source, set);
  }
  return new Set([...targets].filter(([, set]) => set.size > FAN_OUT_ROUTED).map(([source]) => source));
}

/**
 * Edges ELK routes. An edge between two AZs would make ELK put one AZ below the other; those
 * are drawn as curves over the aligned AZs instead, and self-rules as loops. So are the edges
 * of a source that fans out to many targets (`FAN_OUT_ROUTED`).
 */
function routedByElk(
  edge: { source: string; target: string },
  diagram: Diagram,
  parents: Map<string, string | null>,
  fanned: Set<string>,
): boolean {
  if (edge.source === edge.target || fanned.has(edge.source)) return false;
  const a = azOf(edge.source, diagram, parents);
  const b = azOf(edge.target, diagram, parents);
  return !(a && b && a !== b);
}

function parentMap(diagram: Diagram): Map<string, string | null> {
  const known = new Set(diagram.nodes.map((n) => n.id));
  return new Map(diagram.nodes.map((n) => [n.id, n.parent && known.has(n.parent) ? n.parent : null]));
}

function edgeEnds(node: ElkNode, out: Set<string>): void {
  for (const edge of node.edges ?? []) for (const id of [...edge.sources, ...edge.targets]) out.add(id);
  for (const child of node.children ?? []) edgeEnds(child, out);
}

/**
 * Replaces the resources of each subnet that no routed edge (drawn or invisible) touches with
 * one box, the size of their grid, which ELK places like any node; `layoutDiagram` puts them
 * back at the box's place. ELK then lays out a handful of nodes whatever the number of hosts.
 */
function gridUnconnected(root: ElkNode, diagram: Diagram): Map<string, GridCell[]> {
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  const ends = new Set<string>();
  edgeEnds(root, ends);
  const grids = new Map<string, GridCell[]>();
  const visit = (node: ElkNode): void => {
    for (const child of node.children ?? []) visit(child);
    if (byId.get(node.id)?.kind !== 'subnet') return;
    const children = node.children ?? [];
    const loose = children.filter((c) => {
      const n = byId.get(c.id);
      return (
        n?.kind === 'resource' &&
        !n.atEdge &&
        layerConstraint(n) === null &&
        !ends.has(c.id) &&
        (c.children ?? []).length === 0
      );
    });
    if (loose.length < 2) return;
    const grid = gridOf(loose.map((c) => ({ id: c.id, width: c.width ?? 0, height: c.height ?? 0 })));
    const id = `__grid:${node.id}`;
    const first = children.indexOf(loose[0] as ElkNode);
    const gridded = new Set(loose);
    const rest = children.filter((c) => !gridded.has(c));
    rest.splice(first, 0, { id, width: grid.width, height: grid.height });
    node.children = rest;
    grids.set(id, grid.cells);
  };
  visit(root);
  return grids;
}

/**
 * Builds the ELK graph: compound nodes for containers, invisible edges that stack tiers
 * top-down, and a box per subnet for its unconnected resources (`gridUnconnected`).
 */
export function toElkGraph(diagram: Diagram, tiers: Record<string, Tier> = {}): ElkNode {
  return buildElkGraph(diagram, tiers).root;
}

function buildElkGraph(
  diagram: Diagram,
  tiers: Record<string, Tier>,
): { root: ElkNode; grids: Map<string, GridCell[]> } {
  const known = new Set(diagram.nodes.map((n) => n.id));
  const parents = parentMap(diagram);
  const elk = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  const hasChildren = new Set(diagram.nodes.map((n) => parents.get(n.id)).filter((p): p is string => !!p));

  for (const node of diagram.nodes) {
    const options: LayoutOptions = {};
    const isParent = hasChildren.has(node.id);
    if (isParent) options['elk.padding'] = PADDING[node.kind] ?? '[top=30,left=12,bottom=12,right=12]';
    const constraint = layerConstraint(node);
    if (constraint) options['elk.layered.layering.layerConstraint'] = constraint;
    if (node.kind === 'az') options['elk.alignment'] = 'TOP';
    const size = isParent ? {} : leafSize(node);
    elk.set(node.id, { id: node.id, ...size, layoutOptions: options, children: [], edges: [] });
  }
  for (const node of diagram.nodes) {
    const parent = parents.get(node.id);
    const container = parent ? elk.get(parent) : root;
    container?.children?.push(elk.get(node.id) as ElkNode);
  }

  const addEdge = (container: string | null, edge: ElkExtendedEdge): void => {
    (container ? elk.get(container) : root)?.edges?.push(edge);
  };

  // Stack each AZ's subnets public -> private -> database (invisible to the reader).
  const byAz = new Map<string, DiagramNode[]>();
  for (const node of diagram.nodes) {
    const parent = parents.get(node.id);
    if (node.kind === 'subnet' && parent) byAz.set(parent, [...(byAz.get(parent) ?? []), node]);
  }
  for (const [az, subnets] of byAz) {
    const sorted = [...subnets].sort(
      (a, b) => TIER_ORDER[tierOf(a, tiers) ?? 'private'] - TIER_ORDER[tierOf(b, tiers) ?? 'private'],
    );
    sorted.slice(1).forEach((subnet, i) => {
      const above = sorted[i] as DiagramNode;
      addEdge(az, { id: `__stack:${above.id}:${subnet.id}`, sources: [above.id], targets: [subnet.id] });
    });
  }

  // The internet gateway routes to every public subnet: that puts all AZs in one row.
  const igw = diagram.nodes.find((n) => n.resourceKind === 'internet_gateway');
  for (const node of diagram.nodes) {
    if (!igw || node.kind !== 'subnet' || tierOf(node, tiers) !== 'public') continue;
    addEdge(commonAncestor(igw.id, node.id, parents), {
      id: `__route:${node.id}`,
      sources: [igw.id],
      targets: [node.id],
    });
  }

  // Endpoints and flow logs sit under the AZs: after the last tier of every AZ.
  const lastTier = diagram.nodes.filter(
    (n) =>
      n.kind === 'subnet' &&
      !diagram.nodes.some(
        (m) =>
          m.kind === 'subnet' &&
          m.parent === n.parent &&
          TIER_ORDER[tierOf(m, tiers) ?? 'private'] > TIER_ORDER[tierOf(n, tiers) ?? 'private'],
      ),
  );
  for (const node of diagram.nodes) {
    if (layerConstraint(node) !== 'LAST' || !node.atEdge) continue;
    for (const subnet of lastTier) {
      addEdge(commonAncestor(subnet.id, node.id, parents), {
        id: `__below:${subnet.id}:${node.id}`,
        sources: [subnet.id],
        targets: [node.id],
      });
    }
  }

  // Regional services (S3, IAM, logs) in a row under the VPC, not beside it.
  const vpc = diagram.nodes.find((n) => n.kind === 'vpc');
  for (const node of diagram.nodes) {
    if (!vpc || node.kind !== 'resource' || node.parent !== vpc.parent) continue;
    addEdge(node.parent ?? null, { id: `__under:${node.id}`, sources: [vpc.id], targets: [node.id] });
  }

  // An outside source whose rules fan out (the internet to every host) sits above what it
  // reaches, as it does when ELK routes its edges, so its curves come down onto the hosts
  // rather than across them.
  const fanned = fannedOut(diagram.edges);
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  const above = new Set<string>();
  for (const edge of diagram.edges) {
    if (!fanned.has(edge.source) || byId.get(edge.source)?.kind !== 'external' || !known.has(edge.target)) continue;
    const level = parents.get(edge.source) ?? null;
    const reached = [edge.target, ...ancestors(edge.target, parents)].find((id) => (parents.get(id) ?? null) === level);
    const key = `${edge.source}\u0000${reached}`;
    if (!reached || reached === edge.source || above.has(key)) continue;
    above.add(key);
    addEdge(level, { id: `__above:${edge.source}:${reached}`, sources: [edge.source], targets: [reached] });
  }

  for (const edge of mergeEdges(diagram.edges)) {
    if (!known.has(edge.source) || !known.has(edge.target) || !routedByElk(edge, diagram, parents, fanned)) continue;
    const label = {
      id: `${edge.id}:label`,
      text: edge.label,
      width: textWidth(edge.label, EDGE_FONT_SIZE) + 10,
      height: 16,
    };
    addEdge(commonAncestor(edge.source, edge.target, parents), {
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      labels: [label],
    });
  }
  return { root, grids: gridUnconnected(root, diagram) };
}

const AZ_INSET = 14;

/**
 * Widens the subnets of each AZ to the AZ's inner width, so tiers read as full-width bands.
 * Only when the AZ stacks them one per row: their contents (and the edges to them) stay put.
 */
function fillAzWidth(nodes: LaidNode[]): void {
  for (const az of nodes.filter((n) => n.kind === 'az')) {
    const subnets = nodes.filter((n) => n.parent === az.id && n.kind === 'subnet');
    const sharesRow = subnets.some((a, i) =>
      subnets.some((b, j) => i !== j && a.y < b.y + b.height && b.y < a.y + a.height),
    );
    if (sharesRow) continue;
    for (const subnet of subnets) {
      subnet.x = az.x + AZ_INSET;
      subnet.width = az.width - 2 * AZ_INSET;
    }
  }
}

/**
 * What the layout depends on, as a string: two diagrams with the same key lay out the same, so
 * a plan reloaded with the same structure (a job's start or end) need not run ELK again.
 */
export function structureKey(diagram: Diagram, tiers: Record<string, Tier> = {}): string {
  const tierList = Object.entries(tiers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([diagram.nodes, diagram.edges, tierList]);
}

/** Lays the diagram out. Node ids stay the core's (logical names), so states can colour them. */
export async function layoutDiagram(diagram: Diagram, tiers: Record<string, Tier> = {}): Promise<DiagramLayout> {
  const parents = parentMap(diagram);
  const { root, grids } = buildElkGraph(diagram, tiers);
  const out = await runElk(root);

  const gridded = new Map<string, Box>();
  for (const [id, cells] of grids) {
    const grid = out.nodes.get(id);
    for (const { id: cell, dx, dy, width, height } of cells) {
      gridded.set(cell, { x: (grid?.x ?? 0) + dx, y: (grid?.y ?? 0) + dy, width, height });
    }
  }

  const depth = (n: DiagramNode): number => ancestors(n.id, parents).length;
  const nodes: LaidNode[] = diagram.nodes.map((n) => {
    const box = out.nodes.get(n.id) ?? gridded.get(n.id);
    return {
      id: n.id,
      label: n.label,
      kind: n.kind,
      resourceKind: n.resourceKind,
      parent: n.parent,
      atEdge: n.atEdge,
      depth: depth(n),
      container: CONTAINER_KINDS.has(n.kind),
      tier: tierOf(n, tiers),
      x: box?.x ?? 0,
      y: box?.y ?? 0,
      width: box?.width ?? 0,
      height: box?.height ?? 0,
    };
  });
  fillAzWidth(nodes);
  const boxes = new Map<string, Box>(nodes.map((n) => [n.id, n]));
  // Containers first (outermost first), so resources draw on top of them.
  nodes.sort((a, b) => Number(b.container) - Number(a.container) || a.depth - b.depth);

  let width = out.graph.width ?? 0;
  const edges: LaidEdge[] = [];
  const labelled = new Set<string>();
  const fanned = fannedOut(diagram.edges);
  for (const e of mergeEdges(diagram.edges)) {
    const from = boxes.get(e.source);
    const to = boxes.get(e.target);
    if (!from || !to) continue;
    const labelWidth = textWidth(e.label, EDGE_FONT_SIZE) + 10;
    if (e.source === e.target || !routedByElk(e, diagram, parents, fanned)) {
      const shape = e.source === e.target ? 'loop' : 'curve';
      const points = shape === 'loop' ? loopOn(from) : curveBetween(from, to);
      // Curves from one node with the same rule share one label.
      const key = `${e.source}\u0000${e.label}`;
      const labelBox = labelled.has(key) ? null : labelBoxFor({ shape, points }, labelWidth, 16);
      labelled.add(key);
      if (labelBox) width = Math.max(width, labelBox.x + labelBox.width + 8);
      edges.push({ ...e, shape, points, labelBox });
      continue;
    }
    const laid = out.edges.get(e.id);
    const section = laid?.sections?.[0];
    const points: Point[] = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    const l = laid?.labels?.[0];
    const labelBox =
      l && l.x !== undefined && l.y !== undefined
        ? { x: l.x, y: l.y, width: l.width ?? 0, height: l.height ?? 0 }
        : null;
    edges.push({ ...e, shape: 'orthogonal', points, labelBox });
  }

  return { width, height: out.graph.height ?? 0, nodes, edges };
}
