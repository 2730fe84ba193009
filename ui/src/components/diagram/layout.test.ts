import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { describe, expect, it, vi } from 'vitest';
import { SMALL_DIAGRAM, VPC_SPEC, subnetSpec as subnet } from '../../test/blueprint-fixtures';
import { escapeXml, toSvg } from './export';
import { ENGINE_IDLE_MS, layoutEngineAlive } from './elk-engine';
import { gridOf } from './grid';
import { FAN_OUT_ROUTED, layoutDiagram, mergeEdges, tiersFromGraph, toElkGraph } from './layout';
import type { Box } from './model';
import { withHosts } from './test-diagrams';

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width + 0.5 &&
    inner.y + inner.height <= outer.y + outer.height + 0.5
  );
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function elkIds(node: ElkNode): string[] {
  return (node.children ?? []).flatMap((c) => [c.id, ...elkIds(c)]);
}

describe('diagram layout', () => {
  it('positions every node, each inside its container', async () => {
    const layout = await layoutDiagram(SMALL_DIAGRAM);
    expect(layout.nodes).toHaveLength(SMALL_DIAGRAM.nodes.length);
    expect(layout.width).toBeGreaterThan(0);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const node of layout.nodes) {
      expect(node.width, node.id).toBeGreaterThan(0);
      expect(node.height, node.id).toBeGreaterThan(0);
      const parent = node.parent ? byId.get(node.parent) : undefined;
      if (parent) expect(inside(node, parent), `${node.id} inside ${parent.id}`).toBe(true);
    }
    // Subnets stack public over private inside an AZ.
    const pub = byId.get('subnet.public-a');
    const priv = byId.get('subnet.private-a');
    expect(pub && priv && pub.y + pub.height <= priv.y).toBe(true);
    expect(byId.get('subnet.public-b')?.tier).toBe('public');
    expect(byId.get('subnet.private-b')?.tier).toBe('private');
  });

  it('routes security-group rules, merging rules between the same two nodes', async () => {
    const layout = await layoutDiagram(SMALL_DIAGRAM);
    const internet = layout.edges.find((e) => e.source === 'cidr:0.0.0.0/0');
    expect(internet?.label).toBe('tcp 80, 443 from 0.0.0.0/0');
    expect(internet?.ids).toEqual(['e0', 'e1']);
    expect(internet?.points.length).toBeGreaterThanOrEqual(2);
    const selfRule = SMALL_DIAGRAM.edges.find((e) => e.source === e.target);
    expect(selfRule, 'the fixture has a self rule').toBeDefined();
    expect(layout.edges.find((e) => e.id === selfRule?.id)?.shape).toBe('loop');
    expect(mergeEdges(SMALL_DIAGRAM.edges)).toHaveLength(3);
  });

  it('draws a rule that fans out to many hosts as curves sharing one label, not ELK routes', async () => {
    const hosts = Array.from({ length: FAN_OUT_ROUTED + 4 }, (_, i) => `instance.host-${i}`);
    const diagram = {
      nodes: [
        ...SMALL_DIAGRAM.nodes,
        ...hosts.map((id) => ({
          id,
          label: id,
          kind: 'resource' as const,
          parent: 'subnet.public-a',
          resourceKind: 'instance' as const,
          atEdge: false,
        })),
      ],
      edges: [
        ...SMALL_DIAGRAM.edges,
        ...hosts.map((target, i) => ({
          id: `fan${i}`,
          source: 'cidr:0.0.0.0/0',
          target,
          label: 'tcp 22 from 0.0.0.0/0',
          kind: 'security_rule' as const,
        })),
      ],
    };
    const edgeIds = (node: ElkNode): string[] => [
      ...(node.edges ?? []).map((e) => e.id),
      ...(node.children ?? []).flatMap(edgeIds),
    ];
    const routed = edgeIds(toElkGraph(diagram));
    expect(routed.some((id) => id.startsWith('fan'))).toBe(false);
    const layout = await layoutDiagram(diagram);
    const fan = layout.edges.filter((e) => e.id.startsWith('fan'));
    expect(fan).toHaveLength(hosts.length);
    expect(fan.every((e) => e.shape === 'curve' && e.points.length > 1)).toBe(true);
    expect(fan.filter((e) => e.labelBox !== null)).toHaveLength(1);
    // The internet sits above the hosts it reaches, so its curves come down onto them.
    const internet = layout.nodes.find((n) => n.id === 'cidr:0.0.0.0/0') as Box;
    const top = Math.min(...layout.nodes.filter((n) => hosts.includes(n.id)).map((n) => n.y));
    expect(internet.y + internet.height).toBeLessThanOrEqual(top);
  });

  it('lays the unconnected hosts of a subnet out in a grid of their own, not with ELK', async () => {
    const diagram = withHosts(100);
    const sent = elkIds(toElkGraph(diagram));
    // ELK gets one box for the hosts and the NAT gateway (no rule reaches either)...
    expect(sent.filter((id) => id.startsWith('instance.host-') || id === 'nat_gateway.a')).toEqual([]);
    expect(sent.length).toBeLessThan(SMALL_DIAGRAM.nodes.length + 2);
    // ...and still lays out what rules connect.
    expect(sent).toContain('instance.app');
    expect(sent).toContain('rds_instance.postgres');

    const layout = await layoutDiagram(diagram);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    const subnet = byId.get('subnet.public-a') as Box;
    const gridded = layout.nodes.filter((n) => n.id.startsWith('instance.host-') || n.id === 'nat_gateway.a');
    expect(gridded).toHaveLength(101);
    for (const node of gridded) {
      expect(node.width, node.id).toBeGreaterThan(0);
      expect(inside(node, subnet), `${node.id} inside its subnet`).toBe(true);
    }
    const inSubnet = layout.nodes.filter((n) => n.parent === 'subnet.public-a');
    for (const [i, a] of inSubnet.entries()) {
      for (const b of inSubnet.slice(i + 1)) expect(overlap(a, b), `${a.id} and ${b.id}`).toBe(false);
    }
    // Rows and columns, a little wider than tall (as the view is): not one row 100 hosts long.
    const right = Math.max(...gridded.map((n) => n.x + n.width)) - Math.min(...gridded.map((n) => n.x));
    const down = Math.max(...gridded.map((n) => n.y + n.height)) - Math.min(...gridded.map((n) => n.y));
    expect(right / down).toBeGreaterThan(1);
    expect(right / down).toBeLessThan(2.5);
    // In the blueprint's order, left to right.
    const h0 = byId.get('instance.host-0') as Box;
    const h1 = byId.get('instance.host-1') as Box;
    expect(h0.y).toBe(h1.y);
    expect(h0.x + h0.width).toBeLessThan(h1.x);
  });

  it('keeps a handful of hosts in one row', () => {
    const grid = gridOf(Array.from({ length: 3 }, (_, i) => ({ id: `h${i}`, width: 150, height: 40 })));
    expect(new Set(grid.cells.map((c) => c.dy))).toEqual(new Set([0]));
    expect(grid.height).toBe(40);
    expect(grid.width).toBe(3 * 150 + 2 * 22);
    // Each column as wide as its widest node.
    const mixed = gridOf([
      { id: 'a', width: 100, height: 40 },
      { id: 'b', width: 260, height: 40 },
      ...Array.from({ length: 30 }, (_, i) => ({ id: `h${i}`, width: 120, height: 40 })),
    ]);
    const columns = [...new Set(mixed.cells.map((c) => c.dx))].sort((x, y) => x - y);
    expect((columns[2] ?? 0) - (columns[1] ?? 0)).toBe(260 + 22);
  });

  it('reads tiers from the plan graph: a subnet that maps public IPs is public', () => {
    const tiers = tiersFromGraph({
      nodes: [
        {
          logical: 'subnet.app-1',
          kind: 'subnet',
          properties: subnet('app', true),
          dependsOn: [],
          source: '',
          az: null,
          subnet: null,
        },
        {
          logical: 'subnet.data-1',
          kind: 'subnet',
          properties: subnet('data', false),
          dependsOn: [],
          source: '',
          az: null,
          subnet: null,
        },
        { logical: 'vpc.main', kind: 'vpc', properties: VPC_SPEC, dependsOn: [], source: '', az: null, subnet: null },
      ],
    });
    expect(tiers).toEqual({ 'subnet.app-1': 'public', 'subnet.data-1': 'database' });
  });
});

