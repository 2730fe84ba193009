// Larger diagrams for the layout and drawing tests, built on the small real one.
import type { Diagram } from '../../lib/bindings';
import { SMALL_DIAGRAM } from '../../test/blueprint-fixtures';

/**
 * SMALL_DIAGRAM plus `count` hosts in subnet.public-a that no rule reaches, or with `fan`, that
 * one rule from the internet reaches (drawn as curves, not routed by ELK).
 */
export function withHosts(count: number, { fan = false } = {}): Diagram {
  const hosts = Array.from({ length: count }, (_, i) => ({
    id: `instance.host-${i}`,
    label: `EC2 host-${i} (t3.micro)`,
    kind: 'resource' as const,
    parent: 'subnet.public-a',
    resourceKind: 'instance' as const,
    atEdge: false,
  }));
  const rules = hosts.map((host, i) => ({
    id: `fan${i}`,
    source: 'cidr:0.0.0.0/0',
    target: host.id,
    label: 'tcp 22 from 0.0.0.0/0',
    kind: 'security_rule' as const,
  }));
  return { nodes: [...SMALL_DIAGRAM.nodes, ...hosts], edges: [...SMALL_DIAGRAM.edges, ...(fan ? rules : [])] };
}
