import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../lib/jobs/job-state';
import { visibleRows } from '../../lib/jobs/log-window';
import LogPanel from './LogPanel.svelte';

function lines(count: number): LogEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    at: '2025-01-01T10:00:00.000Z',
    level: i % 1000 === 0 ? 'error' : 'info',
    source: `instance.app-${i % 7}`,
    message: `line ${i + 1}`,
  }));
}

describe('LogPanel', () => {
  it('renders a bounded number of rows for 100,000 lines', () => {
    render(LogPanel, { props: { lines: lines(100_000), height: 320 } });
    const rows = screen.getAllByTestId('log-row');
    // 320 px of 20 px rows is 16, plus the overscan either side.
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(40);
    expect(screen.getByTestId('log-panel').dataset.count).toBe('100000');
    expect(screen.getByTestId('log-panel').textContent).toContain('100,000 lines');
  });

  it('says so when there is nothing to show', () => {
    render(LogPanel, { props: { lines: [], emptyText: 'Pick a job.' } });
    expect(screen.queryAllByTestId('log-row')).toHaveLength(0);
    expect(screen.getByTestId('log-panel').textContent).toContain('Pick a job.');
  });
});

describe('visibleRows', () => {
  it('covers the viewport plus the overscan, wherever it is scrolled', () => {
    expect(visibleRows(0, 200, 20, 100_000, 5)).toEqual({ start: 0, end: 15, offset: 0 });
    expect(visibleRows(20_000, 200, 20, 100_000, 5)).toEqual({ start: 995, end: 1015, offset: 19_900 });
  });

  it('stops at the ends', () => {
    expect(visibleRows(2_000_000, 200, 20, 100_000, 5)).toEqual({ start: 99_994, end: 100_000, offset: 1_999_880 });
    expect(visibleRows(-50, 200, 20, 3, 5)).toEqual({ start: 0, end: 3, offset: 0 });
    expect(visibleRows(0, 200, 20, 0)).toEqual({ start: 0, end: 0, offset: 0 });
  });
});
