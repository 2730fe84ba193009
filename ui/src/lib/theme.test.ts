import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentTheme, followSystem, initTheme, setTheme, storedTheme, THEME_KEY, toggleTheme } from './theme';

/** A matchMedia whose dark-mode answer the test controls. */
function stubSystem(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
  };
  vi.stubGlobal('matchMedia', () => query);
  return {
    set(next: boolean) {
      dark = next;
      listeners.forEach((fn) => fn());
    },
    listeners,
  };
}

describe('theme', () => {
  beforeEach(() => {
    localStorage.clear();
    delete document.documentElement.dataset.theme;
  });
  afterEach(() => localStorage.clear());

  it('follows the OS when the user has not picked', () => {
    stubSystem(true);
    expect(storedTheme()).toBeNull();
    expect(currentTheme()).toBe('dark');
    stubSystem(false);
    expect(currentTheme()).toBe('light');
  });

  it('toggle flips the theme, applies it and persists it', () => {
    stubSystem(false);
    expect(toggleTheme()).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');

    expect(toggleTheme()).toBe('light');
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('a stored pick beats the OS, and survives a restart', () => {
    stubSystem(true);
    setTheme('light');
    // A "restart": only localStorage carries over.
    delete document.documentElement.dataset.theme;
    const stop = initTheme();
    expect(document.documentElement.dataset.theme).toBe('light');
    stop();
  });

  it('ignores garbage in storage', () => {
    stubSystem(true);
    localStorage.setItem(THEME_KEY, 'purple');
    expect(storedTheme()).toBeNull();
    expect(currentTheme()).toBe('dark');
  });

  it('tracks OS changes only while there is no pick', () => {
    const system = stubSystem(false);
    const seen: string[] = [];
    const stop = initTheme((t) => seen.push(t));
    expect(document.documentElement.dataset.theme).toBe('light');

    system.set(true);
    expect(document.documentElement.dataset.theme).toBe('dark');

    setTheme('light');
    system.set(true);
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(seen).toEqual(['dark']);

    stop();
    expect(system.listeners.size).toBe(0);
  });

  it('followSystem forgets the pick', () => {
    stubSystem(true);
    setTheme('light');
    expect(followSystem()).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
  });

  it('still switches when storage throws', () => {
    stubSystem(false);
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    setTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});
