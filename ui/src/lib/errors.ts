// The user-facing error list: anything can call `showError`, <ErrorToasts> renders it.
import { writable, type Readable } from 'svelte/store';
import { toApiError, type ApiError } from './api';

export interface ShownError extends ApiError {
  id: number;
  /** What the app was doing, e.g. "Loading profiles". */
  context?: string;
}

const store = writable<ShownError[]>([]);
let nextId = 1;

/** The errors on screen, oldest first. */
export const shownErrors: Readable<ShownError[]> = { subscribe: store.subscribe };

/** Most errors kept on screen at once; older ones drop off. */
export const MAX_SHOWN = 4;

/**
 * Shows an error to the user. Accepts anything thrown; returns the id for `dismissError`.
 * The error is also logged with `console.error`, so end-to-end tests see it.
 */
export function showError(error: unknown, context?: string): number {
  const apiError = toApiError(error);
  const id = nextId++;
  console.error(`[hangar] ${context ? `${context}: ` : ''}${apiError.code}: ${apiError.message}`);
  store.update((list) => {
    // The same failure repeated (a retry loop, a double click) shows once.
    const rest = list.filter(
      (e) => !(e.code === apiError.code && e.message === apiError.message && e.context === context),
    );
    return [...rest, { ...apiError, context, id }].slice(-MAX_SHOWN);
  });
  return id;
}

export function dismissError(id: number): void {
  store.update((list) => list.filter((e) => e.id !== id));
}

export function clearErrors(): void {
  store.set([]);
}
