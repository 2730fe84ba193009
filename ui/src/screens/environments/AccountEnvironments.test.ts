import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { AccountEnvironments as Listing, ProfileSummary } from '../../lib/bindings';
import { apiContext } from '../../lib/context';
import { fakeApi } from '../../test/fake-api';
import AccountEnvironments from './AccountEnvironments.svelte';

const profile = (name: string, isDefault: boolean): ProfileSummary => ({
  name,
  region: 'eu-west-1',
  kind: 'accessKeys',
  isDefault,
  endpoint: null,
  defaultLifetime: null,
});

const recorded: Listing = {
  teamMode: true,
  location: 's3://hangar-state-123456789012-eu-west-1/hangar/environments/',
  environments: [
    {
      id: 'u-1',
      name: 'shop-dev',
      status: 'ready',
      owner: 'arn:aws:iam::123456789012:user/ana',
      blueprint: 'web-and-postgres',
      createdAt: '2026-12-01T09:00:00Z',
      costPerHour: 0.125,
      updatedAt: '2026-12-01T10:00:00Z',
      job: null,
      jobExpired: false,
      here: false,
    },
    {
      id: 'u-2',
      name: 'solo',
      status: null,
      owner: null,
      blueprint: null,
      createdAt: null,
      costPerHour: null,
      updatedAt: null,
      job: null,
      jobExpired: false,
      here: false,
    },
  ],
};

function setUp() {
  const api = fakeApi();
  vi.mocked(api.listProfiles).mockResolvedValue([profile('sandbox', false), profile('work', true)]);
  const onadopted = vi.fn();
  render(AccountEnvironments, { props: { onadopted }, context: apiContext(api) });
  return { api, onadopted };
}

describe("the account's environments", () => {
  it('offers team mode to a profile without it, and looks again once it is on', async () => {
    const { api } = setUp();
    await waitFor(() => expect((screen.getByTestId('account-profile') as HTMLSelectElement).value).toBe('work'));
    await fireEvent.click(screen.getByTestId('account-look'));
    await waitFor(() => expect(screen.getByTestId('account-not-team').textContent).toContain('work'));
    expect(api.accountEnvironments).toHaveBeenCalledExactlyOnceWith('work');

    vi.mocked(api.accountEnvironments).mockResolvedValue(recorded);
    await fireEvent.click(screen.getByTestId('account-team-on'));
    expect(api.setTeamMode).toHaveBeenCalledExactlyOnceWith('work', true, null, null);
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(2));
  });

  it('turns team mode on in the bucket and prefix the person names', async () => {
    const { api } = setUp();
    await waitFor(() => expect((screen.getByTestId('account-profile') as HTMLSelectElement).value).toBe('work'));
    await fireEvent.click(screen.getByTestId('account-look'));
    await waitFor(() => screen.getByTestId('account-not-team'));
    await fireEvent.input(screen.getByLabelText('Bucket'), { target: { value: ' platform-state ' } });
    await fireEvent.input(screen.getByLabelText('Prefix'), { target: { value: 'teams/web/' } });
    await fireEvent.click(screen.getByTestId('account-team-on'));
    expect(api.setTeamMode).toHaveBeenCalledExactlyOnceWith('work', true, 'platform-state', 'teams/web/');
  });

  it('adopts a recorded environment, and one only its tags show for teardown', async () => {
    const { api, onadopted } = setUp();
    vi.mocked(api.accountEnvironments).mockResolvedValue(recorded);
    await waitFor(() => expect((screen.getByTestId('account-profile') as HTMLSelectElement).value).toBe('work'));
    await fireEvent.click(screen.getByTestId('account-look'));
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(2));
    const [adopt, forTeardown, ...more] = screen.getAllByTestId('account-adopt');
    expect(more).toHaveLength(0);
    expect(adopt?.getAttribute('aria-label')).toBe('Adopt shop-dev');
    expect(forTeardown?.getAttribute('aria-label')).toBe('Adopt solo for teardown only');
    expect(screen.getByText('not recorded')).toBeTruthy();
    expect(screen.getAllByTestId('account-cost').map((c) => c.textContent?.trim())).toEqual(['$0.13/h', '—']);

    await fireEvent.click(adopt as HTMLElement);
    await waitFor(() => expect(onadopted).toHaveBeenCalledExactlyOnceWith('shop-dev'));
    expect(api.adoptEnvironment).toHaveBeenCalledExactlyOnceWith('shop-dev', 'work');
  });
});
