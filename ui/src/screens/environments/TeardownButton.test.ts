import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import TeardownButton from './TeardownButton.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('tearing down prod', () => {
  it('asks for the name typed out: no countdown, and nothing runs until it matches', async () => {
    const onteardown = vi.fn();
    render(TeardownButton, { props: { name: 'shop-prod', prod: true, onteardown } });
    await fireEvent.click(screen.getByTestId('teardown'));
    expect(screen.queryByTestId('teardown-countdown')).toBeNull();
    expect(screen.getByRole('dialog').textContent).toContain('final snapshot');
    const confirm = screen.getByTestId('teardown-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    await fireEvent.input(screen.getByTestId('teardown-confirm-name'), { target: { value: 'shop-pro' } });
    expect(confirm.disabled).toBe(true);
    await fireEvent.submit(confirm.form as HTMLFormElement);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onteardown).not.toHaveBeenCalled();

    await fireEvent.input(screen.getByTestId('teardown-confirm-name'), { target: { value: 'shop-prod' } });
    expect(confirm.disabled).toBe(false);
    await fireEvent.click(confirm);
    expect(onteardown).toHaveBeenCalledExactlyOnceWith('shop-prod');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Cancel closes the dialog and nothing runs', async () => {
    const onteardown = vi.fn();
    render(TeardownButton, { props: { name: 'shop-prod', prod: true, onteardown } });
    await fireEvent.click(screen.getByTestId('teardown'));
    await fireEvent.input(screen.getByTestId('teardown-confirm-name'), { target: { value: 'shop-prod' } });
    await fireEvent.click(screen.getByTestId('teardown-cancel'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onteardown).not.toHaveBeenCalled();
  });

  it('not prod: the 5-second undo, no name asked', async () => {
    const onteardown = vi.fn();
    render(TeardownButton, { props: { name: 'demo', onteardown } });
    await fireEvent.click(screen.getByTestId('teardown'));
    expect(screen.queryByRole('dialog')).toBeNull();
    await vi.advanceTimersByTimeAsync(5000);
    expect(onteardown).toHaveBeenCalledExactlyOnceWith();
  });
});
