import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiContext } from '../../lib/context';
import { takeAutostart } from '../../lib/autostart';
import { pendingEnvironment } from '../../lib/pending-environment.svelte';
import { fakeApi, SANDBOX_PROFILE, WORK_PROFILE } from '../../test/fake-api';
import Environments from '../Environments.svelte';

afterEach(() => {
  pendingEnvironment.clear();
});

function pick(): void {
  pendingEnvironment.set({
    name: 'skillancer-dev',
    blueprint: 'multi-az-three-tier',
    title: 'Multi-AZ three-tier network',
    parameters: { az_count: '3', environment: 'dev' },
    overrides: { az_count: '3' },
    monthlyTotal: 258.99,
  });
}

describe('Environments with a blueprint picked', () => {
  it('says what is ready to create, with the parameters, and can go back or discard', async () => {
    pick();
    const onnavigate = vi.fn();
    render(Environments, { props: { onnavigate }, context: apiContext(fakeApi()) });
    const card = screen.getByTestId('pending-environment');
    expect(card.textContent).toContain('Ready to create skillancer-dev from multi-az-three-tier');
    expect(card.textContent).toContain('$258.99');
    expect(screen.getAllByTestId('pending-param').map((r) => r.dataset.param)).toEqual(['az_count', 'environment']);
    await fireEvent.click(screen.getByTestId('pending-change'));
    expect(onnavigate).toHaveBeenCalledWith({ screen: 'blueprints', blueprint: 'multi-az-three-tier' });
    await fireEvent.click(screen.getByTestId('pending-discard'));
    expect(screen.queryByTestId('pending-environment')).toBeNull();
  });

  it('checks the name as it is typed: 1-32 lowercase letters, digits, hyphens, a letter first', async () => {
    pick();
    render(Environments, { props: { onnavigate: vi.fn() }, context: apiContext(fakeApi()) });
    const input = screen.getByTestId('env-name') as HTMLInputElement;
    const create = screen.getByTestId('create-and-provision') as HTMLButtonElement;
    for (const [bad, says] of [
      ['7up', 'Start with a lowercase letter.'],
      ['Demo', 'Start with a lowercase letter.'],
      ['has space', 'Use only lowercase letters, digits and hyphens.'],
      ['x'.repeat(33), 'At most 32 characters'],
      ['', 'Give the environment a name.'],
    ] as const) {
      await fireEvent.input(input, { target: { value: bad } });
      expect(screen.getByTestId('env-name-help').textContent).toContain(says);
      expect(create.disabled).toBe(true);
    }
    await fireEvent.input(input, { target: { value: 'class-7' } });
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });

  it("picks each profile's default lifetime, one set elsewhere included, and sends what is shown", async () => {
    pick();
    const lab = { ...WORK_PROFILE, name: 'lab', defaultLifetime: '3h' };
    const api = fakeApi({ listProfiles: vi.fn(async () => [SANDBOX_PROFILE, WORK_PROFILE, lab]) });
    render(Environments, { props: { onnavigate: vi.fn() }, context: apiContext(api) });
    const profile = screen.getByTestId('env-profile') as HTMLSelectElement;
    const lifetime = () => screen.getByTestId('env-lifetime') as HTMLSelectElement;
    await waitFor(() => expect(lifetime().value).toBe('8h'));
    await fireEvent.change(profile, { target: { value: 'work' } });
    expect(lifetime().value).toBe('');
    expect(lifetime().selectedOptions[0]?.textContent).toBe('Never');
    await fireEvent.change(profile, { target: { value: 'lab' } });
    expect(lifetime().value).toBe('3h');
    await fireEvent.input(screen.getByTestId('env-name'), { target: { value: 'demo-2' } });
    await fireEvent.click(screen.getByTestId('create-and-provision'));
    await waitFor(() =>
      expect(api.createEnvironment).toHaveBeenCalledWith(expect.objectContaining({ profile: 'lab', lifetime: '3h' })),
    );
  });

  it('creates with the chosen profile, on-failure and the 8-hour default lifetime, then opens its page, asked to provision once', async () => {
    pick();
    const api = fakeApi({ listProfiles: vi.fn(async () => [WORK_PROFILE, SANDBOX_PROFILE]) });
    const onnavigate = vi.fn();
    render(Environments, { props: { onnavigate }, context: apiContext(api) });
    await waitFor(() => expect((screen.getByTestId('env-profile') as HTMLSelectElement).value).toBe('sandbox'));
    await fireEvent.click(screen.getByTestId('on-failure-rollback'));
    expect((screen.getByTestId('env-lifetime') as HTMLSelectElement).value).toBe('8h');
    await fireEvent.input(screen.getByTestId('env-name'), { target: { value: 'demo-1' } });
    await fireEvent.click(screen.getByTestId('create-and-provision'));
    await waitFor(() =>
      expect(api.createEnvironment).toHaveBeenCalledWith({
        name: 'demo-1',
        blueprint: 'multi-az-three-tier',
        source: null,
        overrides: { az_count: '3' },
        profile: 'sandbox',
        onFailure: 'rollback',
        lifetime: '8h',
      }),
    );
    await waitFor(() => expect(onnavigate).toHaveBeenCalledWith({ screen: 'environments', environment: 'demo-1' }));
    // The provision is an intent held in memory for the page, not a part of the route.
    expect(takeAutostart('demo-1')).toBe('provision');
    expect(takeAutostart('demo-1')).toBeNull();
  });
});
