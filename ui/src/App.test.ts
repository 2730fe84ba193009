import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { clearErrors } from './lib/errors.svelte';
import { APP_INFO, fakeApi, SANDBOX_PROFILE, WORK_PROFILE } from './test/fake-api';

function renderApp(api = fakeApi()) {
  const onready = vi.fn();
  const result = render(App, { props: { api, onready } });
  return { ...result, api, onready };
}

describe('App', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
    localStorage.clear();
    clearErrors();
  });

  it('opens on Environments and reports ready once the profiles have loaded, not waiting for app info', async () => {
    let answer: (info: typeof APP_INFO) => void = () => {};
    const api = fakeApi({ appInfo: vi.fn(() => new Promise<typeof APP_INFO>((resolve) => (answer = resolve))) });
    const { onready } = renderApp(api);
    expect(screen.getByTestId('screen-environments')).toBeTruthy();
    // The app info waits for the Sandbox's emulator in the shell: ready comes first.
    await waitFor(() => expect(onready).toHaveBeenCalledOnce());
    expect(api.appInfo).toHaveBeenCalledOnce();
    answer(APP_INFO);
    await waitFor(() => expect(screen.getByTestId('app-version').textContent).toContain(APP_INFO.version));
  });

  it('switches screens from the nav and marks the current item', async () => {
    renderApp();
    for (const name of ['blueprints', 'profiles', 'history', 'environments']) {
      await fireEvent.click(screen.getByTestId(`nav-${name}`));
      expect(screen.getByTestId(`screen-${name}`)).toBeTruthy();
      expect(screen.getAllByTestId(/^screen-/)).toHaveLength(1);
      expect(screen.getByTestId(`nav-${name}`).getAttribute('aria-current')).toBe('page');
      // A screen may name what it shows in the route (the first blueprint, the newest job).
      expect(window.location.hash).toMatch(new RegExp(`^#/${name}(/|$)`));
    }
  });

  it('opens the screen named in the hash', () => {
    window.history.replaceState(null, '', '/#/history');
    renderApp();
    expect(screen.getByTestId('screen-history')).toBeTruthy();
  });

  it('the Environments empty state leads to Blueprints', async () => {
    renderApp();
    await fireEvent.click(await screen.findByTestId('go-to-blueprints'));
    expect(screen.getByTestId('screen-blueprints')).toBeTruthy();
  });

  it('shows the default profile in the header and lists profiles', async () => {
    const api = fakeApi({ listProfiles: vi.fn(async () => [WORK_PROFILE, SANDBOX_PROFILE]) });
    renderApp(api);
    const name = await screen.findByTestId('active-profile-name');
    expect(name.textContent).toBe('sandbox');

    await fireEvent.click(screen.getByTestId('nav-profiles'));
    const rows = screen.getAllByTestId('profile-row');
    expect(rows.map((r) => r.dataset.profile)).toEqual(['work', 'sandbox']);
  });

  it('shows a Sandbox badge with the endpoint only when the sandbox runs', async () => {
    const { unmount } = renderApp();
    await screen.findByTestId('app-version');
    expect(screen.queryByTestId('sandbox-badge')).toBeNull();
    unmount();

    renderApp(
      fakeApi({
        appInfo: vi.fn(async () => ({
          ...APP_INFO,
          sandbox: { endpoint: 'http://127.0.0.1:50123', region: 'us-east-1' },
        })),
      }),
    );
    const badge = await screen.findByTestId('sandbox-badge');
    expect(badge.textContent).toContain('Sandbox');
    const tooltip = within(badge).getByRole('tooltip', { hidden: true });
    expect(tooltip.textContent).toContain('http://127.0.0.1:50123');
    expect(badge.getAttribute('aria-describedby')).toBe(tooltip.id);
  });

  it('shows a failed backend call as an error toast, and still becomes ready', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const api = fakeApi({
      listProfiles: vi.fn(async () => Promise.reject({ code: 'store', message: 'database is locked' })),
    });
    const { onready } = renderApp(api);

    const toast = await screen.findByTestId('error-toast');
    expect(toast.textContent).toContain('database is locked');
    expect(toast.dataset.code).toBe('store');
    expect(consoleError).toHaveBeenCalled();
    await waitFor(() => expect(onready).toHaveBeenCalledOnce());

    await fireEvent.click(within(toast).getByRole('button', { name: 'Dismiss error' }));
    expect(screen.queryByTestId('error-toast')).toBeNull();
  });
});
