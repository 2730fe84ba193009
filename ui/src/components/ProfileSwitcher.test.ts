import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_PROFILE, WORK_PROFILE } from '../test/fake-api';
import ProfileSwitcher from './ProfileSwitcher.svelte';

function renderSwitcher() {
  const onswitch = vi.fn();
  const onmanage = vi.fn();
  render(ProfileSwitcher, {
    props: { profile: SANDBOX_PROFILE, profiles: [SANDBOX_PROFILE, WORK_PROFILE], onswitch, onmanage },
  });
  return { onswitch, onmanage };
}

describe('the header profile switcher', () => {
  it('shows the default and opens a menu with every profile, the default checked', async () => {
    renderSwitcher();
    expect(screen.getByTestId('active-profile-name').textContent).toBe('sandbox');
    expect(screen.queryByTestId('profile-menu')).toBeNull();
    await fireEvent.click(screen.getByTestId('active-profile'));
    const items = screen.getAllByTestId('profile-menu-item');
    expect(items.map((i) => [i.dataset.profile, i.getAttribute('aria-checked')])).toEqual([
      ['sandbox', 'true'],
      ['work', 'false'],
    ]);
  });

  it('switches the default and closes', async () => {
    const { onswitch } = renderSwitcher();
    await fireEvent.click(screen.getByTestId('active-profile'));
    await fireEvent.click(screen.getAllByTestId('profile-menu-item')[1]!);
    expect(onswitch).toHaveBeenCalledExactlyOnceWith('work');
    expect(screen.queryByTestId('profile-menu')).toBeNull();
  });

  it('leads to the Profiles screen and closes with Escape', async () => {
    const { onmanage, onswitch } = renderSwitcher();
    await fireEvent.click(screen.getByTestId('active-profile'));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('profile-menu')).toBeNull();
    await fireEvent.click(screen.getByTestId('active-profile'));
    await fireEvent.click(screen.getByTestId('profile-menu-manage'));
    expect(onmanage).toHaveBeenCalledOnce();
    expect(onswitch).not.toHaveBeenCalled();
  });
});
