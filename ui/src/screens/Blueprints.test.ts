import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlanOutcome } from '../lib/bindings';
import { apiContext } from '../lib/context';
import { pendingEnvironment } from '../lib/pending-environment.svelte';
import type { Route } from '../lib/routes';
import { validOutcome } from '../test/blueprint-fixtures';
import { fakeApi } from '../test/fake-api';
import Blueprints from './Blueprints.svelte';

afterEach(() => pendingEnvironment.clear());

/** The screen as App shows it: a blueprint picked goes into the route, and back in as a prop. */
function open(api = fakeApi(), props: Record<string, unknown> = {}) {
  const onnavigate = vi.fn((to: Route) => {
    if (to.screen === 'blueprints') void shown.rerender({ blueprint: to.blueprint ?? null });
  });
  const shown = render(Blueprints, { props: { onnavigate, ...props }, context: apiContext(api) });
  return { api, onnavigate };
}

async function planned(): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('diagram').dataset.ready).toBe('true'));
}

describe('Blueprints screen', () => {
  it('lists built-ins and the user’s copies, each with its description', async () => {
    open();
    const items = await screen.findAllByTestId('blueprint-item');
    expect(items.map((i) => i.dataset.name)).toEqual(['web-and-postgres', 'multi-az-three-tier', 'my-web']);
    expect(items[0]?.textContent).toContain('VPC with public and private subnets, EC2 and RDS.');
    expect(items[0]?.getAttribute('aria-current')).toBe('true');
  });

  it('plans the first blueprint and shows its form, diagram, steps and dev/prod cost', async () => {
    const api = fakeApi({
      planBlueprint: vi.fn(async ({ overrides }) => validOutcome(overrides.environment === 'prod' ? 120 : 42.5)),
    });
    open(api);
    await planned();
    expect(screen.getByTestId('param-az_count')).toBeTruthy();
    expect((screen.getByTestId('param-environment') as HTMLSelectElement).tagName).toBe('SELECT');
    expect((screen.getByTestId('param-db_multi_az') as HTMLInputElement).type).toBe('checkbox');
    expect(screen.getAllByTestId('plan-step')).toHaveLength(3);
    expect(screen.getByTestId('cost-total').textContent).toBe('$42.50');
    await waitFor(() => expect(screen.getByTestId('cost-comparison').textContent).toContain('$120.00'));
    expect(api.planBlueprint).toHaveBeenCalledWith({ name: 'web-and-postgres', source: null, overrides: {} });
    expect(api.planBlueprint).toHaveBeenCalledWith({
      name: 'web-and-postgres',
      source: null,
      overrides: { environment: 'prod' },
    });
  });

  it('checks zones and instance types with the active profile when asked, and shows what is not offered', async () => {
    const api = fakeApi();
    open(api, { profile: 'work' });
    await planned();
    expect(api.planBlueprint).not.toHaveBeenCalledWith(expect.objectContaining({ profile: 'work' }));
    vi.mocked(api.planBlueprint).mockResolvedValueOnce({
      status: 'invalid',
      errors: [{ path: 'instances[0].instance_type', message: 't3.small is not offered in us-east-1a' }],
    });
    await fireEvent.click(screen.getByTestId('check-offerings'));
    expect(api.planBlueprint).toHaveBeenLastCalledWith({
      name: 'web-and-postgres',
      source: null,
      overrides: {},
      profile: 'work',
    });
    await waitFor(() =>
      expect(screen.getByTestId('screen-blueprints').textContent).toContain('t3.small is not offered in us-east-1a'),
    );
  });

  it('offers no AWS check without a profile', async () => {
    open();
    await planned();
    expect(screen.queryByTestId('check-offerings')).toBeNull();
  });

  it('re-plans on change and shows set.<param> errors at the field, others in a list', async () => {
    const invalid: PlanOutcome = {
      status: 'invalid',
      errors: [
        { path: 'set.az_count', message: 'must be at most 3' },
        { path: 'network.tiers[1].subnets[0].cidr', message: '10.0.1.0/24 overlaps public-a' },
      ],
    };
    const api = fakeApi();
    open(api);
    await planned();
    vi.mocked(api.planBlueprint).mockResolvedValue(invalid);
    await fireEvent.input(screen.getByTestId('param-az_count'), { target: { value: '9' } });
    const fieldError = await screen.findByTestId('param-error-az_count');
    expect(fieldError.textContent).toBe('must be at most 3');
    const list = screen.getByTestId('plan-errors');
    expect(list.textContent).toContain('network.tiers[1].subnets[0].cidr');
    expect(list.textContent).not.toContain('set.az_count');
    expect(api.planBlueprint).toHaveBeenLastCalledWith({
      name: 'web-and-postgres',
      source: null,
      overrides: { az_count: '9' },
    });
    expect((screen.getByTestId('create-environment') as HTMLButtonElement).disabled).toBe(true);
  });

  it('takes the blueprint and its parameters to Environments', async () => {
    const { onnavigate } = open();
    await planned();
    await fireEvent.click(screen.getByTestId('create-environment'));
    expect(onnavigate).toHaveBeenCalledWith({ screen: 'environments' });
    expect(pendingEnvironment.current).toMatchObject({
      name: 'demo-dev',
      blueprint: 'web-and-postgres',
      monthlyTotal: 42.5,
    });
  });

  it('copies a built-in, edits its TOML and saves it as the user’s own', async () => {
    const api = fakeApi();
    open(api);
    await planned();
    await fireEvent.click(screen.getByTestId('copy-blueprint'));
    const editor = screen.getByTestId('source-editor');
    expect((within(editor).getByTestId('copy-name') as HTMLInputElement).value).toBe('web-and-postgres-copy');
    const text = within(editor).getByTestId('source-text') as HTMLTextAreaElement;
    expect(text.value).toContain('name = "web-and-postgres-copy"');
    vi.mocked(api.saveUserBlueprint).mockResolvedValueOnce({
      status: 'invalid',
      errors: [{ path: 'network.vpc.cidr', message: 'not a CIDR' }],
    });
    await fireEvent.click(within(editor).getByTestId('save-copy'));
    expect((await screen.findByTestId('source-errors')).textContent).toContain('network.vpc.cidr');
    expect(api.saveUserBlueprint).toHaveBeenCalledWith({
      name: 'web-and-postgres-copy',
      basedOn: 'web-and-postgres',
      source: text.value,
    });
    await fireEvent.click(within(editor).getByTestId('save-copy'));
    await waitFor(() => expect(api.listBlueprints).toHaveBeenCalledTimes(2));
  });
});
