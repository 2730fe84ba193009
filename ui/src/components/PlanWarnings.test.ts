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
          needsConsent: false,
        },
      ],
    });
    const region = screen.getByRole('region', { name: 'Warnings' });
    expect(region.textContent).toContain('Warnings (1)');
    expect(region.textContent).toContain(
      'security_groups[0].ingress[0] (security_group.host): ingress from 0.0.0.0/0 reaches port 22 (SSH)',
    );
  });

  it('says which warnings need a yes, and that the app will ask', () => {
    render(PlanWarnings, {
      warnings: [
        {
          kind: 'broad_iam_policy',
          logical: 'iam_role.host',
          path: 'iam_roles[0].managed_policies[0]',
          message: 'role iam_role.host gets arn:aws:iam::aws:policy/AdministratorAccess',
          needsConsent: true,
        },
        {
          kind: 'ebs_unencrypted',
          logical: 'instance.web',
          path: 'instances[0].root_volume.encrypted',
          message: "instance.web's root volume is not encrypted",
          needsConsent: false,
        },
      ],
    });
    const region = screen.getByRole('region', { name: 'Warnings' });
    expect(region.textContent).toContain('One needs your yes before anything is created');
    const [iam, ebs] = [...region.querySelectorAll('li')].map((li) => li.textContent);
    expect(iam).toContain('needs your yes');
    expect(ebs).not.toContain('needs your yes');
  });

  it('shows nothing for a quiet plan', () => {
    render(PlanWarnings, { warnings: [] });
    expect(screen.queryByRole('region', { name: 'Warnings' })).toBeNull();
  });
});
