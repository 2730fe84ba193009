// The Profiles screen in the real window: an access-keys profile pointed at the Sandbox's
// emulator is added through the form (its secret going into the real OS keychain), tested
// against STS, made the default, and deleted after confirmation — and the secret typed once
// never shows up in the page again.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { axeViolations, invoke, openApp, pageErrors, screenshots, waitUntilReady } from './harness.mjs';
import { scanForSecret } from './secret-forms.mjs';

const NAME = 'e2e-keys';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'hangar-e2e-Secret-7Qw9Zx3Lp0Vb';

let app;
let browser;
let endpoint;
before(async () => {
  app = await openApp();
  browser = app.browser;
  await waitUntilReady(browser);
  const info = await invoke(browser, 'app_info');
  assert.ok(info.ok?.sandbox, `the Sandbox runs: ${JSON.stringify(info)}`);
  endpoint = info.ok.sandbox.endpoint;
});
after(async () => {
  await app?.close();
});

const byTestId = (id) => browser.$(`[data-testid="${id}"]`);
const row = (name) => browser.$(`[data-testid="profile-row"][data-profile="${name}"]`);

async function waitForText(id, pattern, what) {
  const el = await byTestId(id);
  await el.waitForDisplayed({ timeout: 15_000, timeoutMsg: `${id} never appeared (${what})` });
  await browser.waitUntil(async () => pattern.test(await el.getText()), {
    timeout: 15_000,
    timeoutMsg: `${id} never said ${pattern} (${what})`,
  });
  return el;
}

test('adds an access-keys profile for the Sandbox endpoint through the form', async () => {
  await (await byTestId('nav-profiles')).click();
  await (await byTestId('screen-profiles')).waitForDisplayed({ timeout: 10_000 });
  await (await byTestId('profiles-add')).click();
  await (await byTestId('profile-form')).waitForDisplayed({ timeout: 10_000 });

  await (await byTestId('pf-name')).setValue(NAME);
  await (await byTestId('pf-region')).setValue('us-east-1');
  await (await byTestId('pf-access-key-id')).setValue(KEY_ID);
  const secret = await byTestId('pf-secret');
  assert.equal(await secret.getAttribute('type'), 'password');
  await secret.setValue(SECRET);
  await (await byTestId('pf-endpoint')).setValue(endpoint);
  await browser.saveScreenshot(path.join(screenshots, 'profiles-form.png'));
  assert.deepEqual(await axeViolations(browser), [], 'the profile form dialog passes axe');
  // The form is a modal dialog: focus is inside it.
  assert.ok(await browser.execute(() => document.querySelector('[data-testid="profile-form"]')?.contains(document.activeElement)));
  await (await byTestId('pf-save')).click();

  await (await byTestId('profile-form')).waitForExist({ reverse: true, timeout: 15_000, timeoutMsg: 'the form never closed after saving' });
  await (await row(NAME)).waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the new profile is not listed' });

  const listed = await invoke(browser, 'list_profiles');
  const mine = listed.ok.find((p) => p.name === NAME);
  // The form suggests 8 hours for the profile's environments, and the history keeps it.
  assert.deepEqual(mine, { name: NAME, region: 'us-east-1', kind: 'accessKeys', isDefault: false, endpoint, defaultLifetime: '8h' });
  const detail = await invoke(browser, 'get_profile', { name: NAME });
  assert.equal(detail.ok.accessKeyId, KEY_ID, 'the keychain holds the keys');
  assert.ok(!JSON.stringify(detail).includes(SECRET), 'get_profile never returns the secret');
});

test('tests it against the Sandbox and shows the account', async () => {
  await (await (await row(NAME)).$('[data-testid="profile-test"]')).click();
  await waitForText('test-account', /^123456789012$/, 'the connection test');
  assert.match(await (await byTestId('test-arn')).getText(), /^arn:aws:(iam|sts)::123456789012:/);
});

test('makes it the default, from the list, and the header follows', async () => {
  await (await (await row(NAME)).$('[data-testid="profile-make-default"]')).click();
  await waitForText('active-profile-name', new RegExp(`^${NAME}$`), 'the header chip');
  await (await (await row(NAME)).$('[data-testid="default-pill"]')).waitForDisplayed({ timeout: 10_000 });
  const listed = await invoke(browser, 'list_profiles');
  assert.deepEqual(listed.ok.filter((p) => p.isDefault).map((p) => p.name), [NAME]);

  await browser.saveScreenshot(path.join(screenshots, 'profiles.png'));
});

test('the secret typed once appears nowhere in the page, and the page logged no error', async () => {
  const html = await browser.execute(() => document.documentElement.outerHTML);
  assert.ok(html.includes(NAME), 'the page shows the profile');
  assert.ok(!html.includes(SECRET), 'the secret is not in the page');
  const elsewhere = await browser.execute(() => [
    window.location.href,
    JSON.stringify({ ...window.localStorage }),
    JSON.stringify({ ...window.sessionStorage }),
    ...Array.from(document.querySelectorAll('input')).map((i) => i.value),
  ]);
  assert.ok(!elsewhere.join('\n').includes(SECRET), 'the secret is not in the URL, storage or any input');
  assert.deepEqual(await pageErrors(browser), []);
});

test('the secret is in none of the app data directory files, the open history WAL included', () => {
  // The app still holds its history open, so SQLite's -wal file has not been folded away yet.
  const { files, found } = scanForSecret(app.dataDir, SECRET);
  assert.ok(files.some((f) => f.endsWith('hangar.sqlite3-wal')), `the WAL is there to scan: ${files.join(', ')}`);
  assert.deepEqual(found, [], 'no form of the secret on disk');
});

test('the header menu switches the default back to the Sandbox', async () => {
  await (await byTestId('active-profile')).click();
  const item = await browser.$('[data-testid="profile-menu-item"][data-profile="Sandbox"]');
  await item.waitForDisplayed({ timeout: 10_000 });
  await item.click();
  await waitForText('active-profile-name', /^Sandbox$/, 'the header chip after switching');
});

test('deletes it after confirmation', async () => {
  await (await (await row(NAME)).$('[data-testid="profile-delete"]')).click();
  const dialog = await byTestId('confirm-delete');
  await dialog.waitForDisplayed({ timeout: 10_000 });
  assert.match(await dialog.getText(), new RegExp(`${NAME}[\\s\\S]*keychain`));
  await (await byTestId('delete-confirm')).click();
  await (await row(NAME)).waitForExist({ reverse: true, timeout: 15_000, timeoutMsg: 'the profile is still listed' });
  const listed = await invoke(browser, 'list_profiles');
  assert.deepEqual(listed.ok.map((p) => p.name), ['Sandbox']);
  assert.deepEqual(await pageErrors(browser), []);
});
