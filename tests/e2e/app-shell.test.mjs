// The first thing a new user sees: the window opens, the navigation is there, the Sandbox
// profile is ready, and the page logged no error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { axeViolations, invoke, openApp, pageErrors, portIsOpen, saveScreenshot, waitUntilReady } from './harness.mjs';

let app;
before(async () => {
  app = await openApp();
  await waitUntilReady(app.browser);
});
let closed = false;
after(async () => {
  if (!closed) await app?.close();
});

test('the navigation lists the four screens', async () => {
  for (const id of ['environments', 'blueprints', 'profiles', 'history']) {
    const item = await app.browser.$(`[data-testid="nav-${id}"]`);
    assert.ok(await item.isDisplayed(), `nav-${id} is visible`);
  }
});

test('a new user gets a ready Sandbox profile backed by a running emulator', async () => {
  const info = await invoke(app.browser, 'app_info');
  assert.ok(info.ok, JSON.stringify(info));
  assert.match(info.ok.sandbox.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  const port = Number(new URL(info.ok.sandbox.endpoint).port);
  assert.ok(await portIsOpen(port), 'the emulator answers on its port');
  assert.equal(info.ok.dataDir, app.dataDir);

  const profiles = await invoke(app.browser, 'list_profiles');
  assert.deepEqual(
    profiles.ok.map((p) => [p.name, p.kind, p.isDefault]),
    [['Sandbox', 'sandbox', true]],
  );

  await (await app.browser.$('[data-testid="nav-profiles"]')).click();
  const screen = await app.browser.$('[data-testid="screen-profiles"]');
  await screen.waitForDisplayed({ timeout: 10_000 });
  await app.browser.waitUntil(async () => (await screen.getText()).includes('Sandbox'), {
    timeout: 10_000,
    timeoutMsg: 'the Profiles screen never listed the Sandbox profile',
  });
});

test('the page reports its first paint to the shell, which keeps the first figure', async () => {
  const { browser } = app;
  await browser.waitUntil(async () => (await browser.execute(() => document.body.dataset.firstPaintMs)) !== undefined, {
    timeout: 10_000,
    timeoutMsg: 'the page never reported its first paint',
  });
  const shown = Number(await browser.execute(() => document.body.dataset.firstPaintMs));
  assert.ok(Number.isInteger(shown) && shown > 0, `first paint ${shown} ms`);
  // A second report (a reload, or a page calling again) changes nothing.
  const again = await invoke(browser, 'first_paint');
  assert.deepEqual(again.ok, { sinceStartMs: shown });
});

test('each screen opens and the page logged no error', async () => {
  for (const id of ['blueprints', 'history', 'environments']) {
    await (await app.browser.$(`[data-testid="nav-${id}"]`)).click();
    await (await app.browser.$(`[data-testid="screen-${id}"]`)).waitForDisplayed({ timeout: 10_000 });
  }
  await saveScreenshot(app.browser, 'app-shell.png', { readme: true });
  assert.deepEqual(await pageErrors(app.browser), []);
});

test('axe finds no accessibility violation on any screen, in the light theme or the dark one', async () => {
  const found = [];
  for (const theme of ['light', 'dark']) {
    await (await app.browser.$('[data-testid="theme-choice"]')).selectByAttribute('value', theme);
    await app.browser.waitUntil(async () => (await app.browser.execute(() => document.documentElement.dataset.theme)) === theme);
    for (const id of ['environments', 'blueprints', 'profiles', 'history']) {
      await (await app.browser.$(`[data-testid="nav-${id}"]`)).click();
      await (await app.browser.$(`[data-testid="screen-${id}"]`)).waitForDisplayed({ timeout: 10_000 });
      if (id === 'blueprints') {
        await app.browser.waitUntil(async () => (await (await app.browser.$('[data-testid="diagram"]')).getAttribute('data-ready')) === 'true', { timeout: 30_000 });
      }
      found.push(...(await axeViolations(app.browser)).map((v) => `${theme} ${id}: ${v}`));
    }
  }
  await (await app.browser.$('[data-testid="theme-choice"]')).selectByAttribute('value', 'system');
  assert.deepEqual(found, []);
});

test('the window may ask whether notifications are allowed, but not send one', async () => {
  const asked = await invoke(app.browser, 'plugin:notification|is_permission_granted');
  assert.ok(!('error' in asked), JSON.stringify(asked));
  // The refusal can surface as the promise's rejection or as the driver's script error.
  const sent = await invoke(app.browser, 'plugin:notification|notify', { options: { title: 'from the page' } }).catch(
    (e) => ({ error: e.message }),
  );
  assert.match(String(sent.error), /not allowed/, JSON.stringify(sent));
});

test('closing the window stops the Sandbox emulator with it', async () => {
  const info = await invoke(app.browser, 'app_info');
  const port = Number(new URL(info.ok.sandbox.endpoint).port);
  await app.close();
  closed = true;
  const deadline = Date.now() + 20_000;
  while (await portIsOpen(port)) {
    assert.ok(Date.now() < deadline, `the emulator still answers on ${port} after the app quit`);
    await new Promise((r) => setTimeout(r, 100));
  }
});
