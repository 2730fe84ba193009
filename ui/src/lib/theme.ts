// Light/dark theme: follows the OS until the user picks one; the pick persists in localStorage.
// The theme is applied as `data-theme` on <html>; the CSS custom properties key off it.

export type Theme = 'light' | 'dark';

export const THEME_KEY = 'hangar.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // Storage can be disabled; the theme then simply does not persist.
  }
}

function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark';
}

/** The theme the user picked, or null when following the OS. */
export function storedTheme(): Theme | null {
  try {
    const value = storage()?.getItem(THEME_KEY);
    return isTheme(value) ? value : null;
  } catch {
    return null;
  }
}

export function systemTheme(): Theme {
  return globalThis.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

export function currentTheme(): Theme {
  return storedTheme() ?? systemTheme();
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
}

/** Records the user's pick and applies it. */
export function setTheme(theme: Theme): void {
  try {
    storage()?.setItem(THEME_KEY, theme);
  } catch {
    // Quota or disabled storage: still switch for this session.
  }
  applyTheme(theme);
}

/** Switches to the other theme, persists it, and returns it. */
export function toggleTheme(): Theme {
  const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
  setTheme(next);
  return next;
}

/** Forgets the pick and goes back to following the OS. */
export function followSystem(): Theme {
  try {
    storage()?.removeItem(THEME_KEY);
  } catch {
    // Nothing stored to forget.
  }
  const theme = systemTheme();
  applyTheme(theme);
  return theme;
}

/**
 * Applies the current theme and keeps following OS changes while the user has no pick.
 * `onChange` hears every theme applied this way. Returns a function that stops listening.
 */
export function initTheme(onChange?: (theme: Theme) => void): () => void {
  applyTheme(currentTheme());
  const query = globalThis.matchMedia?.(DARK_QUERY);
  if (!query) return () => {};
  const listener = (): void => {
    if (storedTheme()) return;
    const theme = systemTheme();
    applyTheme(theme);
    onChange?.(theme);
  };
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
