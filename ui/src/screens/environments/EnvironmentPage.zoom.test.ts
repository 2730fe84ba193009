// A job's start and end reload the environment's plan: the diagram keeps its layout (ELK is not
// run again for the same structure) and the user's zoom.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { layoutDiagram } from '../../components/diagram/layout';
import type { Event as JobEvent, JobKind, JobView } from '../../lib/bindings';
import { apiContext } from '../../lib/context';
import { setLiveJobs } from '../../lib/jobs/live-jobs.svelte';
import { fakeApi } from '../../test/fake-api';
import { detailOf, jobOf } from '../../test/fake-environments-api';
import EnvironmentPage from './EnvironmentPage.svelte';

vi.mock('../../components/diagram/layout', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../components/diagram/layout')>();
  return { ...original, layoutDiagram: vi.fn(original.layoutDiagram) };
});

afterEach(() => setLiveJobs());

describe('Environment page diagram', () => {
  it('keeps the layout and the zoom across a job’s start and end', { timeout: 20_000 }, async () => {
    vi.mocked(layoutDiagram).mockClear();
    let finish: () => void = () => {};
    const api = fakeApi({
      runJob: vi.fn(
        (kind: JobKind, name: string, _onEvent: (e: JobEvent) => void) =>
          new Promise<JobView>((resolve) => (finish = () => resolve(jobOf(3, name, { kind })))),
      ),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    await waitFor(() => expect(screen.getByTestId('diagram').dataset.ready).toBe('true'));
    await fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    const zoomed = screen.getByTestId('diagram-zoom').textContent;

    // Each load answers a new plan object with the same structure, as the backend does.
    vi.mocked(api.getEnvironment).mockImplementation(async (name) =>
      detailOf(name, 'ready', { jobs: [jobOf(3, name)], nextJobs: [{ action: 'refresh', kind: 'refresh' }] }),
    );
    const loads = vi.mocked(api.getEnvironment).mock.calls.length;
    // A change event (another window, a job's start) reloads the page.
    const changed = vi.mocked(api.onEnvironmentsChanged).mock.calls[0]?.[0];
    changed?.();
    await waitFor(() => expect(vi.mocked(api.getEnvironment).mock.calls.length).toBeGreaterThan(loads));
    await waitFor(() => expect(screen.getByTestId('environment-page').dataset.status).toBe('ready'));
    await fireEvent.click(await screen.findByTestId('refresh'));
    await waitFor(() => expect(api.runJob).toHaveBeenCalledOnce());
    finish();
    await waitFor(() => expect(vi.mocked(api.getEnvironment).mock.calls.length).toBeGreaterThan(loads + 1));
    await waitFor(() => expect(screen.getByTestId('refresh')).toBeTruthy());

    expect(layoutDiagram).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('diagram-zoom').textContent).toBe(zoomed);
  });
});
