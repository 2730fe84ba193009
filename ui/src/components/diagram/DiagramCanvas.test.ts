// What the canvas leaves out of a large diagram (text when zoomed out, nodes out of view), and
// that the keyboard still reaches every node.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import DiagramCanvas from './DiagramCanvas.svelte';
import { layoutDiagram } from './layout';
import type { Box } from './model';
import { withHosts } from './test-diagrams';
import type { Transform } from './viewport';

async function draw(transform: Transform, view = { width: 400, height: 300 }) {
  const layout = await layoutDiagram(withHosts(200, { fan: true }));
  const onreveal = vi.fn<(box: Box) => void>();
  render(DiagramCanvas, {
    props: {
      layout,
      transform,
      view,
      states: {},
      selectedId: null,
      title: 'big',
      ontoggle: () => {},
      onpick: () => {},
      onreveal,
    },
  });
  return { layout, onreveal, drawn: () => screen.getAllByTestId('diagram-node').map((n) => n.dataset.id) };
}

describe('DiagramCanvas', () => {
  it('draws only the nodes in and near the view, and the keyboard still reaches the others', async () => {
    const user = userEvent.setup();
    const { layout, onreveal, drawn } = await draw({ x: 0, y: 0, k: 1 });
    const resources = layout.nodes.filter((n) => !n.container);
    expect(drawn().length).toBeLessThan(layout.nodes.length / 2);
    const last = resources[resources.length - 1] as Box & { id: string };
    expect(drawn()).not.toContain(last.id);

    await user.tab();
    const first = document.activeElement as HTMLElement;
    expect(first.dataset.testid).toBe('diagram-node');
    await user.keyboard('{End}');
    expect((document.activeElement as HTMLElement).dataset.id).toBe(last.id);
    expect(onreveal).toHaveBeenCalledWith(expect.objectContaining({ x: last.x, y: last.y }));
    await user.keyboard('{Home}');
    expect((document.activeElement as HTMLElement).dataset.id).toBe(first.dataset.id);
  });

  it('draws every node when the view’s size is not known', async () => {
    const { layout, drawn } = await draw({ x: 0, y: 0, k: 1 }, { width: 0, height: 0 });
    expect(drawn()).toHaveLength(layout.nodes.length);
  });

  it('draws names only at a zoom where they can be read; the buttons keep them', async () => {
    const { layout } = await draw({ x: 0, y: 0, k: 0.2 }, { width: 4000, height: 4000 });
    const svg = screen.getByTestId('diagram-svg');
    expect(svg.querySelectorAll('text.label')).toHaveLength(0);
    const host = screen.getAllByTestId('diagram-node').find((n) => n.dataset.id === 'instance.host-7');
    expect(host?.getAttribute('aria-label')).toBe('EC2 host-7 (t3.micro), EC2 instance');
    expect(screen.getAllByTestId('diagram-node')).toHaveLength(layout.nodes.length);
    // The internet's 201 curves (to the hosts, and to the app) are one path; each rule's label once.
    const fans = screen.getAllByTestId('diagram-fan');
    expect(fans).toHaveLength(1);
    expect(fans[0]?.querySelector('path')?.getAttribute('d')?.match(/M/g)).toHaveLength(201);
    expect([...(fans[0]?.querySelectorAll('text') ?? [])].map((t) => t.textContent)).toEqual([
      'tcp 80, 443 from 0.0.0.0/0',
      'tcp 22 from 0.0.0.0/0',
    ]);
    const single = screen.queryAllByTestId('diagram-edge');
    expect(single.map((e) => e.dataset.source)).not.toContain('cidr:0.0.0.0/0');
    expect(single.length).toBeGreaterThan(0);
  });

  it('draws the names from a zoom of 35%', async () => {
    await draw({ x: 0, y: 0, k: 0.35 }, { width: 0, height: 0 });
    const labels = [...screen.getByTestId('diagram-svg').querySelectorAll('text.label')].map((t) => t.textContent);
    expect(labels).toContain('EC2 host-7 (t3.micro)');
    expect(screen.queryAllByTestId('diagram-fan')).toHaveLength(0);
    const fan = screen.getAllByTestId('diagram-edge').filter((e) => e.dataset.source === 'cidr:0.0.0.0/0');
    expect(fan).toHaveLength(201);
  });
});
