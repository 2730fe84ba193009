import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SMALL_DIAGRAM, planFor } from '../../test/blueprint-fixtures';
import Diagram from './Diagram.svelte';

const properties = Object.fromEntries(planFor().steps.map((s) => [s.logical, s.properties]));

async function rendered(props: Record<string, unknown> = {}) {
  const result = render(Diagram, { props: { diagram: SMALL_DIAGRAM, properties, mermaid: 'flowchart TB', ...props } });
  await waitFor(() => expect(screen.getByTestId('diagram').dataset.ready).toBe('true'));
  return result;
}

function node(id: string): HTMLElement {
  const found = screen.getAllByTestId('diagram-node').find((n) => n.dataset.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

describe('Diagram', () => {
  it('draws every node and rule of the diagram', async () => {
    await rendered();
    const ids = screen.getAllByTestId('diagram-node').map((n) => n.dataset.id);
    expect(ids.sort()).toEqual(SMALL_DIAGRAM.nodes.map((n) => n.id).sort());
    expect(screen.getAllByTestId('diagram-edge')).toHaveLength(3);
    expect(screen.getByTestId('diagram-svg').textContent).toContain('tcp 80, 443 from 0.0.0.0/0');
  });

  it('shows a node’s kind, logical name and planned properties when clicked', async () => {
    await rendered();
    expect(screen.queryByTestId('diagram-inspector')).toBeNull();
    await fireEvent.click(node('instance.app'));
    const inspector = screen.getByTestId('diagram-inspector');
    expect(inspector.textContent).toContain('EC2 instance');
    expect(within(inspector).getByTestId('inspector-logical').textContent).toBe('instance.app');
    const props = within(inspector).getByTestId('inspector-properties').textContent ?? '';
    expect(props).toContain('instance_type');
    expect(props).toContain('t3.small');
    expect(props).toContain('size_gb=30');

    await fireEvent.click(within(inspector).getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('diagram-inspector')).toBeNull();
  });

  it('colours nodes by provisioning state and shows the states legend', async () => {
    await rendered({ states: { 'instance.app': 'ready', 'rds_instance.postgres': 'failed' } });
    expect(node('instance.app').dataset.state).toBe('ready');
    expect(node('rds_instance.postgres').dataset.state).toBe('failed');
    expect(node('internet_gateway.main').dataset.state).toBeUndefined();
    expect(screen.getAllByTestId('legend-state').map((s) => s.textContent?.trim())).toEqual([
      'Pending',
      'Creating',
      'Ready',
      'Failed',
      'Deleting',
      'Deleted',
      'Kept',
      'Stopped',
    ]);
  });

  it('has no states legend without states', async () => {
    await rendered();
    expect(screen.queryAllByTestId('legend-state')).toHaveLength(0);
    expect(screen.getByTestId('diagram-legend').textContent).toContain('Database subnet');
  });

  it('zooms with the buttons and exposes its SVG export to the page', async () => {
    await rendered();
    const zoom = screen.getByTestId('diagram-zoom');
    const before = zoom.textContent;
    await fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(zoom.textContent).not.toBe(before);
    await fireEvent.click(screen.getByTestId('diagram-fit'));
    expect(zoom.textContent).toBe(before);

    const svg = window.__hangarDiagram?.svg() ?? '';
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(svg).toContain('RDS postgres 15');
    expect(window.__hangarDiagram?.mermaid()).toBe('flowchart TB');
  });
  it('pans by dragging without selecting, zooms with the wheel and keys, and closes the inspector with Escape', async () => {
    await rendered();
    const viewport = screen.getByRole('application');
    const zoom = screen.getByTestId('diagram-zoom');
    const moved = (): string | null =>
      screen.getByTestId('diagram-svg').querySelector('g[transform]')?.getAttribute('transform') ?? null;
    const fitted = zoom.textContent;
    const start = moved();

    const target = node('instance.app');
    await fireEvent.pointerDown(target, { button: 0, pointerId: 1, clientX: 100, clientY: 100 });
    await fireEvent.pointerMove(target, { pointerId: 1, clientX: 140, clientY: 120 });
    expect(viewport.classList.contains('dragging')).toBe(true);
    await fireEvent.pointerUp(target, { pointerId: 1, clientX: 140, clientY: 120 });
    await fireEvent.click(target);
    expect(viewport.classList.contains('dragging')).toBe(false);
    expect(moved()).not.toBe(start);
    expect(screen.queryByTestId('diagram-inspector')).toBeNull();

    await fireEvent.keyDown(viewport, { key: '+' });
    expect(zoom.textContent).not.toBe(fitted);
    await fireEvent.keyDown(viewport, { key: '0' });
    expect(zoom.textContent).toBe(fitted);
    expect(moved()).toBe(start);
    await fireEvent.wheel(viewport, { deltaY: 200, clientX: 10, clientY: 10 });
    expect(zoom.textContent).not.toBe(fitted);
    await fireEvent.keyDown(viewport, { key: '0' });

    await fireEvent.pointerDown(target, { button: 0, pointerId: 2, clientX: 100, clientY: 100 });
    await fireEvent.pointerUp(target, { pointerId: 2, clientX: 100, clientY: 100 });
    await fireEvent.click(target);
    expect(screen.getByTestId('diagram-inspector')).toBeTruthy();
    await fireEvent.keyDown(target, { key: 'Escape' });
    expect(screen.queryByTestId('diagram-inspector')).toBeNull();
    await fireEvent.keyDown(target, { key: 'Enter' });
    expect(screen.getByTestId('inspector-logical').textContent).toBe('instance.app');
  });

  it('is one tab stop: Tab lands on one node, arrows move between nodes, Tab leaves the diagram', async () => {
    const user = userEvent.setup();
    await rendered();
    const nodes = screen.getAllByTestId('diagram-node');
    expect(nodes.filter((n) => n.getAttribute('tabindex') === '0')).toHaveLength(1);

    const exportButton = screen.getByTestId('copy-mermaid');
    exportButton.focus();
    await user.tab();
    const first = document.activeElement as HTMLElement;
    expect(first.dataset.testid).toBe('diagram-node');

    await user.keyboard('{ArrowRight}');
    const second = document.activeElement as HTMLElement;
    expect(second.dataset.testid).toBe('diagram-node');
    expect(second.dataset.id).not.toBe(first.dataset.id);
    expect(second.getAttribute('tabindex')).toBe('0');
    expect(first.getAttribute('tabindex')).toBe('-1');
    await user.keyboard('{Home}');
    expect((document.activeElement as HTMLElement).dataset.id).toBe(first.dataset.id);
    await user.keyboard('{End}');
    expect((document.activeElement as HTMLElement).dataset.id).not.toBe(first.dataset.id);

    await user.tab();
    expect((document.activeElement as HTMLElement).dataset.testid).not.toBe('diagram-node');
  });

  it('names the diagram and each node with its kind and state, and marks the state with a shape', async () => {
    await rendered({
      states: { 'instance.app': 'ready', 'rds_instance.postgres': 'failed' },
      title: 'web-and-postgres',
    });
    expect(screen.getByRole('group', { name: /^web-and-postgres: \d+ nodes/ })).toBeTruthy();
    expect(node('instance.app').getAttribute('aria-label')).toMatch(/, EC2 instance, Ready$/);
    // What is drawn as text and not hidden is in the name too (axe: label-content-name-mismatch).
    const shown = [...node('instance.app').querySelectorAll('text:not([aria-hidden="true"])')].map(
      (t) => t.textContent,
    );
    for (const text of shown) expect(node('instance.app').getAttribute('aria-label')).toContain(text);
    expect(node('rds_instance.postgres').getAttribute('aria-label')).toMatch(/, Failed$/);
    expect(node('internet_gateway.main').getAttribute('aria-label')).not.toMatch(/Ready|Failed|Pending/);
    const icons = screen.getAllByTestId('node-state-icon');
    expect(icons.map((i) => i.dataset.state).sort()).toEqual(['failed', 'ready']);
    const shapes = icons.map((i) => i.querySelector('path')?.getAttribute('d'));
    expect(new Set(shapes).size).toBe(2);
  });
});
