import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../../lib/api';
import { apiContext } from '../../lib/context';
import { fakeApi } from '../../test/fake-api';
import { ROLE_IDENTITY } from '../../test/fake-profiles-api';
import ConnectionTest from './ConnectionTest.svelte';
import TestResult from './TestResult.svelte';

function renderTest(api = fakeApi()) {
  const onclose = vi.fn();
  render(ConnectionTest, { props: { name: 'work', onclose }, context: apiContext(api) });
  return { api, onclose };
}

describe('connection test', () => {
  it('renders the account, ARN, user or role, and the assume-role chain with its expiry', () => {
    render(TestResult, { props: { identity: ROLE_IDENTITY, now: new Date('2030-01-01T12:01:00Z') } });
    expect(screen.getByTestId('test-account').textContent).toBe('123456789012');
    expect(screen.getByTestId('test-arn').textContent).toBe(ROLE_IDENTITY.arn);
    expect(screen.getByTestId('test-principal').textContent).toBe('Deploy/hangar-work');
    const [link] = screen.getAllByTestId('chain-link');
    if (!link) throw new Error('no chain link');
    expect(link.textContent).toContain('dev');
    expect(link.textContent).toContain('arn:aws:iam::123456789012:role/Deploy');
    expect(link.textContent).toContain('hangar-work');
    expect(link.textContent).toContain('1 h');
    expect(within(link).getByTestId('chain-expiry').textContent).toBe('13:00 UTC, in 59 min');
  });

  it('shows no chain for plain keys, and the warnings it got', () => {
    render(TestResult, { props: { identity: { ...ROLE_IDENTITY, chain: [], warnings: ['session cut to one hour'] } } });
    expect(screen.queryByTestId('test-chain')).toBeNull();
    expect(screen.getByTestId('test-warning').textContent).toBe('session cut to one hour');
  });

  it('runs at once and shows the result', async () => {
    const { api } = renderTest();
    expect(api.testProfile).toHaveBeenCalledWith('work', null);
    expect((await screen.findByTestId('test-account')).textContent).toBe('123456789012');
  });

  it('asks for the MFA code inline when the role needs one, retries with it, and asks again when it is wrong', async () => {
    const testProfile = vi
      .fn<Api['testProfile']>()
      .mockRejectedValueOnce({ code: 'mfa_required', message: 'role needs MFA' })
      .mockRejectedValueOnce({ code: 'mfa_invalid', message: 'MFA code rejected' })
      .mockResolvedValueOnce(ROLE_IDENTITY);
    renderTest(fakeApi({ testProfile }));

    const prompt = await screen.findByTestId('mfa-prompt');
    expect(prompt.textContent).toContain('This role needs an MFA code');
    const code = screen.getByTestId('mfa-code') as HTMLInputElement;
    await fireEvent.input(code, { target: { value: '12ab' } });
    await fireEvent.click(screen.getByTestId('mfa-submit'));
    expect(screen.getByTestId('mfa-error')).toBeTruthy();
    expect(testProfile).toHaveBeenCalledTimes(1);

    await fireEvent.input(code, { target: { value: '111111' } });
    await fireEvent.click(screen.getByTestId('mfa-submit'));
    await waitFor(() => expect(screen.getByTestId('mfa-prompt').dataset.code).toBe('mfa_invalid'));
    expect(testProfile).toHaveBeenLastCalledWith('work', '111111');
    expect(screen.getByTestId('mfa-prompt').textContent).toContain('The MFA code was not accepted');
    expect((screen.getByTestId('mfa-code') as HTMLInputElement).value).toBe('');

    await fireEvent.input(screen.getByTestId('mfa-code'), { target: { value: '222222' } });
    await fireEvent.click(screen.getByTestId('mfa-submit'));
    expect(await screen.findByTestId('test-result')).toBeTruthy();
    expect(testProfile).toHaveBeenLastCalledWith('work', '222222');
  });

  it('tells other failures apart in words', async () => {
    renderTest(
      fakeApi({ testProfile: vi.fn().mockRejectedValue({ code: 'unreachable', message: 'connection refused' }) }),
    );
    const error = await screen.findByTestId('test-error');
    expect(error.textContent).toContain('AWS could not be reached');
    expect(error.textContent).toContain('connection refused');
    expect(screen.queryByTestId('mfa-prompt')).toBeNull();
  });
});
