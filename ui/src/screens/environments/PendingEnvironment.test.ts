import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pendingEnvironment } from '../../lib/pending-environment';
import Environments from '../Environments.svelte';

afterEach(() => pendingEnvironment.set(null));

describe('Environments with a blueprint picked', () => {
  it('says what is ready to create, with the parameters, and can go back or discard', async () => {
    pendingEnvironment.set({
      name: 'skillancer-dev',
      blueprint: 'multi-az-three-tier',
      title: 'Multi-AZ three-tier network',
      parameters: { az_count: '3', environment: 'dev' },
      overrides: { az_count: '3' },
      monthlyTotal: 258.99,
    });
    const onnavigate = vi.fn();
    render(Environments, { props: { onnavigate } });
    const card = screen.getByTestId('pending-environment');
    expect(card.textContent).toContain('Ready to create skillancer-dev from multi-az-three-tier');
    expect(card.textContent).toContain('$258.99');
    expect(screen.getAllByTestId('pending-param').map((r) => r.dataset.param)).toEqual(['az_count', 'environment']);
    await fireEvent.click(screen.getByTestId('pending-change'));
    expect(onnavigate).toHaveBeenCalledWith('blueprints');
    await fireEvent.click(screen.getByTestId('pending-discard'));
    expect(screen.queryByTestId('pending-environment')).toBeNull();
  });
});
