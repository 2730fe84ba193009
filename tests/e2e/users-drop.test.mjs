// The Users import in the real window. WebDriver cannot make an OS file drop, so the app is
// started with the file granted (`--grant-read`, what a real drop does in Rust) and the test
// emits the event Tauri emits for one (`tauri://drag-drop` to the webview, with real paths);
// everything after the OS is the real path: the page's drag-drop listener, the
// check_users_file command reading the granted file from disk, the core's check, the panel.
// The page itself can read or write nothing else: a forged drop grants nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { appForFile, invoke, pageErrors, screenshots } from './harness.mjs';

const granted = usersFile();
const app = appForFile({ grantRead: [granted] });

/** 2,000 rows in Latin-1, two of them wrong. */
function usersFile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hangar-users-'));
  const lines = ['username,email,name,role'];
  for (let i = 0; i < 2000; i++) {
    if (i === 1) lines.push('bob,not-an-email,Bob,viewer');
    else if (i === 4) lines.push('root,root@example.com,Root,boss');
    else lines.push(`user${i},user${i}@example.com,Zoë ${i},${['admin', 'developer', 'viewer'][i % 3]}`);
  }
  const file = path.join(dir, 'team.csv');
  writeFileSync(file, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
  return file;
}

async function texts(browser, selector) {
  return browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()), selector);
}

test('a dropped CSV opens the Users import with every row and its errors', async () => {
  const { browser } = app;
  const file = granted;
  const emitted = await invoke(browser, 'plugin:event|emit_to', {
    target: { kind: 'Webview', label: 'main' },
    event: 'tauri://drag-drop',
    payload: { paths: [file], position: { x: 400, y: 300 } },
  });
  assert.ok(!emitted.error, JSON.stringify(emitted.error));

  const summary = await browser.$('[data-testid="users-summary"]');
  await summary.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the drop never opened the Users import' });
  assert.equal(await (await browser.$('[data-testid="users-file-name"]')).getText(), 'team.csv');
  assert.equal(await (await browser.$('[data-testid="users-valid"]')).getText(), '1,998 valid rows');
  assert.equal(await (await browser.$('[data-testid="users-invalid"]')).getText(), '2 invalid rows');
  assert.match((await texts(browser, '[data-testid="users-warning"]')).join('\n'), /Windows-1252|Latin-1/);

  // The errors sit at their rows and columns: row 3 is bob's bad email, row 6 root's name and role.
  const marked = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="users-row"]')]
      .filter((r) => r.querySelector('[data-error="true"]'))
      .map((r) => ({
        row: r.dataset.row,
        columns: [...r.querySelectorAll('[data-error="true"]')].map((c) => c.dataset.column),
        problems: r.querySelector('[data-testid="row-problems"]').textContent,
      })),
  );
  assert.deepEqual(
    marked.map((m) => [m.row, m.columns]),
    [
      ['3', ['email']],
      ['6', ['username', 'role']],
    ],
  );
  assert.match(marked[0].problems, /email: .*not-an-email/);
  assert.match(marked[1].problems, /role: .*boss/);

  // Only the rows in view are in the page.
  const rendered = (await texts(browser, '[data-testid="users-row"]')).length;
  assert.ok(rendered > 5 && rendered < 60, `${rendered} rows rendered`);
  // With no environment yet, nothing can be accepted.
  assert.equal(await (await browser.$('[data-testid="users-accept"]')).isEnabled(), false);
  assert.match(await (await browser.$('[data-testid="users-accept"]')).getText(), /Accept 1,998 valid rows/);

  await browser.saveScreenshot(path.join(screenshots, 'users-import.png'));
  assert.deepEqual(await pageErrors(browser), []);
});

/** What a refused call says: WebDriver turns a rejected `{ code, message }` into its own error. */
async function refusal(browser, cmd, args) {
  const result = await invoke(browser, cmd, args).catch((e) => ({ error: e.message }));
  assert.ok(result.error, `${cmd} was not refused: ${JSON.stringify(result)}`);
  return typeof result.error === 'string' ? result.error : JSON.stringify(result.error);
}

test('the page reads and writes only what the person granted, and opens no dialog itself', async () => {
  const { browser } = app;
  const secret = path.join(mkdtempSync(path.join(os.tmpdir(), 'hangar-secret-')), '.env');
  writeFileSync(secret, 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n');
  // A forged drop event reaches the page, but grants nothing in Rust.
  await invoke(browser, 'plugin:event|emit_to', {
    target: { kind: 'Webview', label: 'main' },
    event: 'tauri://drag-drop',
    payload: { paths: [secret], position: { x: 400, y: 300 } },
  });
  for (const hostile of [secret, '/etc/passwd', '/dev/zero', `${granted}/../../etc/passwd`]) {
    // A rejected `{ code, message }` reaches WebDriver as "[object Object]": the refusal is
    // what can be checked here (its message is checked in crates/engine/tests/user_files.rs).
    const read = await refusal(browser, 'check_users_file', { path: hostile, roles: null });
    assert.doesNotMatch(read, /wJalrXUtnFEMI/);
    await refusal(browser, 'import_users', { env: 'x', path: hostile, acceptValid: true, roles: null });
  }
  const target = path.join(os.homedir(), '.hangar-e2e-export.csv');
  await refusal(browser, 'export_users', { env: 'x', path: target });
  assert.ok(!existsSync(target), `${target} was written`);
  // Neither the dialog plugin nor an unknown command is callable from the page.
  for (const cmd of ['plugin:dialog|open', 'plugin:dialog|save', 'read_any_file']) {
    assert.match(await refusal(browser, cmd, { options: {} }), /not allowed|not found/, cmd);
  }
});
