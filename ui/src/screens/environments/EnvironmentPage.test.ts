import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Event as JobEvent, JobKind, JobView } from '../../lib/bindings';
import { requestAutostart } from '../../lib/autostart';
import { apiContext } from '../../lib/context';
import { clearErrors, shownErrors } from '../../lib/errors.svelte';
import { setLiveJobs } from '../../lib/jobs/live-jobs.svelte';
import { fakeApi } from '../../test/fake-api';
import { detailOf, jobOf, summaryOf } from '../../test/fake-environments-api';
import { planFor } from '../../test/blueprint-fixtures';
import EnvironmentPage from './EnvironmentPage.svelte';

afterEach(() => setLiveJobs());

function diagramStates(): Record<string, string | undefined> {
  return Object.fromEntries(
    [...document.querySelectorAll<SVGElement>('[data-testid="diagram-node"][data-state]')].map((n) => [
      n.dataset.id ?? '',
      n.dataset.state,
    ]),
  );
}

describe('Environment page', () => {
  it('colours the diagram from the job events and shows progress, outputs and the log', async () => {
    let send: (e: JobEvent) => void = () => {};
    let finish: () => void = () => {};
    const api = fakeApi({
      runJob: vi.fn((kind: JobKind, name: string, onEvent: (e: JobEvent) => void) => {
        send = onEvent;
        return new Promise<JobView>((resolve) => (finish = () => resolve(jobOf(3, name, { kind }))));
      }),
    });
    requestAutostart('demo', 'provision');
    render(EnvironmentPage, {
      props: { name: 'demo', onback: vi.fn() },
      context: apiContext(api),
    });
    await waitFor(() => expect(api.runJob).toHaveBeenCalled());
    send({ type: 'jobStarted', jobId: 3, kind: 'provision', total: 3 });
    for (const logical of ['vpc.main', 'instance.app', 'rds_instance.postgres']) {
      send({ type: 'node', logical, kind: '', state: 'pending', awsId: null, error: null });
    }
    send({ type: 'node', logical: 'instance.app', kind: 'instance', state: 'ready', awsId: 'i-1', error: null });
    send({
      type: 'node',
      logical: 'rds_instance.postgres',
      kind: 'rds_instance',
      state: 'creating',
      awsId: null,
      error: null,
    });
    send({ type: 'progress', done: 2, total: 3 });
    send({ type: 'log', level: 'info', source: 'instance.app', message: 'ready: i-1' });
    await waitFor(() => expect(diagramStates()['instance.app']).toBe('ready'));
    expect(diagramStates()['rds_instance.postgres']).toBe('creating');
    // Each resource row says its state in words, beside a shape that differs by state.
    const rows = Object.fromEntries(screen.getAllByTestId('resource').map((r) => [r.dataset.logical, r]));
    expect(rows['instance.app']?.textContent).toContain('Ready');
    expect(rows['rds_instance.postgres']?.textContent).toContain('Creating');
    const shape = (logical: string) =>
      rows[logical]?.querySelector('[data-testid="state-glyph"] path')?.getAttribute('d');
    expect(shape('instance.app')).toBeTruthy();
    expect(shape('instance.app')).not.toBe(shape('rds_instance.postgres'));
    expect(screen.getByTestId('progress-label').textContent).toBe('2 of 3 resources');
    expect(screen.getByTestId('log-panel').dataset.count).toBe('1');

    vi.mocked(api.getEnvironment).mockResolvedValue(
      detailOf('demo', 'ready', {
        outputs: { app_public_ip: '54.0.0.1', db_endpoint: 'db.demo:5432' },
        jobs: [jobOf(3, 'demo')],
        nextJobs: [
          { action: 'refresh', kind: 'refresh' },
          { action: 'teardown', kind: 'teardown' },
        ],
      }),
    );
    send({
      type: 'node',
      logical: 'rds_instance.postgres',
      kind: 'rds_instance',
      state: 'ready',
      awsId: 'db-1',
      error: null,
    });
    send({ type: 'jobFinished', jobId: 3, status: 'succeeded', error: null, failures: [], retained: [] });
    finish();
    await waitFor(() =>
      expect(screen.getAllByTestId('output').map((o) => o.dataset.name)).toEqual(['app_public_ip', 'db_endpoint']),
    );
    expect(diagramStates()['rds_instance.postgres']).toBe('ready');
    expect(screen.getByTestId('teardown')).toBeTruthy();
  });

  it('a failed job names the node, AWS code and reason, and Retry runs the job the engine offers', async () => {
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'failed', {
          jobs: [
            jobOf(4, name, {
              status: 'failed',
              error: 'rds_instance.postgres: CreateDBInstance: InvalidParameterCombination: no such version',
              failures: [
                {
                  node: 'rds_instance.postgres',
                  kind: 'rds_instance',
                  awsCode: 'InvalidParameterCombination',
                  message: 'CreateDBInstance: InvalidParameterCombination: no such version',
                },
              ],
            }),
          ],
          resources: [
            { logical: 'rds_instance.postgres', kind: 'rds_instance', awsId: null, state: 'failed', drift: [] },
          ],
          nextJobs: [
            { action: 'retry', kind: 'resume' },
            { action: 'teardown', kind: 'teardown' },
          ],
        }),
      ),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    const panel = await screen.findByTestId('failure-panel');
    const node = await screen.findByTestId('failed-node');
    expect(node.dataset.logical).toBe('rds_instance.postgres');
    expect(screen.getByTestId('aws-code').textContent).toBe('InvalidParameterCombination');
    expect(panel.textContent).toContain('no such version');
    await waitFor(() => expect(diagramStates()['rds_instance.postgres']).toBe('failed'));
    // The failed node's inspector says the same.
    const dbNode = [...document.querySelectorAll<SVGElement>('[data-testid="diagram-node"]')].find(
      (n) => n.dataset.id === 'rds_instance.postgres',
    );
    if (!dbNode) throw new Error('no rds_instance.postgres node');
    await fireEvent.click(dbNode);
    expect(screen.getByTestId('inspector-failure').textContent).toContain('InvalidParameterCombination');
    expect(screen.getByTestId('teardown')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('retry'));
    await waitFor(() => expect(api.runJob).toHaveBeenCalledWith('resume', 'demo', expect.any(Function)));
  });

  it('a failed teardown is retried as a teardown, because the engine says so', async () => {
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'failed', {
          jobs: [
            jobOf(9, name, { kind: 'teardown', status: 'failed', error: '1 resources are still there: vpc vpc-1' }),
          ],
          nextJobs: [
            { action: 'retry', kind: 'teardown' },
            { action: 'teardown', kind: 'teardown' },
          ],
        }),
      ),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    expect((await screen.findByTestId('job-error')).textContent).toContain('still there');
    await fireEvent.click(screen.getByTestId('retry'));
    await waitFor(() => expect(api.runJob).toHaveBeenCalledWith('teardown', 'demo', expect.any(Function)));
  });

  it('offers nothing the engine does not: no buttons while a job runs elsewhere', async () => {
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'ready', { jobs: [jobOf(10, name, { kind: 'refresh', status: 'running', finishedAt: null })] }),
      ),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    await screen.findByTestId('job-progress');
    for (const id of ['provision', 'refresh', 'teardown', 'retry', 'resume', 'repair']) {
      expect(screen.queryByTestId(id)).toBeNull();
    }
  });

  it('says when it expires, and Keep 1 more hour extends it through the engine', async () => {
    const soon = new Date(Date.now() + 20 * 60_000).toISOString();
    const later = new Date(Date.now() + 80 * 60_000 + 30_000).toISOString();
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'ready', { summary: summaryOf(name, 'ready', { expiresAt: soon }) }),
      ),
      extendEnvironment: vi.fn(async (name: string) => summaryOf(name, 'ready', { expiresAt: later })),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    expect((await screen.findByTestId('env-expiry')).textContent?.trim()).toMatch(/^(19|20)m left$/);
    await fireEvent.click(screen.getByTestId('extend-1h'));
    expect(api.extendEnvironment).toHaveBeenCalledWith('demo', '1h');
    await waitFor(() => expect(screen.getByTestId('env-expiry').textContent?.trim()).toBe('1h 20m left'));
  });

  it('offers Pause (not Wake) on a ready environment, and Pause runs the pause job', async () => {
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'ready', {
          nextJobs: [
            { action: 'refresh', kind: 'refresh' },
            { action: 'pause', kind: 'pause' },
            { action: 'teardown', kind: 'teardown' },
          ],
        }),
      ),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    await fireEvent.click(await screen.findByTestId('pause'));
    await waitFor(() => expect(api.runJob).toHaveBeenCalledWith('pause', 'demo', expect.any(Function)));
    expect(screen.queryByTestId('wake')).toBeNull();
  });

  it('sets office hours through the engine and shows what it kept', async () => {
    const api = fakeApi();
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    expect((await screen.findByTestId('office-hours')).textContent).toBe('runs always');
    await fireEvent.click(screen.getByTestId('office-hours-edit'));
    const input = screen.getByLabelText('Office hours') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'mon-fri 08:00-19:00 Europe/Paris' } });
    await fireEvent.click(screen.getByTestId('office-hours-save'));
    expect(api.setOfficeHours).toHaveBeenCalledWith('demo', 'mon-fri 08:00-19:00 Europe/Paris');
    await waitFor(() =>
      expect(screen.getByTestId('office-hours').textContent).toBe('runs mon-fri 08:00-19:00 Europe/Paris'),
    );
  });

  it('an interrupted job offers Resume and Tear down', async () => {
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'interrupted', {
          jobs: [jobOf(5, name, { status: 'interrupted', finishedAt: null })],
          nextJobs: [
            { action: 'resume', kind: 'resume' },
            { action: 'teardown', kind: 'teardown' },
          ],
        }),
      ),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    const banner = await screen.findByTestId('interrupted-banner');
    expect(banner.textContent).toContain('was interrupted');
    expect(screen.getByTestId('teardown')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('resume'));
    await waitFor(() => expect(api.runJob).toHaveBeenCalledWith('resume', 'demo', expect.any(Function)));
  });

  it('a setting changed in AWS is counted in the notice and badged on its node', async () => {
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'drifted', {
          jobs: [jobOf(6, name, { kind: 'refresh' })],
          resources: [
            {
              logical: 'rds_instance.postgres',
              kind: 'rds_instance',
              awsId: 'db-1',
              state: 'ready',
              drift: [{ setting: 'db_instance_class', want: 'db.t3.micro', have: 'db.m5.large' }],
            },
          ],
          nextJobs: [{ action: 'repair', kind: 'resume' }],
        }),
      ),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    const notice = await screen.findByTestId('drifted-notice');
    expect(notice.textContent).toContain('1 setting was changed in AWS');
    const node = await waitFor(() => {
      const found = document.querySelector<SVGElement>('[data-testid="diagram-node"][data-id="rds_instance.postgres"]');
      expect(found?.querySelector('[data-testid="node-drift-badge"]')).toBeTruthy();
      return found as SVGElement;
    });
    expect(node.getAttribute('aria-label')).toContain(
      'changed in AWS: database class: want db.t3.micro, have db.m5.large',
    );
    expect(document.querySelectorAll('[data-testid="node-drift-badge"]')).toHaveLength(1);
  });

  it('a drifted environment names what is gone, colours it red, and Repair resumes', async () => {
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'drifted', {
          jobs: [jobOf(6, name, { kind: 'refresh' })],
          resources: [
            { logical: 'rds_instance.postgres', kind: 'rds_instance', awsId: 'db-1', state: 'missing', drift: [] },
          ],
          nextJobs: [
            { action: 'refresh', kind: 'refresh' },
            { action: 'repair', kind: 'resume' },
            { action: 'teardown', kind: 'teardown' },
          ],
        }),
      ),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    const notice = await screen.findByTestId('drifted-notice');
    expect(notice.textContent).toContain('1 of this environment');
    expect(notice.textContent).toContain('rds_instance.postgres');
    expect(screen.getByTestId('status-badge').textContent).toContain('Drifted');
    await waitFor(() => expect(diagramStates()['rds_instance.postgres']).toBe('failed'));
    await fireEvent.click(screen.getByTestId('repair'));
    await waitFor(() => expect(api.runJob).toHaveBeenCalledWith('resume', 'demo', expect.any(Function)));
  });

  it('Refresh runs a refresh job on a ready environment', async () => {
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'ready', {
          nextJobs: [
            { action: 'refresh', kind: 'refresh' },
            { action: 'teardown', kind: 'teardown' },
          ],
        }),
      ),
    });
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    await fireEvent.click(await screen.findByTestId('refresh'));
    await waitFor(() => expect(api.runJob).toHaveBeenCalledWith('refresh', 'demo', expect.any(Function)));
  });

  it("shows the plan's warnings before provisioning, and a declined risk is no error toast", async () => {
    const plan = planFor();
    const api = fakeApi({
      getEnvironment: vi.fn(async (name: string) =>
        detailOf(name, 'new', {
          nextJobs: [{ action: 'provision', kind: 'provision' }],
          plan: {
            ...plan,
            stage: 'prod',
            warnings: [
              {
                kind: 'open_admin_port',
                logical: 'security_group.app',
                path: 'security_groups[0].ingress[0]',
                message: 'ingress from 0.0.0.0/0 reaches port 22 (SSH)',
                needsConsent: true,
              },
            ],
          },
        }),
      ),
      runJob: vi.fn(async () => {
        throw { code: 'risk_not_accepted', message: 'demo was not created: the risks were not accepted' };
      }),
    });
    clearErrors();
    render(EnvironmentPage, { props: { name: 'demo', onback: vi.fn() }, context: apiContext(api) });
    const region = await screen.findByRole('region', { name: 'Warnings' });
    expect(region.textContent).toContain('security_groups[0].ingress[0]');
    expect(region.textContent).toContain('needs your yes');
    await fireEvent.click(await screen.findByTestId('provision'));
    await waitFor(() => expect(api.runJob).toHaveBeenCalled());
    // Declining in the native dialog is the person's answer, not an error to show; another
    // refusal would be shown.
    expect(shownErrors()).toEqual([]);
  });
});
