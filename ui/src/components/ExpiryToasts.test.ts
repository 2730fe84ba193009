import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { apiContext } from '../lib/context';
import type { EnvironmentExpiring } from '../lib/environments-api';
import { fakeApi } from '../test/fake-api';
import ExpiryToasts from './ExpiryToasts.svelte';

function warning(name: string, timeLeft: string): EnvironmentExpiring {
  return { name, expiresAt: '2026-11-30T18:00:00Z', timeLeft };
}

async function renderToasts(extend?: ReturnType<typeof fakeApi>['extendEnvironment']) {
  let warn: (w: EnvironmentExpiring) => void = () => {};
  const api = fakeApi({
    onEnvironmentExpiring: vi.fn(async (handler) => {
      warn = handler;
      return () => {};
    }),
    ...(extend ? { extendEnvironment: extend } : {}),
  });
  render(ExpiryToasts, { context: apiContext(api) });
  await tick();
  return {
    api,
    warn: async (w: EnvironmentExpiring) => {
      warn(w);
      await tick();
    },
  };
}

describe('the expiry warnings', () => {
  it('shows one toast per environment, the later warning replacing the earlier', async () => {
    const { warn } = await renderToasts();
    await warn(warning('shop-dev', '2h left'));
    await warn(warning('other', '1h 50m left'));
    await warn(warning('shop-dev', '30m left'));
    const toasts = screen.getAllByTestId('expiry-toast');
    expect(toasts.map((t) => t.dataset.name)).toEqual(['other', 'shop-dev']);
    expect(toasts[1]?.textContent).toContain('30m left');
    expect(toasts[1]?.textContent).not.toContain('2h left');
  });

  it('keeps the environment one more hour and then goes', async () => {
    const { api, warn } = await renderToasts();
    await warn(warning('shop-dev', '30m left'));
    await fireEvent.click(screen.getByTestId('expiry-keep'));
    expect(api.extendEnvironment).toHaveBeenCalledWith('shop-dev', '1h');
    await waitFor(() => expect(screen.queryByTestId('expiry-toast')).toBeNull());
  });

  it('stays when keeping fails, so it can be tried again', async () => {
    const refused = vi.fn(async () => {
      throw { code: 'invalid', message: "'shop-dev' is already destroyed" };
    });
    const { warn } = await renderToasts(refused);
    await warn(warning('shop-dev', '30m left'));
    await fireEvent.click(screen.getByTestId('expiry-keep'));
    await waitFor(() => expect(refused).toHaveBeenCalled());
    await tick();
    expect(screen.getByTestId('expiry-toast')).toBeTruthy();
    expect((screen.getByTestId('expiry-keep') as HTMLButtonElement).disabled).toBe(false);
  });

  it('is dismissed without keeping anything', async () => {
    const { api, warn } = await renderToasts();
    await warn(warning('shop-dev', '30m left'));
    await fireEvent.click(screen.getByTestId('expiry-dismiss'));
    expect(screen.queryByTestId('expiry-toast')).toBeNull();
    expect(api.extendEnvironment).not.toHaveBeenCalled();
  });
});
