import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../lib/bindings';
import { apiContext } from '../lib/context';
import { LOG_TAIL } from '../lib/jobs/load-log';
import { fakeApi } from '../test/fake-api';
import { jobOf } from '../test/fake-environments-api';
import History from './History.svelte';

const line = (id: number): LogLine => ({
  id,
  at: '2026-12-01T10:00:00Z',
  level: 'info',
  source: 'engine',
  message: `line ${id}`,
});

describe('History', () => {
  it("shows a job's last lines first, and earlier ones on request", async () => {
    const api = fakeApi({ jobHistory: vi.fn(async () => [jobOf(7, 'demo')]) });
    vi.mocked(api.jobLogTail)
      .mockResolvedValueOnce({ lines: [line(3), line(4)], earlier: true })
      .mockResolvedValueOnce({ lines: [line(1), line(2)], earlier: false });
    render(History, { props: { job: 7, onnavigate: vi.fn() }, context: apiContext(api) });

    await waitFor(() => expect(screen.getByTestId('log-panel').dataset.count).toBe('2'));
    expect(api.jobLogTail).toHaveBeenCalledExactlyOnceWith(7, null, LOG_TAIL);
    await fireEvent.click(screen.getByTestId('log-earlier'));
    await waitFor(() => expect(screen.getByTestId('log-panel').dataset.count).toBe('4'));
    expect(api.jobLogTail).toHaveBeenLastCalledWith(7, 3, LOG_TAIL);
    expect(screen.queryByTestId('log-earlier')).toBeNull();
  });
});
