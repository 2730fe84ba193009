import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreviewRow, RowError, UserRow, UsersCheckOutcome, UsersTarget } from '../../lib/bindings';
import type { UsersApi } from '../../lib/users-api';
import { handleDrop, usersImport } from '../../lib/users-drop.svelte';
import { rowWindow, ROW_HEIGHT } from '../../lib/users-view';
import UsersImportDialog from './UsersImportDialog.svelte';
import UsersImportPanel from './UsersImportPanel.svelte';

const COLUMNS = ['username', 'email', 'name', 'role'];

/** A checked file of `n` rows, with errors at rows 3 (email) and 7 (role, and the row). */
function outcome(n: number): UsersCheckOutcome {
  const rows: PreviewRow[] = [];
  const users: UserRow[] = [];
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    const email = row === 3 ? 'not-an-email' : `user${i}@example.com`;
    const role = row === 7 ? 'boss' : 'viewer';
    rows.push({ row, cells: [`user${i}`, email, '', role] });
    if (row !== 3 && row !== 7) users.push({ username: `user${i}`, email, name: null, role });
  }
  const errors: RowError[] = [
    { row: 3, column: 'email', message: '`not-an-email` is not an email address' },
    { row: 7, column: 'role', message: '`boss` is not one of admin, developer, viewer' },
    { row: 7, column: '', message: 'has 5 cells but the header has 4 columns' },
  ];
  return {
    status: 'checked',
    file: { path: '/tmp/team.csv', fileName: 'team.csv', sizeBytes: 4096, sha256: 'ab'.repeat(32) },
    report: {
      users,
      errors,
      warnings: ['the file is not UTF-8: read as Windows-1252 (Latin-1)'],
      rowsRead: n,
      invalidRows: 2,
      encoding: 'windows1252',
      delimiter: ',',
    },
    preview: { columns: COLUMNS, rows },
  };
}

const DEFAULT_ROLES = ['admin', 'developer', 'viewer'];

function fakeApi(
  rows: number,
  targets: UsersTarget[] = [{ name: 'demo', blueprint: 'docker-host', status: 'ready', roles: DEFAULT_ROLES }],
): UsersApi {
  return {
    checkUsersFile: vi.fn(async () => outcome(rows)),
    importUsers: vi.fn(async (env: string) => ({
      environment: env,
      import: {
        fileName: 'team.csv',
        sizeBytes: 4096,
        sha256: 'ab'.repeat(32),
        importedAt: '2025-01-01T00:00:00.000Z',
        acceptedRows: rows - 2,
        rejectedRows: 2,
      },
      instances: ['instance.host'],
      toReplace: ['instance.host'],
    })),
    listUsers: vi.fn(),
    exportUsers: vi.fn(),
    usersTargets: vi.fn(async () => targets),
    pickUsersFile: vi.fn(async () => '/tmp/picked.csv'),
    pickExportPath: vi.fn(),
  };
}

afterEach(() => usersImport.close());

