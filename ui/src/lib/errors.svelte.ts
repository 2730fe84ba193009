// The user-facing error list: anything can call `showError`, <ErrorToasts> renders it.
import { toApiError, type ApiError } from './api';

export interface ShownError extends ApiError {
  id: number;
  /** What the app was doing, e.g. "Loading profiles". */
  context?: string;
}

// Replaced whole on each change (a handful of entries), so no deep proxy is needed.
let shown = $state.raw<ShownError[]>([]);
let nextId = 1;

/** The errors on screen, oldest first; reactive where it is read (a template, an effect). */
export function shownErrors(): readonly ShownError[] {
  return shown;
}

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
  // The same failure repeated (a retry loop, a double click) shows once.
  const rest = shown.filter(
    (e) => !(e.code === apiError.code && e.message === apiError.message && e.context === context),
  );
  shown = [...rest, { ...apiError, context, id }].slice(-MAX_SHOWN);
  return id;
}

export function dismissError(id: number): void {
  shown = shown.filter((e) => e.id !== id);
}

export function clearErrors(): void {
  shown = [];
}
