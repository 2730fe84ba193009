import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { apiContext } from '../lib/context';
import { shownErrors } from '../lib/errors.svelte';
import type { MfaClosed, MfaRequest } from '../lib/mfa-api';
import { fakeApi } from '../test/fake-api';
import MfaPromptDialog from './MfaPromptDialog.svelte';

const REQUEST: MfaRequest = {
  id: 7,
  profile: 'admin',
  roleArn: 'arn:aws:iam::123456789012:role/Admin',
  serial: 'arn:aws:iam::123456789012:mfa/alice',
  reason: 'A running job needs a new session of arn:aws:iam::123456789012:role/Admin.',
  timeoutSecs: 300,
};

async function renderDialog() {
  let ask: (r: MfaRequest) => void = () => {};
  let close: (c: MfaClosed) => void = () => {};
  const api = fakeApi({
    onMfaPrompt: vi.fn(async (onAsk, onClosed) => {
      ask = onAsk;
      close = onClosed;
      return () => {};
    }),
  });
  render(MfaPromptDialog, { context: apiContext(api) });
  await tick();
  return {
    api,
    ask: async (r: MfaRequest) => {
      ask(r);
      await tick();
      await tick();
    },
    close: async (c: MfaClosed) => {
      close(c);
      await tick();
    },
  };
}

describe('the MFA code dialog', () => {
  it('asks for the named profile and device, focused, and sends the code once, keeping none', async () => {
    const { api, ask } = await renderDialog();
    expect(screen.queryByTestId('mfa-dialog')).toBeNull();
    await ask(REQUEST);
    expect(screen.getByRole('dialog').textContent).toContain('MFA code for admin');
    expect(screen.getByTestId('mfa-serial').textContent).toBe(REQUEST.serial);
    expect(screen.getByTestId('mfa-reason').textContent).toContain('role/Admin');
    const input = screen.getByTestId<HTMLInputElement>('mfa-code');
    expect(document.activeElement).toBe(input);
    await fireEvent.input(input, { target: { value: ' 123456 ' } });
    await fireEvent.click(screen.getByTestId('mfa-send'));
    expect(api.answerMfaPrompt).toHaveBeenCalledExactlyOnceWith(7, '123456');
    expect(screen.queryByTestId('mfa-dialog')).toBeNull();
    expect(document.body.innerHTML).not.toContain('123456');
    expect(input.value).toBe('');
    await ask({ ...REQUEST, id: 9 });
    expect(screen.getByTestId<HTMLInputElement>('mfa-code').value).toBe('');
  });

  it('cancels with Escape, the code typed so far dropped', async () => {
    const { api, ask } = await renderDialog();
    await ask(REQUEST);
    await fireEvent.input(screen.getByTestId('mfa-code'), { target: { value: '99' } });
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(api.answerMfaPrompt).toHaveBeenCalledExactlyOnceWith(7, null);
    expect(screen.queryByTestId('mfa-dialog')).toBeNull();
  });

  it('keeps Tab inside the dialog', async () => {
    const { ask } = await renderDialog();
    await ask(REQUEST);
    const input = screen.getByTestId('mfa-code');
    await fireEvent.input(input, { target: { value: '1' } });
    const send = screen.getByTestId('mfa-send');
    send.focus();
    await fireEvent.keyDown(window, { key: 'Tab' });
    expect(document.activeElement).toBe(input);
    input.focus();
    await fireEvent.keyDown(window, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(send);
  });

  it('closes when the job stops waiting, and says so when it timed out', async () => {
    const { api, ask, close } = await renderDialog();
    await ask(REQUEST);
    await ask({ ...REQUEST, id: 8, profile: 'ops' });
    expect(screen.getByRole('dialog').textContent).toContain('admin');
    await close({ id: 7, timedOut: true });
    expect(screen.getByRole('dialog').textContent).toContain('MFA code for ops');
    expect(shownErrors().map((e) => e.message)).toContain(
      'No MFA code was given in time: the job stopped. Resume it to go on.',
    );
    await close({ id: 8, timedOut: false });
    expect(screen.queryByTestId('mfa-dialog')).toBeNull();
    expect(api.answerMfaPrompt).not.toHaveBeenCalled();
  });
});
