import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileSummary } from '../lib/bindings';
import { apiContext } from '../lib/context';
import { fakeApi, SANDBOX_PROFILE, WORK_PROFILE } from '../test/fake-api';
import Profiles from './Profiles.svelte';

const DEV: ProfileSummary = {
  name: 'dev',
  region: 'eu-west-1',
  kind: 'accessKeys',
  isDefault: false,
  endpoint: null,
  defaultLifetime: null,
};

function renderScreen(
  props: Partial<{ profiles: ProfileSummary[]; status: 'loading' | 'ready' | 'error' }> = {},
  api = fakeApi(),
) {
  const onreload = vi.fn();
  const result = render(Profiles, {
    props: { profiles: [SANDBOX_PROFILE, WORK_PROFILE, DEV], status: 'ready', onreload, ...props },
    context: apiContext(api),
  });
  return { ...result, api, onreload };
}

function row(name: string): HTMLElement {
  const found = screen.getAllByTestId('profile-row').find((r) => r.dataset.profile === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
}

describe('Profiles screen', () => {
  it('lists each profile with its kind, region, endpoint and default mark', () => {
    renderScreen({ profiles: [SANDBOX_PROFILE, WORK_PROFILE] });
    const sandbox = row('sandbox');
    const work = row('work');
    expect(within(sandbox).getByText('Sandbox')).toBeTruthy();
    expect(within(sandbox).getByText('us-east-1')).toBeTruthy();
    expect(within(sandbox).getByText('http://127.0.0.1:5000')).toBeTruthy();
    expect(within(sandbox).queryByTestId('default-pill')).toBeTruthy();
    expect(within(sandbox).queryByTestId('profile-make-default')).toBeNull();
    expect(within(sandbox).queryByTestId('profile-delete')).toBeNull();

    expect(within(work).getByText('Assume role')).toBeTruthy();
    expect(within(work).getByText('AWS default')).toBeTruthy();
    expect(within(work).queryByTestId('default-pill')).toBeNull();
  });

  it('says what to do when there are no profiles', () => {
    renderScreen({ profiles: [] });
    expect(screen.getByTestId('profiles-empty').textContent).toContain('No profiles yet');
    expect(screen.queryByTestId('profiles-table')).toBeNull();
  });

  it('shows loading, then an error with a retry', async () => {
    const { rerender, onreload } = renderScreen({ profiles: [], status: 'loading' });
    expect(screen.getByTestId('profiles-loading')).toBeTruthy();

    await rerender({ status: 'error', error: { code: 'keychain', message: 'keychain is locked' } });
    const error = screen.getByTestId('profiles-error');
    expect(error.textContent).toContain('keychain is locked');
    await fireEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    expect(onreload).toHaveBeenCalledOnce();
  });

  it('makes another profile the default and reloads the list', async () => {
    const { api, onreload } = renderScreen();
    await fireEvent.click(within(row('dev')).getByTestId('profile-make-default'));
    expect(api.setDefaultProfile).toHaveBeenCalledWith('dev');
    await waitFor(() => expect(onreload).toHaveBeenCalled());
    expect(screen.getByTestId('profiles-notice').textContent).toContain('dev is now the default profile');
  });

  it('deletes only after confirmation', async () => {
    const { api, onreload } = renderScreen();
    await fireEvent.click(within(row('dev')).getByTestId('profile-delete'));
    const dialog = screen.getByTestId('confirm-delete');
    expect(dialog.textContent).toContain('dev');
    expect(dialog.textContent).toContain('keychain');
    await fireEvent.click(screen.getByTestId('delete-cancel'));
    expect(screen.queryByTestId('confirm-delete')).toBeNull();
    expect(api.deleteProfile).not.toHaveBeenCalled();

    await fireEvent.click(within(row('dev')).getByTestId('profile-delete'));
    await fireEvent.click(screen.getByTestId('delete-confirm'));
    expect(api.deleteProfile).toHaveBeenCalledExactlyOnceWith('dev');
    await waitFor(() => expect(screen.queryByTestId('confirm-delete')).toBeNull());
    expect(onreload).toHaveBeenCalled();
  });

  it('opens its dialogs modally: focus on the safe choice, Escape closes, focus returns to the opener', async () => {
    const user = userEvent.setup();
    const { api } = renderScreen();
    const opener = within(row('dev')).getByTestId('profile-delete');
    opener.focus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByTestId('confirm-delete') as HTMLDialogElement;
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.open).toBe(true);
    expect(screen.getByRole('dialog', { name: 'Delete profile?' })).toBe(dialog);
    expect(document.activeElement).toBe(screen.getByTestId('delete-cancel'));

    // Tab from the dialog's last button wraps to its first (the × in its header).
    const buttons = [...dialog.querySelectorAll('button')];
    buttons[buttons.length - 1]?.focus();
    await user.tab();
    expect(document.activeElement).toBe(buttons[0]);
    expect(dialog.contains(document.activeElement)).toBe(true);

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('confirm-delete')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(api.deleteProfile).not.toHaveBeenCalled();
  });

  it('keeps the confirmation open with the reason when deleting fails', async () => {
    const api = fakeApi({
      deleteProfile: vi.fn(async () => {
        throw { code: 'invalid', message: 'profile "dev" is the source of work' };
      }),
    });
    renderScreen({}, api);
    await fireEvent.click(within(row('dev')).getByTestId('profile-delete'));
    await fireEvent.click(screen.getByTestId('delete-confirm'));
    const error = await screen.findByTestId('delete-error');
    expect(error.textContent).toContain('Some settings are not valid');
    expect(error.textContent).toContain('source of work');
    expect(screen.getByTestId('confirm-delete')).toBeTruthy();
  });

  it('edits a profile from its stored details', async () => {
    const { api } = renderScreen();
    await fireEvent.click(within(row('dev')).getByTestId('profile-edit'));
    expect(api.getProfile).toHaveBeenCalledWith('dev');
    const form = await screen.findByTestId('profile-form');
    expect(form.textContent).toContain('Edit dev');
    expect((screen.getByTestId('pf-secret') as HTMLInputElement).value).toBe('');
  });

  it('opens the connection test for a row', async () => {
    const { api } = renderScreen();
    await fireEvent.click(within(row('work')).getByTestId('profile-test'));
    expect(api.testProfile).toHaveBeenCalledWith('work', null);
    expect(await screen.findByTestId('test-result')).toBeTruthy();
  });

  it('imports the ~/.aws profiles the user ticks', async () => {
    const { api, onreload } = renderScreen();
    await fireEvent.click(screen.getByTestId('profiles-import'));
    await screen.findByTestId('import-table');
    const rows = screen.getAllByTestId('import-row');
    expect(rows.map((r) => r.dataset.name)).toEqual(['default', 'client-admin', 'old']);
    const checks = screen.getAllByTestId('import-check') as HTMLInputElement[];
    expect(checks[2]?.disabled).toBe(true);
    expect((screen.getByTestId('import-run') as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.click(checks[1]!);
    await fireEvent.click(checks[0]!);
    expect(screen.getByTestId('import-run').textContent).toContain('Import 2 profiles');
    await fireEvent.click(checks[1]!);
    expect(screen.getByTestId('import-run').textContent).toContain('Import 1 profile');
    await fireEvent.click(screen.getByTestId('import-all'));
    await fireEvent.click(screen.getByTestId('import-run'));
    expect(api.importAwsProfiles).toHaveBeenCalledExactlyOnceWith(['default', 'client-admin']);
    const results = await screen.findAllByTestId('import-result');
    expect(results.map((r) => r.dataset.name)).toEqual(['default', 'client-admin']);
    expect(onreload).toHaveBeenCalled();
  });
});
