// The diagram lays out again only when its structure changes, and keeps the user's zoom and
// pan across a new plan object (a job's start and end reload the plan).
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { SMALL_DIAGRAM } from '../../test/blueprint-fixtures';
import Diagram from './Diagram.svelte';
import { layoutDiagram } from './layout';

vi.mock('./layout', async (importOriginal) => {
  const original = await importOriginal<typeof import('./layout')>();
  return { ...original, layoutDiagram: vi.fn(original.layoutDiagram) };
});

const zoom = (): string | null => screen.getByTestId('diagram-zoom').textContent;
const panned = (): string | null =>
  screen.getByTestId('diagram-svg').querySelector('g[transform]')?.getAttribute('transform') ?? null;

async function ready(): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('diagram').dataset.ready).toBe('true'));
}

describe('Diagram layout runs', () => {
  it('does not run ELK again, nor fit, when an equal diagram comes in with new states', async () => {
    vi.mocked(layoutDiagram).mockClear();
    const { rerender } = render(Diagram, { props: { diagram: SMALL_DIAGRAM } });
    await ready();
    expect(layoutDiagram).toHaveBeenCalledTimes(1);
    const fitted = zoom();
    await fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    const zoomed = zoom();
    const where = panned();
    expect(zoomed).not.toBe(fitted);

    // What a reload of the plan hands in: the same structure as new objects, other states.
    await rerender({ diagram: structuredClone(SMALL_DIAGRAM), states: { 'instance.app': 'creating' } });
    await rerender({ diagram: structuredClone(SMALL_DIAGRAM), states: { 'instance.app': 'ready' } });
    expect(layoutDiagram).toHaveBeenCalledTimes(1);
    expect(zoom()).toBe(zoomed);
    expect(panned()).toBe(where);
  });

  it('lays out again when a node goes, and still keeps the zoom', async () => {
    vi.mocked(layoutDiagram).mockClear();
    const { rerender } = render(Diagram, { props: { diagram: SMALL_DIAGRAM } });
    await ready();
    await fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    const zoomed = zoom();

    const gone = 'instance.app';
    await rerender({
      diagram: {
        nodes: SMALL_DIAGRAM.nodes.filter((n) => n.id !== gone),
        edges: SMALL_DIAGRAM.edges.filter((e) => e.source !== gone && e.target !== gone),
      },
    });
    await waitFor(() => expect(layoutDiagram).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getAllByTestId('diagram-node').some((n) => n.dataset.id === gone)).toBe(false));
    expect(zoom()).toBe(zoomed);
  });

  it('starts from a view handed in instead of fitting, and reports the user’s changes only', async () => {
    const onviewchange = vi.fn();
    render(Diagram, { props: { diagram: SMALL_DIAGRAM, view: { k: 1.5, x: 12, y: -30 }, onviewchange } });
    await ready();
    expect(zoom()).toBe('150%');
    expect(panned()).toBe('translate(12 -30) scale(1.5)');
    expect(onviewchange).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect(onviewchange).toHaveBeenCalledTimes(1);
    expect(onviewchange.mock.calls[0]?.[0].k).toBeCloseTo(1.25);
  });
});
