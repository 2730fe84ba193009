import { describe, expect, it } from 'vitest';
import { elapsed, percent, progressLabel } from './progress';

describe('progress bar', () => {
  it('is a whole percentage of n of N, never past 100', () => {
    expect(percent(0, 31)).toBe(0);
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(66);
    expect(percent(31, 31)).toBe(100);
    expect(percent(40, 31)).toBe(100);
    expect(percent(3, 0)).toBe(0);
  });

  it('says n of N resources', () => {
    expect(progressLabel(12, 31, false)).toBe('12 of 31 resources');
    expect(progressLabel(0, 1, false)).toBe('0 of 1 resource');
    expect(progressLabel(5, 31, true)).toBe('5 of 31 resources removed');
  });

  it('shows elapsed time in seconds, minutes, hours', () => {
    expect(elapsed(-5)).toBe('0s');
    expect(elapsed(42_900)).toBe('42s');
    expect(elapsed(187_000)).toBe('3m 07s');
    expect(elapsed(3_720_000)).toBe('1h 02m');
  });
});
