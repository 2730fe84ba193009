import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import LogPanel from '../../components/logs/LogPanel.svelte';
import type { LogEntry } from './job-state';
import { LogBuffer } from './log-buffer.svelte';

function entries(from: number, count: number): LogEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    at: '2025-01-01T10:00:00.000Z',
    level: 'info',
    source: 'vpc.main',
    message: `line ${from + i}`,
  }));
}

const messages = (lines: LogEntry[]): string[] => lines.map((l) => l.message);

describe('LogBuffer', () => {
  it('appends in place: the lines already there are not copied', () => {
    const log = new LogBuffer();
    const first = entries(1, 3);
    log.append(first);
    const kept = log.slice(0, 1)[0];
    log.append(entries(4, 2));
    expect(log).toHaveLength(5);
    // The same entry objects, and one version step per batch, not per line.
    expect(log.slice(0, 1)[0]).toBe(kept);
    expect(log.slice(0, 3)).toEqual(first);
    expect(log.version).toBe(2);
    log.append([]);
    expect(log.version).toBe(2);
  });

  it('keeps the newest lines once full, oldest dropped first', () => {
    const log = new LogBuffer(3);
    log.append(entries(1, 2));
    log.append(entries(3, 3));
    expect(log).toHaveLength(3);
    expect(log.dropped).toBe(2);
    expect(messages(log.slice())).toEqual(['line 3', 'line 4', 'line 5']);
    expect(messages(log.slice(1, 2))).toEqual(['line 4']);
    expect(messages(log.slice(-2))).toEqual(['line 4', 'line 5']);
    log.append(entries(6, 1));
    expect(messages(log.slice())).toEqual(['line 4', 'line 5', 'line 6']);
  });

  it('the log panel follows a buffer it was given once as it grows', () => {
    const log = new LogBuffer();
    log.append(entries(1, 2));
    render(LogPanel, { props: { lines: log, height: 320 } });
    const panel = screen.getByTestId('log-panel');
    expect(panel.dataset.count).toBe('2');
    log.append(entries(3, 3));
    flushSync();
    expect(panel.dataset.count).toBe('5');
    expect(screen.getAllByTestId('log-row').map((r) => r.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining('line 5')]),
    );
  });
});
