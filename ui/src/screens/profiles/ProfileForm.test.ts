import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProfileSummary } from '../../lib/bindings';
import { apiContext } from '../../lib/context';
import { fakeApi, SANDBOX_PROFILE, WORK_PROFILE } from '../../test/fake-api';
import { KEYS_DETAIL } from '../../test/fake-profiles-api';
import ProfileForm from './ProfileForm.svelte';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DEV: ProfileSummary = {
  name: 'dev',
  region: 'eu-west-1',
  kind: 'accessKeys',
  isDefault: false,
  endpoint: null,
  defaultLifetime: null,
};

function renderForm(props: Partial<{ editing: typeof KEYS_DETAIL }> = {}, api = fakeApi()) {
  const onsaved = vi.fn();
  const onclose = vi.fn();
  const result = render(ProfileForm, {
    props: { profiles: [SANDBOX_PROFILE, WORK_PROFILE, DEV], onsaved, onclose, ...props },
    context: apiContext(api),
  });
  return { ...result, api, onsaved, onclose };
}

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

async function choose(id: string, value: string): Promise<void> {
  const select = screen.getByTestId(id) as HTMLSelectElement;
  for (const option of select.options) option.selected = option.value === value;
  await fireEvent.change(select);
}

async function fillKeys(): Promise<void> {
  await fireEvent.input(input('pf-name'), { target: { value: 'client' } });
  await fireEvent.input(input('pf-region'), { target: { value: 'eu-west-1' } });
  await fireEvent.input(input('pf-access-key-id'), { target: { value: 'AKIAIOSFODNN7EXAMPLE' } });
  await fireEvent.input(input('pf-secret'), { target: { value: SECRET } });
}

describe('ProfileForm', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows each field’s problem after a save attempt, and sends nothing', async () => {
    const { api } = renderForm();
    await fireEvent.input(input('pf-region'), { target: { value: 'eu-west' } });
    await fireEvent.click(screen.getByTestId('pf-save'));
    expect(screen.getByTestId('field-error-pf-name').textContent).toBe('Required.');
    expect(screen.getByTestId('field-error-pf-region').textContent).toMatch(/eu-west-1/);
    expect(screen.getByTestId('field-error-pf-key-id')).toBeTruthy();
    expect(screen.getByTestId('field-error-pf-secret')).toBeTruthy();
    expect(api.saveProfile).not.toHaveBeenCalled();
  });

  it('asks for the role fields when the kind is assume role, and warns about the chained one-hour cap', async () => {
    renderForm();
    await fireEvent.click(screen.getByTestId('pf-kind-assumeRole'));
    expect(screen.queryByTestId('pf-secret')).toBeNull();
    await fireEvent.input(input('pf-role-arn'), { target: { value: 'arn:aws:iam::123456789012:user/bob' } });
    await fireEvent.blur(input('pf-role-arn'));
    expect(screen.getByTestId('field-error-pf-role').textContent).toMatch(/role ARN/);

    await choose('pf-source', 'work');
    await fireEvent.input(input('pf-duration'), { target: { value: '7200' } });
    expect(screen.getByTestId('pf-chain-warning').textContent).toMatch(/one hour/);
    await choose('pf-source', 'dev');
    expect(screen.queryByTestId('pf-chain-warning')).toBeNull();
  });

  it('sends the secret exactly once, as a password, and no longer holds it afterwards', async () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    const { api, onsaved, container } = renderForm();
    expect(input('pf-secret').type).toBe('password');
    await fillKeys();
    await fireEvent.click(screen.getByTestId('pf-save'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledWith('client', []));
    expect(api.saveProfile).toHaveBeenCalledOnce();
    expect(vi.mocked(api.saveProfile).mock.calls[0]?.[0]).toEqual({
      name: 'client',
      region: 'eu-west-1',
      endpoint: null,
      isDefault: false,
      defaultLifetime: '8h',
      credentials: { kind: 'accessKeys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
    });
    expect(input('pf-secret').value).toBe('');
    expect(container.innerHTML).not.toContain(SECRET);
    for (const spy of [log, error]) expect(JSON.stringify(spy.mock.calls)).not.toContain(SECRET);
    expect(JSON.stringify(localStorage)).not.toContain(SECRET);
    expect(window.location.href).not.toContain(SECRET);
  });

  it("sends the lifetime picked for the profile's environments, never as null", async () => {
    const { api, onsaved } = renderForm();
    await fillKeys();
    const lifetime = screen.getByTestId('pf-lifetime') as HTMLSelectElement;
    expect(lifetime.value).toBe('8h');
    await fireEvent.change(lifetime, { target: { value: '' } });
    await fireEvent.click(screen.getByTestId('pf-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(vi.mocked(api.saveProfile).mock.calls[0]?.[0]).toMatchObject({ defaultLifetime: null });
  });

  it('clears the secret when the save fails too, and says why in words', async () => {
    const api = fakeApi({
      saveProfile: vi.fn(async () => {
        throw { code: 'keychain_locked', message: 'the keychain is locked' };
      }),
    });
    const { container } = renderForm({}, api);
    await fillKeys();
    await fireEvent.click(screen.getByTestId('pf-save'));
    const notice = await screen.findByTestId('pf-save-error');
    expect(notice.textContent).toContain('Your OS keychain is locked');
    expect(input('pf-secret').value).toBe('');
    expect(container.textContent).toMatch(/type it again/);
    expect(container.innerHTML).not.toContain(SECRET);
  });

  it('editing never shows the stored secret and keeps it when left blank', async () => {
    const { api, onsaved } = renderForm({ editing: KEYS_DETAIL });
    expect(input('pf-name').disabled).toBe(true);
    expect(input('pf-access-key-id').value).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(input('pf-secret').value).toBe('');
    expect(screen.getByText('Stored in your OS keychain — leave blank to keep.')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('pf-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(vi.mocked(api.saveProfile).mock.calls[0]?.[0].credentials).toEqual({
      kind: 'accessKeys',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    });
  });
});
