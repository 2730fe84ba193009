import { describe, expect, it, vi } from 'vitest';
import type { Invoke } from './api';
import { createUsersApi } from './users-api';

describe('users file commands', () => {
  it('open dialogs through Hangar commands (which grant the path), never the dialog plugin', async () => {
    const invoke = vi.fn(async () => '/home/ann/team.csv') as unknown as Invoke & ReturnType<typeof vi.fn>;
    const api = createUsersApi(invoke);
    expect(await api.pickUsersFile()).toBe('/home/ann/team.csv');
    await api.pickExportPath('dev-users.csv');
    await api.checkUsersFile('/home/ann/team.csv');
    await api.exportUsers('dev', '/home/ann/out.csv');
    expect(invoke.mock.calls).toEqual([
      ['pick_users_file', undefined],
      ['pick_export_path', { defaultName: 'dev-users.csv' }],
      ['check_users_file', { path: '/home/ann/team.csv', roles: null }],
      ['export_users', { env: 'dev', path: '/home/ann/out.csv' }],
    ]);
    expect(invoke.mock.calls.some(([cmd]) => String(cmd).startsWith('plugin:dialog'))).toBe(false);
  });

  it('reject a path Rust did not grant with its code', async () => {
    const api = createUsersApi((async () => {
      throw { code: 'not_granted', message: "/etc/passwd was not picked in Hangar's file dialog" };
    }) as Invoke);
    await expect(api.checkUsersFile('/etc/passwd')).rejects.toMatchObject({ code: 'not_granted' });
  });
});
