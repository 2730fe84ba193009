// Expiry while the app runs: an environment given a short life is provisioned from its page and,
// when its expiry passes, torn down by the app's own timer, with no click: the teardown is in its
// history, a desktop notification says so, and the Sandbox (read with plain boto3) holds nothing
// of it. Another, half an hour and a few seconds from its end, is warned of in the window and
// kept an hour more from the warning. No sleeps: every wait is on the page or the history.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appForFile, invoke, notificationSummaries, pageErrors } from './harness.mjs';
import { nonEmpty, sandboxOf } from './sandbox.mjs';

const app = appForFile();

async function create(browser, name, lifetime) {
  // Its own `project`, so the two environments' AWS names differ.
  const overrides = { project: name };
  const input = { name, blueprint: 'single-host-dev', source: null, overrides, profile: 'Sandbox', onFailure: 'keep', lifetime };
  const { ok, error } = await invoke(browser, 'create_environment', { input });
  assert.ok(ok, `create_environment ${name}: ${JSON.stringify(error)}`);
  return ok;
}

async function detail(browser, name) {
  const { ok, error } = await invoke(browser, 'get_environment', { name });
  assert.ok(ok, `get_environment ${name}: ${JSON.stringify(error)}`);
  return ok;
}

test('an environment whose expiry passes while the app runs is torn down by the app', async () => {
  const { browser } = app;
  const ENV = 'brief';
  const made = await create(browser, ENV, '75s');
  assert.ok(made.expiresAt, 'created with an expiry');

  await (await browser.$('[data-testid="nav-environments"]')).click();
  const row = await browser.$(`[data-testid="environment-row"][data-name="${ENV}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  await (await row.$('[data-testid="open-environment"]')).click();
  const page = await browser.$(`[data-testid="environment-page"][data-name="${ENV}"]`);
  await page.waitForDisplayed({ timeout: 10_000 });
  await (await browser.$('[data-testid="provision"]')).click();
  await browser.waitUntil(async () => (await page.getAttribute('data-status')) === 'ready', {
    timeout: 120_000,
    interval: 250,
    timeoutMsg: 'the environment never became ready',
  });
  const sandbox = await sandboxOf(browser);
  assert.ok(sandbox.liveTagged(ENV).instances.length >= 1, 'its instance runs before the expiry');

  // Nobody clicks anything from here: the expiry passes and the app's timer tears it down.
  await browser.waitUntil(async () => (await page.getAttribute('data-status')) === 'destroyed', {
    timeout: 240_000,
    interval: 500,
    timeoutMsg: 'the expired environment was never torn down',
  });
  const { jobs, summary } = await detail(browser, ENV);
  assert.equal(summary.status, 'destroyed');
  const kinds = jobs.map((j) => `${j.kind}:${j.status}`);
  assert.ok(kinds.includes('teardown:succeeded'), JSON.stringify(kinds));
  assert.ok(kinds.includes('provision:succeeded'), JSON.stringify(kinds));
  assert.deepEqual(nonEmpty(sandbox.liveTagged(ENV)), {});
  await browser.waitUntil(async () => notificationSummaries().includes(`${ENV} expired`), {
    timeout: 15_000,
    interval: 250,
    timeoutMsg: `no notification said it expired: ${JSON.stringify(notificationSummaries())}`,
  });
});

test('half an hour before its expiry the window warns, and keeps it an hour more', async () => {
  const { browser } = app;
  const ENV = 'kept';
  const made = await create(browser, ENV, '30m3s');
  const toast = await browser.$(`[data-testid="expiry-toast"][data-name="${ENV}"]`);
  await toast.waitForDisplayed({ timeout: 30_000, timeoutMsg: 'no warning came half an hour before the expiry' });
  assert.match(await toast.getText(), /30m left|29m left/);
  await browser.waitUntil(async () => notificationSummaries().includes(`${ENV} expires soon`), {
    timeout: 15_000,
    interval: 250,
    timeoutMsg: `no notification warned: ${JSON.stringify(notificationSummaries())}`,
  });

  await (await toast.$('[data-testid="expiry-keep"]')).click();
  await toast.waitForExist({ reverse: true, timeout: 10_000, timeoutMsg: 'the warning stayed after keeping' });
  const { summary } = await detail(browser, ENV);
  const added = Date.parse(summary.expiresAt) - Date.parse(made.expiresAt);
  assert.equal(added, 3_600_000, `one hour more: ${made.expiresAt} -> ${summary.expiresAt}`);
  assert.equal(summary.status, 'new', 'nothing was torn down');
  assert.deepEqual(await pageErrors(browser), []);
});
