import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { THEME_KEY } from '../lib/theme';
import ThemeToggle from './ThemeToggle.svelte';

let osDark = false;
let osListener: (() => void) | null = null;

describe('the theme choice', () => {
  beforeEach(() => {
    localStorage.clear();
    delete document.documentElement.dataset.theme;
    osDark = false;
    osListener = null;
    vi.stubGlobal('matchMedia', () => ({
      get matches() {
        return osDark;
      },
      addEventListener: (_: string, listener: () => void) => (osListener = listener),
      removeEventListener: () => {},
    }));
  });

  it('follows the system until a theme is picked, and again once System is chosen', async () => {
    render(ThemeToggle);
    const select = screen.getByRole('combobox', { name: 'Theme' }) as HTMLSelectElement;
    expect(select.value).toBe('system');
    expect(document.documentElement.dataset.theme).toBe('light');
    osDark = true;
    osListener?.();
    expect(document.documentElement.dataset.theme).toBe('dark');

    await fireEvent.change(select, { target: { value: 'light' } });
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
    osListener?.();
    expect(document.documentElement.dataset.theme).toBe('light');

    await fireEvent.change(select, { target: { value: 'system' } });
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('restores the persisted pick on the next start', () => {
    localStorage.setItem(THEME_KEY, 'dark');
    render(ThemeToggle);
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect((screen.getByTestId('theme-choice') as HTMLSelectElement).value).toBe('dark');
  });
});
