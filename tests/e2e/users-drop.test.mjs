// The Users import in the real window. WebDriver cannot make an OS file drop, so the app is
// started with the file granted (`--grant-read`, what a real drop does in Rust) and the test
// emits the event Tauri emits for one (`tauri://drag-drop` to the webview, with real paths);
// everything after the OS is the real path: the page's drag-drop listener, the
// check_users_file command reading the granted file from disk, the core's check, the panel.
// The page itself can read or write nothing else: a forged drop grants nothing. Last, a small
// team is accepted for a docker-host environment and provisioned, and the instance's user data
// is read back from the Sandbox with plain boto3: the accepted users are in it, the invalid
// rows are not.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { appForFile, invoke, pageErrors, screenshots } from './harness.mjs';
import { sandboxOf } from './sandbox.mjs';

const granted = usersFile('team.csv', 2000);
// 2,000 users do not fit in AWS's 16 KB of user data; a team this size does.
const small = usersFile('small-team.csv', 12);
const app = appForFile({ grantRead: [granted, small] });

/** `rows` rows in Latin-1, two of them wrong (bob's email, root's username and role). */
function usersFile(name, rows) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hangar-users-'));
  const lines = ['username,email,name,role'];
  for (let i = 0; i < rows; i++) {
    if (i === 1) lines.push('bob,not-an-email,Bob,viewer');
    else if (i === 4) lines.push('root,root@example.com,Root,boss');
    else lines.push(`user${i},user${i}@example.com,Zoë ${i},${['admin', 'developer', 'viewer'][i % 3]}`);
  }
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
  return file;
}

async function texts(browser, selector) {
  return browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()), selector);
}

/** Emits the event Tauri emits for an OS drop of `file` on the window. */
async function drop(browser, file) {
  const emitted = await invoke(browser, 'plugin:event|emit_to', {
    target: { kind: 'Webview', label: 'main' },
    event: 'tauri://drag-drop',
    payload: { paths: [file], position: { x: 400, y: 300 } },
  });
  assert.ok(!emitted.error, JSON.stringify(emitted.error));
}

test('a dropped CSV opens the Users import with every row and its errors', async () => {
  const { browser } = app;
  await drop(browser, granted);

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

test('accepted users are baked into the instance the Sandbox runs, and the invalid rows are not', async () => {
  const { browser } = app;
  const ENV = 'team-dev';
  // The window creates an environment only to provision it at once; users reach an instance's
  // user data only before its first provision, so this one is recorded through the page's own
  // IPC bridge and provisioned from its page below.
  const created = await invoke(browser, 'create_environment', {
    input: { name: ENV, blueprint: 'docker-host', source: null, overrides: {}, profile: 'Sandbox', onFailure: 'keep' },
  });
  assert.ok(!created.error, JSON.stringify(created.error));

  // A dialog already open keeps the environments it listed when it opened: close it first.
  const close = await browser.$('[data-testid="users-close"]');
  if (await close.isExisting()) await close.click();
  await drop(browser, small);
  const summary = await browser.$('[data-testid="users-summary"]');
  await summary.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the drop never opened the Users import' });
  assert.equal(await (await browser.$('[data-testid="users-file-name"]')).getText(), 'small-team.csv');
  assert.equal(await (await browser.$('[data-testid="users-valid"]')).getText(), '10 valid rows');
  assert.equal(await (await browser.$('[data-testid="users-invalid"]')).getText(), '2 invalid rows');
  assert.equal(await (await browser.$('[data-testid="users-target"]')).getValue(), ENV);
  const accept = await browser.$('[data-testid="users-accept"]');
  await accept.waitForEnabled({ timeout: 10_000, timeoutMsg: 'Accept never became possible' });
  await accept.click();
  const imported = await browser.$('[data-testid="users-imported"]');
  await imported.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the users were never recorded' });
  assert.match(await imported.getText(), new RegExp(`Recorded 10 users for ${ENV}.*next provision bakes them into \\S*host`, 's'));
  await (await browser.$('[data-testid="users-close"]')).click();

  await (await browser.$('[data-testid="nav-environments"]')).click();
  const open = await browser.$(`[data-testid="environment-row"][data-name="${ENV}"] [data-testid="open-environment"]`);
  await open.waitForClickable({ timeout: 10_000 });
  await open.click();
  const provision = await browser.$('[data-testid="provision"]');
  await provision.waitForClickable({ timeout: 10_000 });
  await provision.click();
  const page = await browser.$(`[data-testid="environment-page"][data-name="${ENV}"]`);
  await browser.waitUntil(async () => (await page.getAttribute('data-status')) === 'ready', {
    timeout: 120_000,
    interval: 250,
    timeoutMsg: `${ENV} never became ready`,
  });

  const sandbox = await sandboxOf(browser);
  const instances = sandbox.liveTagged(ENV).instances;
  assert.equal(instances.length, 1, JSON.stringify(instances));
  assert.equal(instances[0].state, 'running');
  const { script, files } = sandbox.userData(instances[0].id);
  const csv = files['/opt/app/users.csv'];
  assert.ok(csv, `no users file in the user data: ${Object.keys(files)}`);
  const usernames = csv.trim().split(/\r?\n/).slice(1).map((line) => line.split(',')[0]);
  const expected = [0, 2, 3, 5, 6, 7, 8, 9, 10, 11].map((i) => `user${i}`);
  assert.deepEqual(usernames, expected);
  assert.match(csv, /user3@example\.com/);
  assert.match(csv, /Zoë 3/, 'the Latin-1 name arrives as text');
  for (const rejected of ['bob', 'not-an-email', 'root', 'boss']) {
    assert.ok(!csv.includes(rejected), `${rejected} reached the users file`);
  }
  // Nor does an invalid row travel anywhere else in the script (say, a variable of its own).
  assert.ok(!`${script}${JSON.stringify(files)}`.includes('not-an-email'), 'an invalid row reached the user data');
  assert.match(script, /APP_USERS_B64/);
  assert.deepEqual(await pageErrors(browser), []);
});
