import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { age, perHour, timeLeft } from '../../lib/format';
import { summaryOf } from '../../test/fake-environments-api';
import EnvironmentList from './EnvironmentList.svelte';

const NOW = Date.parse('2025-01-01T13:00:00.000Z');

describe('Environments list', () => {
  it('shows each environment with its status, blueprint, region, age and cost an hour', () => {
    const environments = [
      summaryOf('aloka-dev', 'ready', { costPerHour: 0.058 }),
      summaryOf('class-7', 'creating', { blueprint: 'single-host-dev', region: 'eu-west-1', costPerHour: 0.021 }),
      summaryOf('old', 'destroyed', { costPerHour: 0, createdAt: '2024-12-20T13:00:00.000Z' }),
    ];
    render(EnvironmentList, { props: { environments, now: NOW, onopen: vi.fn() } });
    const rows = screen.getAllByTestId('environment-row');
    expect(rows.map((r) => r.dataset.name)).toEqual(['aloka-dev', 'class-7', 'old']);
    const second = within(rows[1] as HTMLElement);
    expect(second.getByTestId('status-badge').textContent?.trim()).toBe('Provisioning');
    expect(rows[1]?.textContent).toContain('single-host-dev');
    expect(rows[1]?.textContent).toContain('eu-west-1');
    expect(rows[1]?.textContent).toContain('3h');
    expect(second.getByTestId('cost-per-hour').textContent).toBe('$0.021/h');
    expect(within(rows[2] as HTMLElement).getByTestId('status-badge').dataset.status).toBe('destroyed');
    expect(rows[2]?.textContent).toContain('12d');
    expect(screen.getByTestId('environment-list').parentElement?.textContent).toContain('$0.079/h');
  });

  it('shows what each has cost so far, in total and by profile', () => {
    const environments = [
      summaryOf('aloka-dev', 'ready', { profile: 'work', costSoFar: 12.345 }),
      summaryOf('class-7', 'destroyed', { profile: 'Sandbox', costSoFar: 0 }),
      summaryOf('lost', 'ready', { profile: 'work', costSoFar: null }),
      summaryOf('old', 'destroyed', { profile: 'work', costSoFar: 2.5 }),
    ];
    render(EnvironmentList, { props: { environments, now: NOW, onopen: vi.fn() } });
    const cells = screen.getAllByTestId('cost-so-far').map((cell) => cell.textContent?.trim());
    expect(cells).toEqual(['$12.35', '$0.00', '—', '$2.50']);
    const footer = screen.getByTestId('spent-so-far').textContent?.replace(/\s+/g, ' ');
    expect(footer).toContain('Spent so far: $14.85');
    expect(footer).toContain('(Sandbox $0.00, work $14.85)');
  });

  it('shows the time each has left, and none once destroyed', () => {
    const environments = [
      summaryOf('temp', 'ready', { expiresAt: '2025-01-01T16:12:00Z' }),
      summaryOf('kept', 'ready'),
      summaryOf('gone', 'destroyed', { expiresAt: '2025-01-01T12:00:00Z' }),
    ];
    render(EnvironmentList, { props: { environments, now: NOW, onopen: vi.fn() } });
    const left = screen.getAllByTestId('time-left').map((cell) => cell.textContent?.trim());
    expect(left).toEqual(['3h 12m left', '—', '—']);
  });

  it('opens an environment by its name', async () => {
    const onopen = vi.fn();
    render(EnvironmentList, { props: { environments: [summaryOf('aloka-dev')], now: NOW, onopen } });
    screen.getByTestId('open-environment').click();
    expect(onopen).toHaveBeenCalledWith('aloka-dev');
  });
});

describe('list texts', () => {
  it('ages and costs', () => {
    expect(age('2025-01-01T12:59:30.000Z', NOW)).toBe('just now');
    expect(age('2025-01-01T12:55:00.000Z', NOW)).toBe('5m');
    expect(age('2024-12-29T13:00:00.000Z', NOW)).toBe('3d');
    expect(age('nonsense', NOW)).toBe('—');
    expect(perHour(null)).toBe('—');
    expect(perHour(1.5)).toBe('$1.50/h');
    expect(perHour(0)).toBe('$0.00/h');
  });

  it('time left, both ways, as `hangar list` says it', () => {
    expect(timeLeft('2025-01-03T17:00:00Z', NOW)).toBe('2d 4h left');
    expect(timeLeft('2025-01-01T13:45:00Z', NOW)).toBe('45m left');
    expect(timeLeft('2025-01-01T12:55:00Z', NOW)).toBe('expired 5m ago');
    expect(timeLeft(null, NOW)).toBe('—');
  });
});
