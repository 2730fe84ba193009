import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import PlanHosts from './PlanHosts.svelte';
import type { HostSummary } from '../lib/bindings';

const host: HostSummary = {
  logical: 'instance.dev-server',
  actions: [
    { action: 'installPackages', manager: 'apt-get', packages: ['docker.io', 'docker-compose-v2'] },
    { action: 'startSystemService', name: 'docker' },
    { action: 'writeFile', path: '/opt/app/docker-compose.yml', mode: '644', holds: 'compose' },
    { action: 'writeFile', path: '/opt/app/.env', mode: '600', holds: 'dot_env' },
    { action: 'generatedPassword', variable: 'POSTGRES_PASSWORD' },
    { action: 'publicAddress', variable: 'HANGAR_PUBLIC_HOST' },
    { action: 'composeUp', dir: '/opt/app', profiles: [] },
  ],
  services: [
    {
      name: 'frontend',
      image: 'migration/frontend:latest',
      containerName: 'migration_frontend',
      ports: [{ host: '8081', container: '8081' }],
      starts: true,
      profiles: [],
      publicUrls: [['NEXT_PUBLIC_API_URL', 'http://${HANGAR_PUBLIC_HOST}:8000']],
      usesGeneratedPassword: [],
    },
    {
      name: 'postgres',
      image: 'postgres:16-alpine',
      containerName: 'migration_postgres',
      ports: [{ host: '5433', container: '5432' }],
      starts: true,
      profiles: [],
      publicUrls: [],
      usesGeneratedPassword: ['POSTGRES_PASSWORD'],
    },
  ],
};

describe('PlanHosts', () => {
  it('lists what the user data does, in order, and each container with its ports', () => {
    render(PlanHosts, { hosts: [host] });
    const region = screen.getByRole('region', { name: 'Host instance.dev-server' });
    const steps = [...region.querySelectorAll('ol li')].map((li) => li.textContent);
    expect(steps).toEqual([
      'install docker.io, docker-compose-v2 (apt-get)',
      'enable and start docker',
      'write /opt/app/docker-compose.yml (mode 644): docker-compose.yml',
      'write /opt/app/.env (mode 600): compose variables',
      'set POSTGRES_PASSWORD: generated, kept in the keychain',
      "set HANGAR_PUBLIC_HOST to the host's public DNS name (else public IPv4), from IMDSv2",
      'docker compose up -d in /opt/app',
    ]);
    const frontend = region.querySelector('[data-service="frontend"]')?.textContent ?? '';
    expect(frontend).toContain('migration/frontend:latest');
    expect(frontend).toContain('8081→8081');
    expect(frontend).toContain('NEXT_PUBLIC_API_URL = http://${HANGAR_PUBLIC_HOST}:8000');
    const postgres = region.querySelector('[data-service="postgres"]')?.textContent ?? '';
    expect(postgres).toContain('5433→5432');
    expect(postgres).toContain('POSTGRES_PASSWORD: generated password');
  });

  it('shows nothing for a plan without hosts', () => {
    const { container } = render(PlanHosts, { hosts: [] });
    expect(container.querySelector('[data-testid="plan-host"]')).toBeNull();
  });
});
