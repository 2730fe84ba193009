import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { dismissError, showError, shownErrors } from '../lib/errors.svelte';
import ErrorToasts from './ErrorToasts.svelte';

function liveAncestry(el: Element): Element[] {
  const live: Element[] = [];
  for (let at: Element | null = el; at; at = at.parentElement) {
    const role = at.getAttribute('role');
    if (at.hasAttribute('aria-live') || role === 'alert' || role === 'status' || role === 'log') live.push(at);
  }
  return live;
}

afterEach(() => {
  const ids = shownErrors().map((e) => e.id);
  ids.forEach(dismissError);
});

describe('ErrorToasts', () => {
  it('sits in exactly one live region, so each toast is announced once', async () => {
    render(ErrorToasts);
    showError({ code: 'aws', message: 'The bucket demo-logs is not yours' }, 'Creating s3_bucket.logs');
    await tick();
    {
      const toast = screen.getByTestId('error-toast');
      expect(toast.textContent).toContain('demo-logs');
      expect(toast.getAttribute('role')).toBeNull();
      const live = liveAncestry(toast);
      expect(live).toHaveLength(1);
      expect(live[0]?.getAttribute('aria-live')).toBe('assertive');
      expect(live[0]?.contains(toast)).toBe(true);
    }
  });
});
