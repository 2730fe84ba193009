import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiContext } from '../../lib/context';
import { applyEvents, newJob } from '../../lib/jobs/job-state';
import { liveJob, passwordSeen, setLiveJobs } from '../../lib/jobs/live-jobs.svelte';
import { LogBuffer } from '../../lib/jobs/log-buffer.svelte';
import { fakeApi } from '../../test/fake-api';
import PasswordPanel from './PasswordPanel.svelte';

const SECRET = 'Generated0Password0For0The0Test';

afterEach(() => setLiveJobs());

describe('the generated password', () => {
  it('is shown once after the job that made it, copied on request, and gone after Close', async () => {
    const api = fakeApi();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const onseen = vi.fn();
    render(PasswordPanel, { props: { name: 'demo', fresh: true, onseen }, context: apiContext(api) });

    await waitFor(() => expect(screen.getByTestId('password-value').textContent).toBe(SECRET));
    expect(api.environmentPassword).toHaveBeenCalledExactlyOnceWith('demo');
    await fireEvent.click(screen.getByTestId('copy-password'));
    expect(writeText).toHaveBeenCalledExactlyOnceWith(SECRET);

    await fireEvent.click(screen.getByTestId('hide-password'));
    expect(onseen).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('password-value')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
    expect(screen.getByTestId('reveal-password')).toBeTruthy();
  });

  it('otherwise stays hidden until Reveal reads it through the command, and Hide drops it', async () => {
    const api = fakeApi();
    render(PasswordPanel, { props: { name: 'demo', fresh: false, onseen: vi.fn() }, context: apiContext(api) });
    expect(screen.queryByTestId('password-value')).toBeNull();
    expect(api.environmentPassword).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('reveal-password'));
    await waitFor(() => expect(screen.getByTestId('password-value').textContent).toBe(SECRET));
    expect(api.environmentPassword).toHaveBeenCalledExactlyOnceWith('demo');

    await fireEvent.click(screen.getByTestId('hide-password'));
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('the job state keeps that it was made, never the value, and forgets it once seen', () => {
    const { state } = applyEvents(newJob('provision', 0), [{ type: 'passwordGenerated' }]);
    expect(state.passwordGenerated).toBe(true);
    setLiveJobs({ demo: { state, log: new LogBuffer() } });
    passwordSeen('demo');
    expect(liveJob('demo')?.state.passwordGenerated).toBe(false);
    expect(JSON.stringify(liveJob('demo')?.state)).not.toContain(SECRET);
  });
});
