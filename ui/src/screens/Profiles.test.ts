import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_PROFILE, WORK_PROFILE } from '../test/fake-api';
import Profiles from './Profiles.svelte';

describe('Profiles screen', () => {
  it('lists each profile with its kind, region, endpoint and default mark', () => {
    render(Profiles, {
      props: { profiles: [SANDBOX_PROFILE, WORK_PROFILE], status: 'ready', onreload: vi.fn() },
    });
    const [sandbox, work] = screen.getAllByTestId('profile-row');
    if (!sandbox || !work) throw new Error('expected two rows');

    expect(within(sandbox).getByText('Sandbox')).toBeTruthy();
    expect(within(sandbox).getByText('us-east-1')).toBeTruthy();
    expect(within(sandbox).getByText('http://127.0.0.1:5000')).toBeTruthy();
    expect(within(sandbox).queryByTestId('default-pill')).toBeTruthy();

    expect(within(work).getByText('Assume role')).toBeTruthy();
    expect(within(work).getByText('AWS default')).toBeTruthy();
    expect(within(work).queryByTestId('default-pill')).toBeNull();
  });

  it('says what to do when there are no profiles', () => {
    render(Profiles, { props: { profiles: [], status: 'ready', onreload: vi.fn() } });
    expect(screen.getByTestId('profiles-empty').textContent).toContain('No profiles yet');
    expect(screen.queryByTestId('profiles-table')).toBeNull();
  });

  it('shows loading, then an error with a retry', async () => {
    const onreload = vi.fn();
    const { rerender } = render(Profiles, { props: { profiles: [], status: 'loading', onreload } });
    expect(screen.getByTestId('profiles-loading')).toBeTruthy();

    await rerender({ status: 'error', error: { code: 'keychain', message: 'keychain is locked' } });
    const error = screen.getByTestId('profiles-error');
    expect(error.textContent).toContain('keychain is locked');
    await fireEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    expect(onreload).toHaveBeenCalledOnce();
  });
});
