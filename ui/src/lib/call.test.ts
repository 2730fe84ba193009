import { describe, expect, it, vi } from 'vitest';
import { createApi } from './api';
import { typedCall, type Invoke } from './call';
import { createUsersApi } from './users-api';

describe('the typed call', () => {
  it('passes the command name and the keys Tauri reads to invoke', async () => {
    const invoke = vi.fn(async () => null) as unknown as Invoke & ReturnType<typeof vi.fn>;
    const api = createApi(invoke);
    await api.planBlueprint({ name: 'web', overrides: { size: 'small' } });
    await api.saveUserBlueprint({ name: 'mine', basedOn: 'web', source: '[blueprint]' });
    await api.jobLogs(7, 0, 100);
    await api.answerMfaPrompt(3, null);
    await createUsersApi(invoke).importUsers('dev', '/home/ann/team.csv', true);
    expect(invoke.mock.calls).toEqual([
      ['plan_blueprint', { name: 'web', source: null, overrides: { size: 'small' }, profile: null }],
      ['save_user_blueprint', { name: 'mine', basedOn: 'web', source: '[blueprint]' }],
      ['job_logs', { jobId: 7, afterId: 0, limit: 100 }],
      ['answer_mfa_prompt', { requestId: 3, code: null }],
      ['import_users', { env: 'dev', path: '/home/ann/team.csv', acceptValid: true, roles: null }],
    ]);
  });

  it('sends no arguments to a command that takes none, and rejects with an ApiError', async () => {
    const invoke = vi.fn(async () => Promise.reject('command list_blueprints not found'));
    const call = typedCall(invoke as Invoke);
    await expect(call('list_blueprints')).rejects.toEqual({
      code: 'internal',
      message: 'command list_blueprints not found',
    });
    expect(invoke).toHaveBeenCalledWith('list_blueprints', undefined);
  });
});