describe('SVG export', () => {
  it('is a well-formed standalone SVG holding the labels and the rules', async () => {
    const layout = await layoutDiagram({
      ...SMALL_DIAGRAM,
      nodes: SMALL_DIAGRAM.nodes.map((n) => (n.id === 'instance.app' ? { ...n, label: 'EC2 "app" <web> & co' } : n)),
    });
    const svg = toSvg(layout, { title: 'web & db', states: { 'instance.app': 'ready' } });
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const text = doc.documentElement.textContent ?? '';
    for (const label of [
      'VPC 10.0.0.0/16',
      'us-east-1a',
      'public 10.0.1.0/24',
      'EC2 "app" <web> & co',
      'RDS postgres 15',
      'tcp 5432 from app',
    ]) {
      expect(text).toContain(label);
    }
    expect(doc.querySelectorAll('g.edge[data-kind="security_rule"]').length).toBe(3);
    expect(doc.querySelector('g[data-id="instance.app"]')?.getAttribute('data-state')).toBe('ready');
    // Inline presentation attributes, no stylesheet: it renders outside the app.
    expect(svg).not.toContain('<style');
    expect(svg).not.toContain('var(--');
  });

  it('escapes XML', () => {
    expect(escapeXml(`a<b>&"c"'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;');
  });
});

describe('the layout engine', () => {
  it('is ended once idle, and started again by the next layout', async () => {
    // ELK's stand-in worker answers through timers of its own: let those run with the clock.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await layoutDiagram(SMALL_DIAGRAM);
      expect(layoutEngineAlive()).toBe(true);
      vi.advanceTimersByTime(ENGINE_IDLE_MS / 2);
      expect(layoutEngineAlive()).toBe(true);
      vi.advanceTimersByTime(ENGINE_IDLE_MS / 2);
      expect(layoutEngineAlive()).toBe(false);
      const again = await layoutDiagram(SMALL_DIAGRAM);
      expect(again.nodes.length).toBeGreaterThan(0);
      expect(layoutEngineAlive()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
