import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import PlanWarnings from './PlanWarnings.svelte';

describe('PlanWarnings', () => {
  it('lists each warning with its path and node', () => {
    render(PlanWarnings, {
      warnings: [
        {
          kind: 'open_admin_port',
          logical: 'security_group.host',
          path: 'security_groups[0].ingress[0]',
          message: 'ingress from 0.0.0.0/0 reaches port 22 (SSH)',
        },
      ],
    });
    const region = screen.getByRole('region', { name: 'Warnings' });
    expect(region.textContent).toContain('Warnings (1)');
    expect(region.textContent).toContain(
      'security_groups[0].ingress[0] (security_group.host): ingress from 0.0.0.0/0 reaches port 22 (SSH)',
    );
  });

  it('shows nothing for a quiet plan', () => {
    render(PlanWarnings, { warnings: [] });
    expect(screen.queryByRole('region', { name: 'Warnings' })).toBeNull();
  });
});
