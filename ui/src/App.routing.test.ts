// Routes through the whole app: an environment's page is in the URL, Back and a reload (a new
// App on the same URL) come back to it with the diagram's zoom and pan, and the provision asked
// for on creation runs once, never again on reload or Back.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { clearErrors } from './lib/errors.svelte';
import { setLiveJobs } from './lib/jobs/live-jobs.svelte';
import { pendingEnvironment } from './lib/pending-environment.svelte';
import { fakeApi, SANDBOX_PROFILE } from './test/fake-api';
import { jobOf, summaryOf } from './test/fake-environments-api';

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  clearErrors();
});
afterEach(() => {
  pendingEnvironment.clear();
  setLiveJobs();
});

const withDemo = () => fakeApi({ listEnvironments: vi.fn(async () => [summaryOf('demo')]) });

async function diagramReady(): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('diagram').dataset.ready).toBe('true'));
}

const zoom = (): string | null => screen.getByTestId('diagram-zoom').textContent;
const panned = (): string | null =>
  screen.getByTestId('diagram-svg').querySelector('g[transform]')?.getAttribute('transform') ?? null;

function back(): void {
  window.history.back();
  window.dispatchEvent(new PopStateEvent('popstate'));
}

describe('App routes', { timeout: 20_000 }, () => {
  it('puts an open environment in the URL, and Back and Forward restore it', async () => {
    render(App, { props: { api: withDemo() } });
    await fireEvent.click(await screen.findByTestId('open-environment'));
    expect((await screen.findByTestId('environment-page')).dataset.name).toBe('demo');
    expect(window.location.hash).toBe('#/environments/demo');

    await fireEvent.click(screen.getByTestId('back-to-list'));
    expect(window.location.hash).toBe('#/environments');
    expect(screen.queryByTestId('environment-page')).toBeNull();

    back();
    expect(window.location.hash).toBe('#/environments/demo');
    expect((await screen.findByTestId('environment-page')).dataset.name).toBe('demo');

    window.history.back();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await screen.findByTestId('environment-row');
    window.history.forward();
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect((await screen.findByTestId('environment-page')).dataset.name).toBe('demo');
  });

  it('a reload of an environment URL restores the diagram’s zoom and pan, and keeps a new one', async () => {
    window.history.replaceState(null, '', '/#/environments/demo?z=1.5&x=12&y=-30');
    const first = render(App, { props: { api: withDemo() } });
    await diagramReady();
    expect(zoom()).toBe('150%');
    expect(panned()).toBe('translate(12 -30) scale(1.5)');

    await fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(zoom()).toBe('180%');
    // Leaving (here: the window going away) writes the view still waiting to be written.
    first.unmount();
    expect(window.location.hash).toMatch(/^#\/environments\/demo\?z=1\.8&x=-?[\d.]+&y=-?[\d.]+$/);
    const written = window.location.hash;

    render(App, { props: { api: withDemo() } });
    await diagramReady();
    expect(zoom()).toBe('180%');
    expect(window.location.hash).toBe(written);
  });

  it('starts the provision asked for on creation once, and not again on reload, Back or Forward', async () => {
    pendingEnvironment.set({
      name: 'demo-1',
      blueprint: 'web-and-postgres',
      title: 'Web and Postgres',
      parameters: { environment: 'dev' },
      overrides: {},
      monthlyTotal: 42.5,
    });
    const api = fakeApi({ listProfiles: vi.fn(async () => [SANDBOX_PROFILE]) });
    const first = render(App, { props: { api } });
    await waitFor(() => expect((screen.getByTestId('env-profile') as HTMLSelectElement).value).toBe('sandbox'));
    await fireEvent.click(screen.getByTestId('create-and-provision'));
    await waitFor(() => expect(api.runJob).toHaveBeenCalledTimes(1));
    expect(api.runJob).toHaveBeenCalledWith('provision', 'demo-1', expect.any(Function));
    expect((await screen.findByTestId('environment-page')).dataset.name).toBe('demo-1');
    expect(window.location.hash).toBe('#/environments/demo-1');

    // Back to the list and Forward to the page again: a new page, no new job.
    const loads = vi.mocked(api.getEnvironment).mock.calls.length;
    back();
    await screen.findByTestId('screen-environments');
    window.history.forward();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await screen.findByTestId('environment-page');
    await waitFor(() => expect(vi.mocked(api.getEnvironment).mock.calls.length).toBeGreaterThan(loads));

    // A reload: the same URL in a new App.
    first.unmount();
    const again = vi.mocked(api.getEnvironment).mock.calls.length;
    render(App, { props: { api } });
    expect((await screen.findByTestId('environment-page')).dataset.name).toBe('demo-1');
    await waitFor(() => expect(vi.mocked(api.getEnvironment).mock.calls.length).toBeGreaterThan(again));
    await diagramReady();
    expect(api.runJob).toHaveBeenCalledTimes(1);
  });

  it('opens the job named in the URL, puts a job picked in it, and Back returns to the one before', async () => {
    window.history.replaceState(null, '', '/#/history/jobs/2');
    const api = fakeApi({
      jobHistory: vi.fn(async () => [jobOf(3, 'demo'), jobOf(2, 'demo', { kind: 'teardown' })]),
    });
    render(App, { props: { api } });
    const item = (id: number): HTMLElement => {
      const found = screen.getAllByTestId('job-item').find((j) => j.dataset.job === String(id));
      if (!found) throw new Error(`no job ${id}`);
      return found;
    };
    await waitFor(() => expect(item(2).getAttribute('aria-current')).toBe('true'));
    expect(vi.mocked(api.jobLogTail).mock.lastCall?.[0]).toBe(2);

    await fireEvent.click(item(3));
    expect(window.location.hash).toBe('#/history/jobs/3');
    await waitFor(() => expect(item(3).getAttribute('aria-current')).toBe('true'));

    back();
    expect(window.location.hash).toBe('#/history/jobs/2');
    await waitFor(() => expect(item(2).getAttribute('aria-current')).toBe('true'));
  });

  it('opens the blueprint named in the URL, and names the one picked', async () => {
    window.history.replaceState(null, '', '/#/blueprints/multi-az-three-tier');
    render(App, { props: { api: fakeApi() } });
    await waitFor(() => expect(screen.getByTestId('blueprint-title').textContent).toBe('Multi-AZ three-tier network'));

    const web = (await screen.findAllByTestId('blueprint-item')).find((i) => i.dataset.name === 'web-and-postgres');
    if (!web) throw new Error('no web-and-postgres');
    await fireEvent.click(web);
    expect(window.location.hash).toBe('#/blueprints/web-and-postgres');
    await waitFor(() => expect(screen.getByTestId('blueprint-title').textContent).toBe('Web app and PostgreSQL'));

    back();
    await waitFor(() => expect(screen.getByTestId('blueprint-title').textContent).toBe('Multi-AZ three-tier network'));
  });
});
