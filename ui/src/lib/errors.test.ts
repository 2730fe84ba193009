import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clearErrors, dismissError, MAX_SHOWN, showError, shownErrors } from './errors.svelte';

describe('showError', () => {
  beforeEach(() => {
    clearErrors();
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  it('normalises what it is given and shows it', () => {
    showError('disk full', 'Saving');
    expect(shownErrors()).toMatchObject([{ code: 'internal', message: 'disk full', context: 'Saving' }]);
  });

  it('logs the error so end-to-end tests notice it', () => {
    showError({ code: 'aws', message: 'throttled' });
    expect(console.error).toHaveBeenCalledWith('[hangar] aws: throttled');
  });

  it('dismisses by id', () => {
    const first = showError('one');
    showError('two');
    dismissError(first);
    expect(shownErrors().map((e) => e.message)).toEqual(['two']);
  });

  it('shows a repeated error once and keeps only the newest few', () => {
    showError('same');
    showError('same');
    expect(shownErrors()).toHaveLength(1);

    for (let i = 0; i < MAX_SHOWN + 2; i++) showError(`error ${i}`);
    const shown = shownErrors();
    expect(shown).toHaveLength(MAX_SHOWN);
    expect(shown[shown.length - 1]?.message).toBe(`error ${MAX_SHOWN + 1}`);
  });
});
