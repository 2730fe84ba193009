import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
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
    expect(screen.getByRole('dialog').textContent?.replace(/\s+/g, ' ')).toContain('final snapshot');
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

describe('keyboard and focus', () => {
  const keyboardUser = () => userEvent.setup({ advanceTimers: vi.advanceTimersByTime });

  it('announces the countdown once, while the seconds tick only for the eye', async () => {
    const user = keyboardUser();
    render(TeardownButton, { props: { name: 'demo', onteardown: vi.fn() } });
    screen.getByTestId('teardown').focus();
    await user.keyboard('{Enter}');
    const live = screen.getByRole('status');
    const said = live.textContent;
    expect(said).toBe('Tearing down demo in 5 seconds. Undo keeps it.');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(screen.getByTestId('teardown-countdown').dataset.seconds).toBe('3');
    expect(screen.getByRole('status').textContent).toBe(said);
    expect(screen.getAllByRole('status')).toHaveLength(1);
  });

  it('moves focus to Undo when the countdown starts, and back to Tear down on Undo', async () => {
    const user = keyboardUser();
    const onteardown = vi.fn();
    render(TeardownButton, { props: { name: 'demo', onteardown } });
    screen.getByTestId('teardown').focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByTestId('teardown-undo'));

    await user.keyboard('{Enter}');
    expect(screen.queryByTestId('teardown-countdown')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('teardown'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onteardown).not.toHaveBeenCalled();
  });

  it('the prod dialog is modal: focus starts in the name, Tab wraps inside, Escape closes and focus returns', async () => {
    const user = keyboardUser();
    const onteardown = vi.fn();
    render(TeardownButton, { props: { name: 'shop-prod', prod: true, onteardown } });
    const opener = screen.getByTestId('teardown');
    opener.focus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Tear down shop-prod?' });
    expect(dialog.tagName).toBe('DIALOG');
    expect((dialog as HTMLDialogElement).open).toBe(true);
    const name = screen.getByTestId('teardown-confirm-name');
    expect(document.activeElement).toBe(name);

    // The confirm button is disabled until the name matches, so Cancel is the last stop.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId('teardown-cancel'));
    await user.tab();
    expect(document.activeElement).toBe(name);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByTestId('teardown-cancel'));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onteardown).not.toHaveBeenCalled();
  });
});