describe('the Users import panel', () => {
  it('renders a bounded window of rows for 100k, with every error at its row and column', async () => {
    const api = fakeApi(100_000);
    render(UsersImportPanel, { props: { api, path: '/tmp/team.csv' } });
    await screen.findByTestId('users-summary');
    expect(api.checkUsersFile).toHaveBeenCalledWith('/tmp/team.csv', DEFAULT_ROLES);
    expect(screen.getByTestId('users-valid').textContent).toBe('99,998 valid rows');
    expect(screen.getByTestId('users-invalid').textContent).toBe('2 invalid rows');
    expect(screen.getByTestId('users-warning').textContent).toContain('Windows-1252');
    expect(screen.getByTestId('users-summary').textContent).toContain('Latin-1');

    const rendered = screen.getAllByTestId('users-row');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(60);
    const spacer = screen.getByTestId('users-scroller').firstElementChild as HTMLElement;
    expect(spacer.style.height).toBe(`${100_000 * ROW_HEIGHT}px`);

    const row3 = rendered.find((r) => r.dataset.row === '3') as HTMLElement;
    const bad = row3.querySelectorAll('[data-error="true"]');
    expect([...bad].map((c) => (c as HTMLElement).dataset.column)).toEqual(['email']);
    expect(row3.querySelector('[data-testid="row-problems"]')?.textContent).toBe(
      'email: `not-an-email` is not an email address',
    );
    const row7 = rendered.find((r) => r.dataset.row === '7') as HTMLElement;
    expect(row7.querySelector('[data-testid="row-problems"]')?.textContent).toContain(
      'has 5 cells but the header has 4 columns',
    );
    expect(rendered.find((r) => r.dataset.row === '2')?.querySelectorAll('[data-error]').length).toBe(0);

    // Scrolled far down, the window moves and stays bounded.
    const scroller = screen.getByTestId('users-scroller');
    scroller.scrollTop = 50_000 * ROW_HEIGHT;
    await fireEvent.scroll(scroller);
    const after = screen.getAllByTestId('users-row');
    expect(after.length).toBeLessThan(60);
    expect(after.some((r) => r.dataset.row === String(50_000 + 2))).toBe(true);
  });

  it('stores nothing until "Accept N valid rows", then says which instances to replace', async () => {
    const api = fakeApi(10);
    render(UsersImportPanel, { props: { api, path: '/tmp/team.csv' } });
    const accept = await screen.findByTestId('users-accept');
    await waitFor(() => expect((screen.getByTestId('users-target') as HTMLSelectElement).value).toBe('demo'));
    expect(accept.textContent?.trim()).toBe('Accept 8 valid rows');
    expect(api.importUsers).not.toHaveBeenCalled();
    await fireEvent.click(accept);
    expect(api.importUsers).toHaveBeenCalledWith('demo', '/tmp/team.csv', true, DEFAULT_ROLES);
    const done = await screen.findByTestId('users-imported');
    expect(done.textContent).toContain('Recorded 8 users for demo');
    expect(done.textContent).toContain('replace instance.host');
  });

  it('cannot accept without an environment, and shows only error rows when asked', async () => {
    const api = fakeApi(10, []);
    render(UsersImportPanel, { props: { api, path: '/tmp/team.csv' } });
    const accept = await screen.findByTestId('users-accept');
    await screen.findByTestId('users-no-targets');
    expect((accept as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('users-only-errors'));
    expect(screen.getAllByTestId('users-row').map((r) => r.dataset.row)).toEqual(['3', '7']);
  });

  it("checks against the environment's blueprint roles, and the roles typed in their place", async () => {
    const api = fakeApi(10, [{ name: 'crm', blueprint: 'my-crm', status: 'ready', roles: ['user', 'manager'] }]);
    render(UsersImportPanel, { props: { api, path: '/tmp/team.csv' } });
    await screen.findByTestId('users-summary');
    expect(api.checkUsersFile).toHaveBeenCalledWith('/tmp/team.csv', ['user', 'manager']);
    const roles = screen.getByTestId('users-roles') as HTMLInputElement;
    expect(roles.value).toBe('user, manager');

    await fireEvent.input(roles, { target: { value: 'user, manager , owner,' } });
    await fireEvent.change(roles);
    await waitFor(() =>
      expect(api.checkUsersFile).toHaveBeenLastCalledWith('/tmp/team.csv', ['user', 'manager', 'owner']),
    );
    await fireEvent.click(await screen.findByTestId('users-accept'));
    expect(api.importUsers).toHaveBeenCalledWith('crm', '/tmp/team.csv', true, ['user', 'manager', 'owner']);
  });

  it('picks a file when nothing was dropped', async () => {
    const api = fakeApi(3);
    render(UsersImportPanel, { props: { api } });
    await fireEvent.click(screen.getByTestId('users-pick'));
    await screen.findByTestId('users-summary');
    expect(api.checkUsersFile).toHaveBeenCalledWith('/tmp/picked.csv', DEFAULT_ROLES);
  });
});

describe('dropping files on the window', () => {
  it('opens the import on the first CSV of a drop and ignores the rest', () => {
    expect(handleDrop({ payload: { type: 'over' } })).toBe(false);
    expect(handleDrop({ payload: { type: 'drop', paths: ['/tmp/photo.png'] } })).toBe(false);
    expect(usersImport.request).toBeNull();
    expect(handleDrop({ payload: { type: 'drop', paths: ['/tmp/a.png', '/tmp/Team.CSV'] } })).toBe(true);
    expect(usersImport.request).toEqual({ path: '/tmp/Team.CSV' });
  });

  it('windows only what is in view', () => {
    expect(rowWindow(0, 280, 100_000)).toEqual({ start: 0, end: 18 });
    expect(rowWindow(1000 * ROW_HEIGHT, 280, 100_000)).toEqual({ start: 992, end: 1018 });
    expect(rowWindow(0, 280, 3)).toEqual({ start: 0, end: 3 });
  });
});

describe('the Users import dialog', () => {
  it('opens modally with focus inside, closes on Escape and gives focus back', async () => {
    const user = userEvent.setup();
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    render(UsersImportDialog, { props: { api: fakeApi(10) } });
    usersImport.open('/tmp/team.csv');
    const dialog = (await screen.findByTestId('users-dialog')) as HTMLDialogElement;
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.open).toBe(true);
    expect(dialog.contains(document.activeElement)).toBe(true);

    await user.keyboard('{Escape}');
    expect(usersImport.request).toBeNull();
    await waitFor(() => expect(screen.queryByTestId('users-dialog')).toBeNull());
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
