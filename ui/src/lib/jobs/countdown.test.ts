import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import TeardownButton from '../../screens/environments/TeardownButton.svelte';
import { createCountdown, UNDO_SECONDS } from './countdown';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('one-click teardown', () => {
  it('waits five seconds, then starts the teardown', () => {
    const onelapse = vi.fn();
    const ticks: number[] = [];
    const countdown = createCountdown({ seconds: UNDO_SECONDS, ontick: (s) => ticks.push(s), onelapse });
    countdown.start();
    vi.advanceTimersByTime(4999);
    expect(onelapse).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onelapse).toHaveBeenCalledOnce();
    expect(ticks).toEqual([5, 4, 3, 2, 1]);
    expect(countdown.running).toBe(false);
  });

  it('Undo cancels it: nothing runs, however long we wait', () => {
    const onelapse = vi.fn();
    const oncancel = vi.fn();
    const countdown = createCountdown({ seconds: 5, ontick: () => {}, onelapse, oncancel });
    countdown.start();
    vi.advanceTimersByTime(3000);
    countdown.undo();
    vi.advanceTimersByTime(60_000);
    expect(onelapse).not.toHaveBeenCalled();
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it('the button: one click shows the countdown with Undo, and no dialog', async () => {
    const onteardown = vi.fn();
    render(TeardownButton, { props: { name: 'demo', onteardown } });
    await fireEvent.click(screen.getByTestId('teardown'));
    expect(screen.getByTestId('teardown-countdown').textContent).toContain('Tearing down in 5s');
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    await vi.advanceTimersByTimeAsync(2000);
    expect(screen.getByTestId('teardown-countdown').dataset.seconds).toBe('3');
    await fireEvent.click(screen.getByTestId('teardown-undo'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onteardown).not.toHaveBeenCalled();
    expect(screen.getByTestId('teardown')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('teardown'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(onteardown).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('teardown-countdown')).toBeNull();
  });
});
