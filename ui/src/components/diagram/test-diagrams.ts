// Larger diagrams for the layout and drawing tests, built on the small real one.
import type { Diagram } from '../../lib/bindings';
import { SMALL_DIAGRAM } from '../../test/blueprint-fixtures';

/** SMALL_DIAGRAM plus `count` hosts in subnet.public-a that no rule reaches. */
export function withHosts(count: number): Diagram {
  const hosts = Array.from({ length: count }, (_, i) => ({
    id: `instance.host-${i}`,
    label: `EC2 host-${i} (t3.micro)`,
    kind: 'resource' as const,
    parent: 'subnet.public-a',
    resourceKind: 'instance' as const,
    atEdge: false,
  }));
  return { nodes: [...SMALL_DIAGRAM.nodes, ...hosts], edges: SMALL_DIAGRAM.edges };
}
